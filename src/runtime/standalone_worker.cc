#include "runtime/standalone_worker.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "runtime/connector_setup.h"
#include "runtime/dead_letter_file.h"
#include "runtime/in_process_topics.h"
#include "runtime/kafka_transport.h"
#include "runtime/offset_store.h"
#include "runtime/worker.h"

namespace tributary::runtime {

struct StandaloneWorker::Impl {
  WorkerConfig worker;
  std::vector<connect::Config> connector_configs;
  const connect::PluginRegistry* plugins;

  OffsetStore offsets;
  DeadLetterFile dead_letters;
  std::unique_ptr<Transport> transport;
  std::unique_ptr<Worker> tasks;

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

Status StandaloneWorker::Start() {
  Impl& m = *impl_;
  std::error_code ec;
  std::filesystem::create_directories(m.worker.data_dir, ec);
  if (ec)
    return Status::IOError("cannot create data.dir '{}': {}", m.worker.data_dir, ec.message());
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
  // Every config is checked before any task starts; sinks start first, so they are ready
  // before the first record arrives.
  std::vector<const connect::Config*> sources, sinks;
  for (const auto& config : m.connector_configs) {
    TRIB_ASSIGN_OR_RETURN(ConnectorKind kind, ClassifyConnector(config, *m.plugins));
    (kind == ConnectorKind::kSource ? sources : sinks).push_back(&config);
  }
  for (const auto* config : sinks) TRIB_RETURN_IF_ERROR(m.tasks->StartTask(*config, 0));
  for (const auto* config : sources) TRIB_RETURN_IF_ERROR(m.tasks->StartTask(*config, 0));
  return Status::OK();
}

Status StandaloneWorker::Run(int64_t max_idle_loops) {
  Impl& m = *impl_;
  Status result;
  int64_t idle = 0;
  while (!stop_.load()) {
    bool any = false;
    result = m.tasks->Iterate(static_cast<int>(m.worker.poll_wait_ms), &any);
    if (result.ok()) {
      // Standalone stops at the first failed task, as embedded mode must (see Worker).
      auto failures = m.tasks->TakeFailures();
      if (!failures.empty()) result = failures.front().error;
    }
    if (!result.ok()) break;
    idle = any ? 0 : idle + 1;
    if (max_idle_loops > 0 && idle >= max_idle_loops) break;
  }
  if (result.ok()) {
    // Deliver what is in flight so its offsets can be committed before stopping.
    result = m.tasks->DrainAndCommit();
  }
  if (!result.ok()) spdlog::error("worker stopping: {}", result.message());
  m.tasks.reset();
  return result;
}

}  // namespace tributary::runtime
