#include "runtime/worker_services.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "http/listener_address.h"
#include "registry/embedded_registry.h"

namespace tributary::runtime {

Result<std::unique_ptr<WorkerServices>> WorkerServices::Start(const WorkerConfig& worker) {
  std::unique_ptr<WorkerServices> services(new WorkerServices());
  std::string dir = (std::filesystem::path(worker.data_dir) / "registry").string();
  TRIB_ASSIGN_OR_RETURN(services->registry_, registry::Registry::OpenEmbedded(dir));
  registry::SetEmbeddedRegistry(services->registry_.get());
  if (worker.registry_listeners) {
    auto listener =
        http::ParseListeners("worker key 'registry.listeners'", *worker.registry_listeners, 8081);
    if (!listener.ok()) return listener.status();
    services->rest_ = std::make_unique<registry::RestServer>(services->registry_.get());
    TRIB_RETURN_IF_ERROR(services->rest_->Start(listener->host, listener->port)
                             .Annotate("worker key 'registry.listeners'"));
    spdlog::info("schema registry REST API on http://{}:{}", listener->host,
                 services->rest_->port());
  }
  return services;
}

WorkerServices::~WorkerServices() {
  if (rest_) rest_->Stop();
  registry::SetEmbeddedRegistry(nullptr);
}

}  // namespace tributary::runtime
