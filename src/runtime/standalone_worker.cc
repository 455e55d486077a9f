#include "runtime/standalone_worker.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "runtime/commit_tracker.h"
#include "runtime/connector_setup.h"
#include "runtime/dead_letter_file.h"
#include "runtime/in_process_topics.h"
#include "runtime/kafka_transport.h"
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

struct StandaloneWorker::Impl {
  WorkerConfig worker;
  std::vector<connect::Config> connector_configs;
  const connect::PluginRegistry* plugins;

  OffsetStore offsets;
  DeadLetterFile dead_letters;
  std::vector<SourceRunner> sources;
  std::vector<SinkRunner> sinks;
  std::unique_ptr<Transport> transport;
  CommitTracker tracker;

  Impl(WorkerConfig w, std::vector<connect::Config> c, const connect::PluginRegistry* p)
      : worker(std::move(w)),
        connector_configs(std::move(c)),
        plugins(p),
        offsets(worker.offset_file),
        dead_letters((std::filesystem::path(worker.data_dir) / "dead-letter").string()) {}

  Status Commit();
  Status Iterate(bool* any);
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
  if (m.worker.bootstrap_servers) {
    TRIB_ASSIGN_OR_RETURN(m.transport, KafkaTransport::Create(m.worker));
  } else {
    m.transport = std::make_unique<InProcessTopics>(&m.offsets, &m.dead_letters);
  }

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
  TRIB_RETURN_IF_ERROR(m.transport->AttachSinks(&m.sinks));
  for (auto& runner : m.sources) {
    SourceConnector& source = runner.connector();
    TRIB_RETURN_IF_ERROR(
        source.task->Start(source.context, source.config, m.offsets.SourceOffsets(source.name))
            .Annotate(fmt::format("source connector '{}'", source.name)));
    spdlog::info("connector '{}' started (source {})", source.name, source.class_name);
  }
  return Status::OK();
}

Status StandaloneWorker::Impl::Commit() {
  auto commit = tracker.TakeCommittable([this](const std::string& topic, int32_t partition) {
    return transport->DurableEnd(topic, partition);
  });
  bool sinks_moved = false;
  if (transport->CommitsSequences()) {
    for (const auto& runner : sinks) {
      for (const auto& [tp, durable] : runner.durable()) {
        const std::string& name = runner.connector().name;
        // Monotonic: while a replay skips records a sink already holds, the sink reports
        // only what it was handed so far, which may be below its stored offset.
        if (durable <= offsets.SinkOffset(name, tp.first, tp.second)) continue;
        offsets.SetSinkOffset(name, tp.first, tp.second, durable);
        sinks_moved = true;
      }
    }
  }
  if (commit.empty() && !sinks_moved) return Status::OK();
  for (const auto& c : commit.offsets)
    offsets.SetSourceOffset(c.connector, c.source_partition, c.source_offset);
  if (transport->CommitsSequences()) {
    for (const auto& [tp, next] : commit.next_sequences)
      offsets.SetNextSequence(tp.first, tp.second, next);
  }
  TRIB_RETURN_IF_ERROR(offsets.Save());
  if (commit.empty()) return Status::OK();
  for (auto& runner : sources) TRIB_RETURN_IF_ERROR(runner.connector().task->Commit());
  return Status::OK();
}

Status StandaloneWorker::Impl::Iterate(bool* any) {
  *any = false;
  int wait_ms = static_cast<int>(worker.poll_wait_ms);
  for (auto& source : sources) {
    bool got = false;
    TRIB_RETURN_IF_ERROR(source.PollOnce(wait_ms, *transport, tracker, &got));
    *any = *any || got;
  }
  // With sources to poll, they did the waiting; a sink-only worker waits on its consumers.
  TRIB_RETURN_IF_ERROR(transport->Pump(sources.empty() ? wait_ms : 0));
  int64_t now = NowMs();
  for (auto& sink : sinks) TRIB_RETURN_IF_ERROR(sink.Flush(now));
  TRIB_RETURN_IF_ERROR(transport->CommitSinks());
  return Commit();
}

Status StandaloneWorker::Run(int64_t max_idle_loops) {
  Impl& m = *impl_;
  Status result;
  int64_t idle = 0;
  while (!stop_.load()) {
    bool any = false;
    result = m.Iterate(&any);
    if (!result.ok()) break;
    idle = any ? 0 : idle + 1;
    if (max_idle_loops > 0 && idle >= max_idle_loops) break;
  }
  if (result.ok()) {
    // Deliver what is in flight so its offsets can be committed before stopping.
    result = m.transport->Drain();
    if (result.ok()) result = m.Commit();
  }
  if (!result.ok()) spdlog::error("worker stopping: {}", result.message());
  for (auto& source : m.sources) source.connector().task->Stop();
  for (auto& sink : m.sinks) sink.connector().task->Stop();
  return result;
}

}  // namespace tributary::runtime
