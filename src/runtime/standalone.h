// `tributary standalone WORKER.properties CONNECTOR.properties...`: Kafka Connect's
// connect-standalone. Without bootstrap.servers the connectors run embedded, in process;
// with it, through Kafka (StandaloneWorker and its Transport).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "connect/plugins.h"

namespace tributary::runtime {

struct StandaloneOptions {
  std::string worker_file;
  std::vector<std::string> connector_files;
  // Stop after this many consecutive empty polls (0: run until SIGINT/SIGTERM).
  int64_t exit_after_idle_polls = 0;
};

// Runs until a signal or a fatal task error. Returns the first error. `plugins` holds every
// connector, converter and transform the configs may name.
Status RunStandalone(const StandaloneOptions& options, const connect::PluginRegistry& plugins);

}  // namespace tributary::runtime
