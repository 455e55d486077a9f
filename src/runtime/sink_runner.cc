#include "runtime/sink_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace tributary::runtime {

Status SinkRunner::Accept(const WireRecord& record, int32_t partition, int64_t offset) {
  if (!failure_.ok()) return Status::OK();
  if (auto resume = resume_.find({record.topic, partition});
      resume != resume_.end() && offset < resume->second) {
    consumed_[{record.topic, partition}] = offset + 1;
    return Status::OK();
  }
  ++metrics_.records_polled;
  first_received_.try_emplace({record.topic, partition}, offset);
  data::Record out;
  out.topic = record.topic;
  out.partition = partition;
  out.kafka_offset = offset;
  out.timestamp_ms = record.timestamp_ms;
  out.headers = record.headers;
  std::string stage;
  bool keep = true;
  Status s = c_.errors.retry.Run(fmt::format("sink connector '{}' converter", c_.name),
                                 [&] { return Convert(record, out, &stage); });
  if (s.ok()) {
    stage = "TRANSFORMATION";
    s = c_.transforms->Apply(out, &keep);
  }
  if (!s.ok()) {
    ++metrics_.records_failed;
    if (!c_.errors.tolerate_all) return s;
    if (c_.errors.log_enable)
      spdlog::warn("sink connector '{}': {} at offset {} of {} partition {} (skipped: "
                   "errors.tolerance=all)",
                   c_.name, s.message(), offset, record.topic, partition);
    if (!c_.errors.dead_letter_topic.empty() && dead_letters_) {
      TRIB_RETURN_IF_ERROR(dead_letters_(c_.errors.dead_letter_topic, record, out, s, stage));
      ++metrics_.records_dlq;
    }
    keep = false;
  } else if (!keep) {
    ++metrics_.records_filtered;
  }
  consumed_[{record.topic, partition}] = offset + 1;
  if (keep) pending_.records.push_back(std::move(out));
  return Status::OK();
}

Status SinkRunner::Convert(const WireRecord& record, data::Record& out, std::string* stage) {
  std::string_view key = record.key ? std::string_view(*record.key) : std::string_view();
  std::string_view value = record.value ? std::string_view(*record.value) : std::string_view();
  *stage = "KEY_CONVERTER";
  TRIB_RETURN_IF_ERROR(
      c_.key_converter->ToConnectData(record.topic, key, !record.key, &out.key_schema, &out.key)
          .Annotate(fmt::format("sink connector '{}', key converter", c_.name)));
  *stage = "VALUE_CONVERTER";
  return c_.value_converter
      ->ToConnectData(record.topic, value, !record.value, &out.value_schema, &out.value)
      .Annotate(fmt::format("sink connector '{}', value converter", c_.name));
}

Status SinkRunner::Flush(int64_t now_ms) {
  if (!failure_.ok()) return Status::OK();
  auto started = std::chrono::steady_clock::now();
  if (!pending_.empty()) {
    ++metrics_.batches;
    metrics_.batch_records += pending_.size();
    // As a Kafka Connect sink's retriable put: the same batch is handed over again.
    TRIB_RETURN_IF_ERROR(c_.errors.retry
                             .Run(fmt::format("sink connector '{}' put", c_.name),
                                  [&] { return c_.task->Put(pending_); })
                             .Annotate(fmt::format("sink connector '{}'", c_.name)));
    pending_.clear();
  }
  TRIB_RETURN_IF_ERROR(c_.errors.retry
                           .Run(fmt::format("sink connector '{}' flush", c_.name),
                                [&] { return c_.task->Tick(now_ms); })
                           .Annotate(fmt::format("sink connector '{}'", c_.name)));
  std::map<connect::TopicPartition, int64_t> consumed;
  for (const auto& [tp, next] : consumed_) consumed[{tp.first, tp.second}] = next;
  std::map<connect::TopicPartition, int64_t> safe;
  TRIB_RETURN_IF_ERROR(c_.errors.retry
                           .Run(fmt::format("sink connector '{}' flush", c_.name),
                                [&]() -> Status {
                                  TRIB_ASSIGN_OR_RETURN(safe, c_.task->PreCommit(consumed));
                                  return Status::OK();
                                })
                           .Annotate(fmt::format("sink connector '{}'", c_.name)));
  for (const auto& [tp, offset] : safe) durable_[{tp.topic, tp.partition}] = offset;
  // Written: what became durable after the first record this task received, per partition.
  uint64_t written = 0;
  int64_t behind = 0;
  for (const auto& [tp, first] : first_received_) {
    written += static_cast<uint64_t>(std::max<int64_t>(0, DurableEnd(tp.first, tp.second) - first));
    behind += consumed_[tp] - std::max(first, DurableEnd(tp.first, tp.second));
  }
  metrics_.sink_lag_records = behind;
  if (written > metrics_.records_written) {
    metrics_.records_written = written;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          started)
                    .count();
    ++metrics_.commits;
    metrics_.commit_latency_ms_sum += ms;
    metrics_.commit_latency_ms_max = std::max(metrics_.commit_latency_ms_max, ms);
  }
  return Status::OK();
}

Status SinkRunner::Restart() {
  if (!rebuild_)
    return Status::Internal("sink connector '{}' cannot be restarted in place", c_.name);
  c_.task->Stop();
  TRIB_ASSIGN_OR_RETURN(SinkConnector fresh, rebuild_());
  TRIB_RETURN_IF_ERROR(fresh.task->Start(fresh.context, fresh.config)
                           .Annotate(fmt::format("sink connector '{}'", fresh.name)));
  c_ = std::move(fresh);
  pending_.clear();
  consumed_.clear();
  durable_.clear();
  first_received_.clear();
  return Status::OK();
}

int64_t SinkRunner::DurableEnd(const std::string& topic, int32_t partition) const {
  auto it = durable_.find({topic, partition});
  return it == durable_.end() ? 0 : it->second;
}

}  // namespace tributary::runtime
