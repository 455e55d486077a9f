// WorkerServices: what an embedded worker hosts besides its connectors: the schema registry
// (data under <data.dir>/registry), reachable in-process by the Avro converters and, when the
// worker sets registry.listeners, over the Confluent REST API.
//
// Thread-safety: create before the connectors start, destroy after they stop.
#pragma once

#include <memory>

#include "common/status.h"
#include "registry/registry.h"
#include "registry/rest_server.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

class WorkerServices {
 public:
  ~WorkerServices();
  static Result<std::unique_ptr<WorkerServices>> Start(const WorkerConfig& worker);
  registry::Registry* registry() { return registry_.get(); }

 private:
  WorkerServices() = default;
  std::unique_ptr<registry::Registry> registry_;
  std::unique_ptr<registry::RestServer> rest_;
};

}  // namespace tributary::runtime
