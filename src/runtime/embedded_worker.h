// EmbeddedWorker: runs source and sink connectors in one process with no Kafka
// (`tributary standalone` when the worker config has no bootstrap.servers).
//
// Data flow per loop iteration:
//   source.Poll -> transforms -> key/value converters (schemas registered and checked in the
//   registry) -> in-process topic partition (each record gets the next sequence number, which
//   plays the Kafka offset) -> each subscribed sink's converters -> sink.Put
// then sinks report what is durable (PreCommit), and the source offsets of records durable in
// every sink are committed to the offset file together with the sequence counters, so a crash
// replays exactly the uncommitted records under the same offsets.
//
// Thread-safety: Run() drives everything from the calling thread; RequestStop() may be called
// from any thread (e.g. a signal handler's flag watcher).
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

class EmbeddedWorker {
 public:
  EmbeddedWorker(WorkerConfig worker, std::vector<connect::Config> connectors,
                 const connect::PluginRegistry* plugins);
  ~EmbeddedWorker();

  // Validates every connector config, builds tasks, converters and transforms, loads the
  // committed offsets and starts the tasks. Errors name the connector and the key at fault.
  Status Start();
  // Runs until RequestStop() or a task fails (tolerance none); commits what is durable and
  // stops the tasks before returning. `max_idle_loops` > 0 stops after that many consecutive
  // polls that returned nothing (used by tests and one-shot runs).
  Status Run(int64_t max_idle_loops = 0);
  void RequestStop() { stop_.store(true); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stop_{false};
};

}  // namespace tributary::runtime
