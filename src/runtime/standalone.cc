#include "runtime/standalone.h"

#include <csignal>
#include <spdlog/spdlog.h>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include "connect/plugins.h"
#include "connectrest/connect_rest_server.h"
#include "http/listener_address.h"
#include "runtime/standalone_worker.h"
#include "runtime/worker_services.h"

namespace tributary::runtime {

namespace {

std::atomic<bool> g_stop_requested{false};

void OnSignal(int) { g_stop_requested.store(true); }

}  // namespace

Status RunStandalone(const StandaloneOptions& options, const connect::PluginRegistry& plugins) {
  TRIB_ASSIGN_OR_RETURN(connect::Config worker_raw,
                        connect::Config::LoadPropertiesFile(options.worker_file));
  TRIB_ASSIGN_OR_RETURN(WorkerConfig worker, WorkerConfig::FromConfig(std::move(worker_raw)));
  std::vector<connect::Config> connectors;
  for (const auto& file : options.connector_files) {
    TRIB_ASSIGN_OR_RETURN(connect::Config c, connect::Config::LoadPropertiesFile(file));
    connectors.push_back(std::move(c));
  }

  TRIB_ASSIGN_OR_RETURN(auto services, WorkerServices::Start(worker));

  std::optional<http::ListenerAddress> listener;
  if (worker.rest_listeners) {
    TRIB_ASSIGN_OR_RETURN(listener, http::ParseListeners("worker key 'listeners'",
                                                         *worker.rest_listeners, 8083));
  }
  WorkerConfig rest_config = worker;
  StandaloneWorker standalone(std::move(worker), std::move(connectors), &plugins);
  TRIB_RETURN_IF_ERROR(standalone.Start());
  std::unique_ptr<connectrest::ConnectRestServer> rest;
  if (listener) {
    rest = std::make_unique<connectrest::ConnectRestServer>(standalone.control(),
                                                          standalone.metrics());
    TRIB_RETURN_IF_ERROR(
        rest->Start(listener->host, listener->port).Annotate("worker key 'listeners'"));
    TRIB_ASSIGN_OR_RETURN(std::string id,
                          AdvertisedRestAddress(rest_config, listener->host, rest->port()));
    standalone.SetWorkerId(id);
    spdlog::info("Connect REST API on http://{}:{} (worker {})", listener->host, rest->port(),
                 id);
  }

  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    while (!finished.load()) {
      if (g_stop_requested.load()) {
        spdlog::info("stop requested; committing what is durable");
        standalone.RequestStop();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  Status s = standalone.Run(options.exit_after_idle_polls);
  finished.store(true);
  watcher.join();
  return s;
}

}  // namespace tributary::runtime
