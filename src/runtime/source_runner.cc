#include "runtime/source_runner.h"

#include <spdlog/spdlog.h>

#include "common/clock.h"

namespace tributary::runtime {

Status SourceRunner::Convert(data::Record& record, WireRecord* out) {
  out->topic = record.topic;
  out->partition = record.partition;
  out->timestamp_ms = record.timestamp_ms;
  out->headers = record.headers;
  if (!record.key.is_null()) {
    std::string bytes;
    TRIB_RETURN_IF_ERROR(
        c_.key_converter->FromConnectData(record.topic, record.key_schema, record.key, &bytes));
    out->key = std::move(bytes);
  }
  if (!record.value.is_null()) {
    std::string bytes;
    TRIB_RETURN_IF_ERROR(c_.value_converter->FromConnectData(record.topic, record.value_schema,
                                                             record.value, &bytes));
    out->value = std::move(bytes);
  }
  return Status::OK();
}

Status SourceRunner::PollOnce(int max_wait_ms, RecordDestination& destination,
                              CommitTracker& tracker, bool* got_records) {
  c_.batch.clear();
  TRIB_RETURN_IF_ERROR(c_.task->Poll(&c_.batch, max_wait_ms)
                           .Annotate(fmt::format("source connector '{}'", c_.name)));
  *got_records = !c_.batch.empty();
  if (!c_.batch.empty()) {
    ++metrics_.batches;
    metrics_.batch_records += c_.batch.size();
    metrics_.records_polled += c_.batch.size();
    int64_t newest = c_.batch.records.back().timestamp_ms;
    if (newest > 0) metrics_.source_lag_ms = NowMs() - newest;
  }
  for (auto& record : c_.batch.records) {
    nlohmann::json partition = std::move(record.source_partition);
    nlohmann::json offset = std::move(record.source_offset);
    bool keep = true;
    std::optional<TopicSequence> delivered;
    Status s = c_.transforms->Apply(record, &keep);
    if (s.ok() && keep) {
      WireRecord wire;
      s = c_.errors.retry.Run(fmt::format("connector '{}' converter", c_.name),
                              [&] { return Convert(record, &wire); });
      if (s.ok()) {
        auto sent = destination.Send(std::move(wire));
        if (sent.ok()) delivered = *sent;
        else s = sent.status();
      }
    }
    if (s.ok()) {
      ++(keep ? metrics_.records_written : metrics_.records_filtered);
    } else {
      ++metrics_.records_failed;
      s = s.Annotate(fmt::format("connector '{}', record for topic '{}'", c_.name, record.topic));
      if (!c_.errors.tolerate_all) return s;
      if (c_.errors.log_enable) spdlog::warn("{} (skipped: errors.tolerance=all)", s.message());
      if (!c_.errors.dead_letter_topic.empty()) {
        TRIB_RETURN_IF_ERROR(
            destination.SendToDeadLetterQueue(c_.errors.dead_letter_topic, c_.name, record, s));
        ++metrics_.records_dlq;
      }
    }
    tracker.Add(c_.name, std::move(partition), std::move(offset), std::move(delivered));
  }
  return Status::OK();
}

}  // namespace tributary::runtime
