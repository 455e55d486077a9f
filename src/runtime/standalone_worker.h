// StandaloneWorker: Kafka Connect's connect-standalone. The connector files given at start
// fill an in-memory config store; a Herder with SoleMember runs every task over a Transport:
// in process (embedded mode, no bootstrap.servers) or through Kafka. control() is the REST
// API's handle (connectors may be added, paused, restarted or deleted while it runs; those
// changes last until the process ends).
//
// Each loop iteration:
//   sources Poll -> transforms -> key/value converters (schemas registered and checked) ->
//   transport (in-process topic partition or Kafka) -> sink converters -> transforms -> Put;
//   then sinks report what is durable (PreCommit), and the source offsets of records durable
//   everywhere are committed to the offset file, atomically with (embedded mode) the
//   in-process sequence counters, so a crash replays exactly the uncommitted records under the
//   same offsets.
//
// A failed task stops the worker in embedded mode, and whenever no REST API (worker key
// `listeners`) could show and restart it; otherwise it is reported FAILED and the rest runs on.
//
// Thread-safety: Run() drives everything from the calling thread; RequestStop() may be called
// from any thread; control() serves REST threads.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/config.h"
#include "connect/plugins.h"
#include "connectrest/prometheus_metrics.h"
#include "connectrest/worker_control.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

class StandaloneWorker {
 public:
  StandaloneWorker(WorkerConfig worker, std::vector<connect::Config> connectors,
                   const connect::PluginRegistry* plugins);
  ~StandaloneWorker();

  // Validates every connector config (errors name the connector and the key at fault), loads
  // the committed offsets and starts the tasks.
  Status Start();
  // Runs until RequestStop() or a failure that stops the worker; commits what is durable and
  // stops the tasks before returning. `max_idle_loops` > 0 stops after that many consecutive
  // iterations in which no source returned anything.
  Status Run(int64_t max_idle_loops = 0);
  void RequestStop() { stop_.store(true); }

  // Valid after Start.
  connectrest::WorkerControl* control();
  connectrest::MetricsSource* metrics();
  // The REST API's address, reported as the worker id in statuses (before Run).
  void SetWorkerId(std::string id);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stop_{false};
};

}  // namespace tributary::runtime
