// StandaloneWorker: runs a fixed set of source and sink connectors in one process, like Kafka
// Connect's connect-standalone. Records travel through a Transport: in process (embedded mode,
// no bootstrap.servers) or through Kafka.
//
// Each loop iteration:
//   sources Poll -> transforms -> key/value converters (schemas registered and checked) ->
//   transport (in-process topic partition or Kafka) -> sink converters -> transforms -> Put;
//   then sinks report what is durable (PreCommit), and the source offsets of records durable
//   everywhere are committed to the offset file, atomically with (embedded mode) the
//   in-process sequence counters, so a crash replays exactly the uncommitted records under the
//   same offsets.
//
// Thread-safety: Run() drives everything from the calling thread; RequestStop() may be called
// from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/config.h"
#include "connect/plugins.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

class StandaloneWorker {
 public:
  StandaloneWorker(WorkerConfig worker, std::vector<connect::Config> connectors,
                   const connect::PluginRegistry* plugins);
  ~StandaloneWorker();

  // Validates every connector config, builds tasks, converters and transforms, loads the
  // committed offsets and starts the tasks. Errors name the connector and the key at fault.
  Status Start();
  // Runs until RequestStop() or a task fails (errors.tolerance=none); commits what is durable
  // and stops the tasks before returning. `max_idle_loops` > 0 stops after that many
  // consecutive iterations in which no source returned anything.
  Status Run(int64_t max_idle_loops = 0);
  void RequestStop() { stop_.store(true); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stop_{false};
};

}  // namespace tributary::runtime
