// SinkRunner: drives one sink connector: serialized records (from in-process topics or a
// Kafka consumer) -> key/value converters -> transforms -> SinkTask.Put, and tracks, per topic
// partition, the offsets handed to the task and the offsets it reports durable.
//
// Thread-safety: one thread drives a runner.
#pragma once

#include <functional>
#include <map>
#include <utility>

#include "common/status.h"
#include "connectrest/prometheus_metrics.h"
#include "runtime/connector_setup.h"
#include "runtime/wire_record.h"

namespace tributary::runtime {

class SinkRunner {
 public:
  // Builds a fresh, unstarted copy of the connector (its task, converters and transforms).
  using Rebuild = std::function<Result<SinkConnector>()>;
  // Writes a record this sink could not convert or transform, as it was read, with Kafka
  // Connect's __connect.errors.* context (`failed` carries topic, partition and offset),
  // to errors.deadletterqueue.topic.name; durable when it returns OK.
  using DeadLetterWriter =
      std::function<Status(const std::string& dlq_topic, const WireRecord& raw,
                           const data::Record& failed, const Status& error,
                           const std::string& stage)>;

  explicit SinkRunner(SinkConnector connector, Rebuild rebuild = nullptr)
      : c_(std::move(connector)), rebuild_(std::move(rebuild)) {
    metrics_.connector = c_.name;
    metrics_.task = c_.context.task_id;
    metrics_.type = "sink";
  }

  SinkConnector& connector() { return c_; }
  const SinkConnector& connector() const { return c_; }

  // Records of (topic, partition) below `offset` are already durable in this sink: a replay
  // hands them over again, and Accept skips them.
  void SetResumeOffset(const std::string& topic, int32_t partition, int64_t offset) {
    resume_[{topic, partition}] = offset;
  }

  void SetDeadLetterWriter(DeadLetterWriter writer) { dead_letters_ = std::move(writer); }

  // Converts and transforms one record at `offset` of its topic partition and queues it for
  // the next Flush. A record the transforms drop still counts as consumed. A record that
  // fails conversion or a transform is an error (errors.tolerance=none) or is skipped
  // (errors.tolerance=all): logged with errors.log.enable, and written to the dead-letter
  // topic when errors.deadletterqueue.topic.name is set.
  Status Accept(const WireRecord& record, int32_t partition, int64_t offset);
  // Puts what is queued, lets the task rotate by time, and asks it what is durable.
  Status Flush(int64_t now_ms);

  // First offset of (topic, partition) not yet durable in this sink (0 if none is).
  int64_t DurableEnd(const std::string& topic, int32_t partition) const;
  const std::map<std::pair<std::string, int32_t>, int64_t>& durable() const { return durable_; }

  // After the consumer group took partitions away: stops the task, dropping what it holds
  // that is not durable, and starts a fresh one (Rebuild), which receives records again from
  // the committed offsets. Deterministic sinks rewrite the same objects, so nothing is
  // duplicated. Without a Rebuild this fails.
  Status Restart();

  // A record this sink could not take (errors.tolerance=none): the worker stops the task and
  // reports it failed. Further records are ignored.
  void Fail(Status error) {
    if (failure_.ok()) failure_ = std::move(error);
  }
  const Status& failure() const { return failure_; }

  // Counters for GET /metrics (records received, durably written, filtered, failed,
  // dead-lettered, batches put, flush latency, records not yet durable); loop thread.
  const connectrest::TaskMetrics& metrics() const { return metrics_; }

 private:
  Status Convert(const WireRecord& record, data::Record& out, std::string* stage);

  SinkConnector c_;
  Rebuild rebuild_;
  DeadLetterWriter dead_letters_;
  Status failure_;
  connectrest::TaskMetrics metrics_;
  data::RecordBatch pending_;
  std::map<std::pair<std::string, int32_t>, int64_t> consumed_;
  std::map<std::pair<std::string, int32_t>, int64_t> durable_;
  std::map<std::pair<std::string, int32_t>, int64_t> resume_;
  std::map<std::pair<std::string, int32_t>, int64_t> first_received_;  // for the metrics
};

}  // namespace tributary::runtime
