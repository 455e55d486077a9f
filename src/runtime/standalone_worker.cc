#include "runtime/standalone_worker.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "runtime/connector_setup.h"
#include "runtime/connector_validation.h"
#include "runtime/dead_letter_file.h"
#include "runtime/herder.h"
#include "runtime/in_process_topics.h"
#include "runtime/kafka_transport.h"
#include "runtime/memory_config_store.h"
#include "runtime/memory_status_store.h"
#include "runtime/membership.h"
#include "runtime/offset_store.h"
#include "runtime/worker.h"

namespace tributary::runtime {

struct StandaloneWorker::Impl {
  WorkerConfig worker;
  std::vector<connect::Config> connector_configs;
  const connect::PluginRegistry* plugins;
  std::string worker_id = "standalone";

  OffsetStore offsets;
  DeadLetterFile dead_letters;
  std::unique_ptr<Transport> transport;
  std::unique_ptr<Worker> tasks;
  MemoryConfigStore configs;
  MemoryStatusStore statuses;
  SoleMember membership;
  std::unique_ptr<Herder> herder;

  Impl(WorkerConfig w, std::vector<connect::Config> c, const connect::PluginRegistry* p)
      : worker(std::move(w)),
        connector_configs(std::move(c)),
        plugins(p),
        offsets(worker.offset_file),
        dead_letters((std::filesystem::path(worker.data_dir) / "dead-letter").string()) {}
};

StandaloneWorker::StandaloneWorker(WorkerConfig worker, std::vector<connect::Config> connectors,
                                   const connect::PluginRegistry* plugins)
    : impl_(std::make_unique<Impl>(std::move(worker), std::move(connectors), plugins)) {}

StandaloneWorker::~StandaloneWorker() = default;

void StandaloneWorker::SetWorkerId(std::string id) {
  impl_->worker_id = id;
  if (impl_->herder) impl_->herder->SetWorkerId(std::move(id));
}

connectrest::WorkerControl* StandaloneWorker::control() { return impl_->herder.get(); }

connectrest::MetricsSource* StandaloneWorker::metrics() { return impl_->tasks.get(); }

Status StandaloneWorker::Start() {
  Impl& m = *impl_;
  if (m.worker.exactly_once_source == ExactlyOnceSourceSupport::kEnabled)
    return Status::InvalidArgument(
        "worker key 'exactly.once.source.support=enabled' needs the offsets in a Kafka topic "
        "written by the same transactions: run a distributed worker (`tributary connect`), as "
        "Kafka Connect requires");
  std::error_code ec;
  std::filesystem::create_directories(m.worker.data_dir, ec);
  if (ec)
    return Status::IOError("cannot create data.dir '{}': {}", m.worker.data_dir, ec.message());
  // Every config is checked before anything starts.
  for (const auto& config : m.connector_configs) {
    TRIB_RETURN_IF_ERROR(CheckConnectorConfig(m.worker, *m.plugins, config.values()));
    const std::string name = config.GetString("name");
    TRIB_RETURN_IF_ERROR(
        m.configs.PutConnector(name, config.values(), TaskCount(*m.plugins, config.values())));
  }
  TRIB_RETURN_IF_ERROR(m.offsets.Load());
  OffsetStore* embedded_state = nullptr;
  if (m.worker.bootstrap_servers) {
    TRIB_ASSIGN_OR_RETURN(m.transport, KafkaTransport::Create(m.worker));
  } else {
    m.transport = std::make_unique<InProcessTopics>(&m.offsets, &m.dead_letters);
    embedded_state = &m.offsets;
  }
  m.tasks = std::make_unique<Worker>(&m.worker, m.plugins, m.transport.get(), &m.offsets,
                                     embedded_state);
  Herder::Parts parts;
  parts.worker_config = &m.worker;
  parts.plugins = m.plugins;
  parts.configs = &m.configs;
  parts.statuses = &m.statuses;
  parts.offsets = &m.offsets;
  parts.worker = m.tasks.get();
  parts.cluster_id = m.worker.bootstrap_servers ? "standalone" : "embedded";
  parts.stop_on_task_failure = !m.worker.rest_listeners;
  m.herder = std::make_unique<Herder>(std::move(parts));
  m.herder->SetWorkerId(m.worker_id);
  m.herder->SetMembership(&m.membership);
  return Status::OK();
}

Status StandaloneWorker::Run(int64_t max_idle_loops) {
  Impl& m = *impl_;
  Status result;
  int64_t idle = 0;
  while (!stop_.load()) {
    bool any = false;
    result = m.herder->Tick(&any);
    if (!result.ok()) break;
    idle = any ? 0 : idle + 1;
    if (max_idle_loops > 0 && idle >= max_idle_loops) break;
  }
  // Deliver what is in flight so its offsets can be committed before stopping.
  Status shutdown = m.herder->Shutdown();
  if (result.ok()) result = shutdown;
  if (!result.ok()) spdlog::error("worker stopping: {}", result.message());
  return result;
}

}  // namespace tributary::runtime
