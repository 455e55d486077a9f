#include "runtime/worker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/clock.h"

namespace tributary::runtime {

namespace {

template <typename Runner>
bool IsTask(const Runner& runner, const std::string& connector, int task_id) {
  return runner.connector().name == connector && runner.connector().context.task_id == task_id;
}

}  // namespace

Worker::Worker(const WorkerConfig* config, const connect::PluginRegistry* plugins,
               Transport* transport, SourceOffsetStore* offsets, OffsetStore* embedded_state)
    : config_(config),
      plugins_(plugins),
      transport_(transport),
      offsets_(offsets),
      embedded_state_(embedded_state) {}

Worker::~Worker() {
  for (auto& sink : sinks_) {
    transport_->DetachSink(&sink);
    sink.connector().task->Stop();
  }
  for (auto& source : sources_) source.connector().task->Stop();
}

Status Worker::StartTask(const connect::Config& config, int task_id) {
  TRIB_ASSIGN_OR_RETURN(ConnectorKind kind, ClassifyConnector(config, *plugins_));
  if (kind == ConnectorKind::kSource) {
    TRIB_ASSIGN_OR_RETURN(SourceConnector source,
                          BuildSourceConnector(*config_, config, *plugins_, task_id));
    std::unique_ptr<SourceTransaction> transaction;
    if (source.transactions.transactional) {
      std::string id =
          fmt::format("{}-{}-{}", config_->raw.GetString("group.id", ""), source.name, task_id);
      auto opened = transport_->OpenSourceTransaction(id, source.config);
      if (!opened.ok())
        return opened.status().Annotate(fmt::format("source connector '{}'", source.name));
      transaction = std::move(opened).value();
      // The older instance is fenced and its open transaction aborted: the offsets read now
      // are those of the last transaction that committed.
      TRIB_RETURN_IF_ERROR(offsets_->CatchUp());
    }
    TRIB_RETURN_IF_ERROR(
        source.task->Start(source.context, source.config, offsets_->SourceOffsets(source.name))
            .Annotate(fmt::format("source connector '{}'", source.name)));
    spdlog::info("connector '{}' task {} started (source {}{})", source.name, task_id,
                 source.class_name, transaction ? ", exactly once" : "");
    RecordDestination* destination = nullptr;
    if (!transaction) {
      auto opened = transport_->OpenSourceDestination(source.config);
      if (!opened.ok()) {
        source.task->Stop();
        return opened.status().Annotate(fmt::format("source connector '{}'", source.name));
      }
      destination = *opened;
    }
    SourceRunner& runner = sources_.emplace_back(std::move(source));
    if (transaction) transactions_[&runner].transaction = std::move(transaction);
    if (destination) destinations_[&runner] = destination;
    return Status::OK();
  }
  auto rebuild = [this, config, task_id] {
    return BuildSinkConnector(*config_, config, *plugins_, task_id);
  };
  TRIB_ASSIGN_OR_RETURN(SinkConnector sink, rebuild());
  TRIB_RETURN_IF_ERROR(sink.task->Start(sink.context, sink.config)
                           .Annotate(fmt::format("sink connector '{}'", sink.name)));
  spdlog::info("connector '{}' task {} started (sink {})", sink.name, task_id, sink.class_name);
  SinkRunner& runner = sinks_.emplace_back(std::move(sink), std::move(rebuild));
  if (Status s = transport_->AttachSink(&runner); !s.ok()) {
    runner.connector().task->Stop();
    sinks_.pop_back();
    return s;
  }
  return Status::OK();
}

void Worker::StopTask(const std::string& connector, int task_id) {
  for (auto it = sinks_.begin(); it != sinks_.end(); ++it) {
    if (!IsTask(*it, connector, task_id)) continue;
    transport_->DetachSink(&*it);
    it->connector().task->Stop();
    sinks_.erase(it);
    spdlog::info("connector '{}' task {} stopped", connector, task_id);
    return;
  }
  for (auto it = sources_.begin(); it != sources_.end(); ++it) {
    if (!IsTask(*it, connector, task_id)) continue;
    FinishTransaction(*it);
    transactions_.erase(&*it);
    CloseDestination(*it);
    it->connector().task->Stop();
    sources_.erase(it);
    spdlog::info("connector '{}' task {} stopped", connector, task_id);
    return;
  }
}

bool Worker::Runs(const std::string& connector, int task_id) const {
  for (const auto& sink : sinks_)
    if (IsTask(sink, connector, task_id)) return true;
  for (const auto& source : sources_)
    if (IsTask(source, connector, task_id)) return true;
  return false;
}

void Worker::CollectFailures() {
  for (auto it = sinks_.begin(); it != sinks_.end();) {
    if (it->failure().ok()) {
      ++it;
      continue;
    }
    const SinkConnector& c = it->connector();
    spdlog::error("connector '{}' task {} failed: {}", c.name, c.context.task_id,
                  it->failure().message());
    failures_.push_back({c.name, c.context.task_id, it->failure()});
    transport_->DetachSink(&*it);
    it->connector().task->Stop();
    it = sinks_.erase(it);
  }
}

Status Worker::Iterate(int max_wait_ms, bool* any) {
  *any = false;
  for (auto it = sources_.begin(); it != sources_.end();) {
    bool got = false;
    auto transactional = transactions_.find(&*it);
    Status s = transactional == transactions_.end()
                   ? it->PollOnce(max_wait_ms, *destinations_.at(&*it), tracker_, &got)
                   : PollTransactional(*it, transactional->second, max_wait_ms, &got);
    *any = *any || got;
    if (s.ok()) {
      ++it;
      continue;
    }
    const SourceConnector& c = it->connector();
    spdlog::error("connector '{}' task {} failed: {}", c.name, c.context.task_id, s.message());
    failures_.push_back({c.name, c.context.task_id, s});
    transactions_.erase(&*it);
    CloseDestination(*it);
    it->connector().task->Stop();
    it = sources_.erase(it);
  }
  // With sources to poll, they did the waiting; a sink-only worker waits on its consumers.
  TRIB_RETURN_IF_ERROR(transport_->Pump(sources_.empty() ? max_wait_ms : 0));
  CollectFailures();
  int64_t now = NowMs();
  for (auto& sink : sinks_) {
    if (Status s = sink.Flush(now); !s.ok()) sink.Fail(std::move(s));
  }
  CollectFailures();
  if (embedded_state_ != nullptr && !failures_.empty()) {
    // Nothing outside this process holds what the failed task did not take: committing now
    // would skip it. The worker must stop; a restart replays from the last commit.
    no_more_commits_ = true;
    return Status::OK();
  }
  TRIB_RETURN_IF_ERROR(transport_->CommitSinks());
  Status committed = Commit();
  PublishMetrics();
  return committed;
}

void Worker::PublishMetrics() {
  // Assigned in place: the strings and the vector keep their storage from the last round, so
  // a round allocates nothing unless tasks were added.
  std::lock_guard lock(metrics_mutex_);
  metrics_.resize(sources_.size() + sinks_.size());
  auto out = metrics_.begin();
  for (const auto& source : sources_) {
    *out = source.metrics();
    // Source offsets are committed for every source at once.
    out->commits = source_commits_;
    out->commit_latency_ms_sum = source_commit_ms_sum_;
    out->commit_latency_ms_max = source_commit_ms_max_;
    ++out;
  }
  for (const auto& sink : sinks_) *out++ = sink.metrics();
}

std::vector<connectrest::TaskMetrics> Worker::CollectTaskMetrics() {
  std::lock_guard lock(metrics_mutex_);
  return metrics_;
}

Status Worker::Commit() {
  auto commit = tracker_.TakeCommittable([this](const std::string& topic, int32_t partition) {
    return transport_->DurableEnd(topic, partition);
  });
  bool sinks_moved = false;
  if (embedded_state_ != nullptr) {
    for (const auto& runner : sinks_) {
      for (const auto& [tp, durable] : runner.durable()) {
        const std::string& name = runner.connector().name;
        // Monotonic: while a replay skips records a sink already holds, the sink reports
        // only what it was handed so far, which may be below its stored offset.
        if (durable <= embedded_state_->SinkOffset(name, tp.first, tp.second)) continue;
        embedded_state_->SetSinkOffset(name, tp.first, tp.second, durable);
        sinks_moved = true;
      }
    }
  }
  if (commit.empty() && !sinks_moved) return Status::OK();
  for (const auto& c : commit.offsets)
    offsets_->SetSourceOffset(c.connector, c.source_partition, c.source_offset);
  if (embedded_state_ != nullptr) {
    for (const auto& [tp, next] : commit.next_sequences)
      embedded_state_->SetNextSequence(tp.first, tp.second, next);
  }
  auto started = std::chrono::steady_clock::now();
  TRIB_RETURN_IF_ERROR(offsets_->Save());
  RecordSourceCommit(started);
  if (commit.empty()) return Status::OK();
  for (auto& runner : sources_) {
    if (!transactions_.contains(&runner)) TRIB_RETURN_IF_ERROR(runner.connector().task->Commit());
  }
  return Status::OK();
}

void Worker::RecordSourceCommit(std::chrono::steady_clock::time_point started) {
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  ++source_commits_;
  source_commit_ms_sum_ += ms;
  source_commit_ms_max_ = std::max(source_commit_ms_max_, ms);
}

Status Worker::PollTransactional(SourceRunner& runner, TransactionalSource& t, int max_wait_ms,
                                 bool* got) {
  bool was_empty = t.sent.pending() == 0;
  Status s = runner.PollOnce(max_wait_ms, *t.transaction, t.sent, got);
  auto now = std::chrono::steady_clock::now();
  if (s.ok() && was_empty) t.began = now;
  int64_t interval_ms = runner.connector().transactions.interval_ms;
  bool due = interval_ms == 0 || now - t.began >= std::chrono::milliseconds(interval_ms);
  // A batch ending without a source offset waits for the next: committing it would let a
  // restart replay records this transaction already committed.
  if (s.ok() && due && t.sent.EndsAtCommitPoint()) s = CommitTransaction(runner, t);
  if (!s.ok()) {
    if (Status aborted = t.transaction->Abort(); !aborted.ok())
      spdlog::warn("connector '{}': {}", runner.connector().name, aborted.message());
  }
  return s;
}

Status Worker::CommitTransaction(SourceRunner& runner, TransactionalSource& t) {
  auto commit = t.sent.TakeCommittable([](const std::string&, int32_t) { return INT64_MAX; });
  auto started = std::chrono::steady_clock::now();
  TRIB_RETURN_IF_ERROR(t.transaction->Commit(commit.offsets));
  RecordSourceCommit(started);
  for (const auto& c : commit.offsets)
    offsets_->NoteCommitted(c.connector, c.source_partition, c.source_offset);
  return runner.connector().task->Commit();
}

void Worker::FinishTransaction(SourceRunner& runner) {
  auto it = transactions_.find(&runner);
  if (it == transactions_.end() || it->second.sent.pending() == 0) return;
  Status s = it->second.sent.EndsAtCommitPoint() ? CommitTransaction(runner, it->second)
                                                 : Status::OK();
  if (s.ok() && it->second.sent.pending() == 0) return;
  if (!s.ok()) spdlog::warn("connector '{}': {}", runner.connector().name, s.message());
  if (Status aborted = it->second.transaction->Abort(); !aborted.ok())
    spdlog::warn("connector '{}': {}", runner.connector().name, aborted.message());
}

void Worker::CloseDestination(const SourceRunner& runner) {
  auto it = destinations_.find(&runner);
  if (it == destinations_.end()) return;
  if (Status s = transport_->CloseSourceDestination(it->second); !s.ok())
    spdlog::warn("connector '{}': {}", runner.connector().name, s.message());
  destinations_.erase(it);
}

Status Worker::DrainAndCommit() {
  for (auto& runner : sources_) FinishTransaction(runner);
  TRIB_RETURN_IF_ERROR(transport_->Drain());
  return no_more_commits_ ? Status::OK() : Commit();
}

std::vector<TaskFailure> Worker::TakeFailures() {
  std::vector<TaskFailure> out;
  out.swap(failures_);
  return out;
}

}  // namespace tributary::runtime
