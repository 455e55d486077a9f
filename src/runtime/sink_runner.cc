#include "runtime/sink_runner.h"

#include <spdlog/spdlog.h>

namespace tributary::runtime {

Status SinkRunner::Accept(const WireRecord& record, int32_t partition, int64_t offset) {
  if (!failure_.ok()) return Status::OK();
  if (auto resume = resume_.find({record.topic, partition});
      resume != resume_.end() && offset < resume->second) {
    consumed_[{record.topic, partition}] = offset + 1;
    return Status::OK();
  }
  data::Record out;
  out.topic = record.topic;
  out.partition = partition;
  out.kafka_offset = offset;
  out.timestamp_ms = record.timestamp_ms;
  out.headers = record.headers;
  std::string stage;
  bool keep = true;
  Status s = Convert(record, out, &stage);
  if (s.ok()) {
    stage = "TRANSFORMATION";
    s = c_.transforms->Apply(out, &keep);
  }
  if (!s.ok()) {
    if (!c_.errors.tolerate_all) return s;
    if (c_.errors.log_enable)
      spdlog::warn("sink connector '{}': {} at offset {} of {} partition {} (skipped: "
                   "errors.tolerance=all)",
                   c_.name, s.message(), offset, record.topic, partition);
    if (!c_.errors.dead_letter_topic.empty() && dead_letters_)
      TRIB_RETURN_IF_ERROR(dead_letters_(c_.errors.dead_letter_topic, record, out, s, stage));
    keep = false;
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
  if (!pending_.empty()) {
    TRIB_RETURN_IF_ERROR(
        c_.task->Put(pending_).Annotate(fmt::format("sink connector '{}'", c_.name)));
    pending_.clear();
  }
  TRIB_RETURN_IF_ERROR(c_.task->Tick(now_ms).Annotate(fmt::format("sink connector '{}'", c_.name)));
  std::map<connect::TopicPartition, int64_t> consumed;
  for (const auto& [tp, next] : consumed_) consumed[{tp.first, tp.second}] = next;
  auto safe = c_.task->PreCommit(consumed);
  if (!safe.ok()) return safe.status().Annotate(fmt::format("sink connector '{}'", c_.name));
  for (const auto& [tp, offset] : *safe) durable_[{tp.topic, tp.partition}] = offset;
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
  return Status::OK();
}

int64_t SinkRunner::DurableEnd(const std::string& topic, int32_t partition) const {
  auto it = durable_.find({topic, partition});
  return it == durable_.end() ? 0 : it->second;
}

}  // namespace tributary::runtime
