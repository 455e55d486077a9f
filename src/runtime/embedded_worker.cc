#include "runtime/embedded_worker.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "runtime/commit_tracker.h"
#include "runtime/connector_setup.h"
#include "runtime/dead_letter_file.h"
#include "runtime/in_process_topics.h"
#include "runtime/offset_store.h"
#include "runtime/sink_runner.h"
#include "runtime/source_runner.h"

namespace tributary::runtime {

namespace {
int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

struct EmbeddedWorker::Impl {
  WorkerConfig worker;
  std::vector<connect::Config> connector_configs;
  const connect::PluginRegistry* plugins;

  OffsetStore offsets;
  DeadLetterFile dead_letters;
  std::vector<SourceRunner> sources;
  std::vector<SinkRunner> sinks;
  InProcessTopics topics;
  CommitTracker tracker;

  Impl(WorkerConfig w, std::vector<connect::Config> c, const connect::PluginRegistry* p)
      : worker(std::move(w)),
        connector_configs(std::move(c)),
        plugins(p),
        offsets(worker.offset_file),
        dead_letters((std::filesystem::path(worker.data_dir) / "dead-letter").string()),
        topics(&offsets, &sinks, &dead_letters) {}

  Status Commit();
};

EmbeddedWorker::EmbeddedWorker(WorkerConfig worker, std::vector<connect::Config> connectors,
                               const connect::PluginRegistry* plugins)
    : impl_(std::make_unique<Impl>(std::move(worker), std::move(connectors), plugins)) {}

EmbeddedWorker::~EmbeddedWorker() = default;

Status EmbeddedWorker::Start() {
  Impl& m = *impl_;
  std::error_code ec;
  std::filesystem::create_directories(m.worker.data_dir, ec);
  if (ec)
    return Status::IOError("cannot create data.dir '{}': {}", m.worker.data_dir, ec.message());
  TRIB_RETURN_IF_ERROR(m.offsets.Load());

  for (const auto& config : m.connector_configs) {
    TRIB_ASSIGN_OR_RETURN(ConnectorKind kind, ClassifyConnector(config, *m.plugins));
    if (kind == ConnectorKind::kSource) {
      TRIB_ASSIGN_OR_RETURN(SourceConnector source,
                            BuildSourceConnector(m.worker, config, *m.plugins));
      m.sources.emplace_back(std::move(source));
    } else {
      TRIB_ASSIGN_OR_RETURN(SinkConnector sink, BuildSinkConnector(m.worker, config, *m.plugins));
      m.sinks.emplace_back(std::move(sink));
    }
  }
  // Sinks first, so they are ready before the first record arrives.
  for (auto& runner : m.sinks) {
    SinkConnector& sink = runner.connector();
    TRIB_RETURN_IF_ERROR(sink.task->Start(sink.context, sink.config)
                             .Annotate(fmt::format("sink connector '{}'", sink.name)));
    spdlog::info("connector '{}' started (sink {})", sink.name, sink.class_name);
  }
  for (auto& runner : m.sources) {
    SourceConnector& source = runner.connector();
    TRIB_RETURN_IF_ERROR(
        source.task->Start(source.context, source.config, m.offsets.SourceOffsets(source.name))
            .Annotate(fmt::format("source connector '{}'", source.name)));
    spdlog::info("connector '{}' started (source {})", source.name, source.class_name);
  }
  return Status::OK();
}

Status EmbeddedWorker::Impl::Commit() {
  auto commit = tracker.TakeCommittable([this](const std::string& topic, int32_t partition) {
    return topics.DurableEnd(topic, partition);
  });
  if (commit.empty()) return Status::OK();
  for (const auto& c : commit.offsets)
    offsets.SetSourceOffset(c.connector, c.source_partition, c.source_offset);
  for (const auto& [tp, next] : commit.next_sequences)
    offsets.SetNextSequence(tp.first, tp.second, next);
  TRIB_RETURN_IF_ERROR(offsets.Save());
  for (auto& runner : sources) TRIB_RETURN_IF_ERROR(runner.connector().task->Commit());
  return Status::OK();
}

Status EmbeddedWorker::Run(int64_t max_idle_loops) {
  Impl& m = *impl_;
  Status result;
  int64_t idle = 0;
  while (!stop_.load()) {
    bool any = false;
    for (auto& source : m.sources) {
      bool got = false;
      result = source.PollOnce(static_cast<int>(m.worker.poll_wait_ms), m.topics, m.tracker, &got);
      if (!result.ok()) break;
      any = any || got;
    }
    if (!result.ok()) break;
    int64_t now = NowMs();
    for (auto& sink : m.sinks) {
      result = sink.Flush(now);
      if (!result.ok()) break;
    }
    if (!result.ok()) break;
    result = m.Commit();
    if (!result.ok()) break;
    idle = any ? 0 : idle + 1;
    if (max_idle_loops > 0 && idle >= max_idle_loops) break;
  }
  if (!result.ok()) spdlog::error("worker stopping: {}", result.message());
  for (auto& source : m.sources) source.connector().task->Stop();
  for (auto& sink : m.sinks) sink.connector().task->Stop();
  return result;
}

}  // namespace tributary::runtime
