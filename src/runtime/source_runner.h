// SourceRunner: drives one source connector: Poll -> transforms -> key/value converters ->
// a RecordDestination, recording every record's source offset in the CommitTracker so that
// offsets are committed only once the destination made the record durable.
//
// Error policy (errors.tolerance): a record that fails a transform or a converter stops the
// connector (none) or is skipped (all), logged when errors.log.enable=true and written to the
// dead-letter queue when errors.deadletterqueue.topic.name is set.
//
// Thread-safety: one thread drives a runner.
#pragma once

#include <memory>

#include "common/status.h"
#include "connectrest/prometheus_metrics.h"
#include "runtime/commit_tracker.h"
#include "runtime/connector_setup.h"
#include "runtime/wire_record.h"

namespace tributary::runtime {

// Where converted records go: in-process topics (embedded) or a Kafka producer.
class RecordDestination {
 public:
  virtual ~RecordDestination() = default;
  // Sends one record; returns the position the CommitTracker waits on.
  virtual Result<TopicSequence> Send(WireRecord record) = 0;
  // Records that fail with errors.tolerance=all and a dead-letter topic go here.
  virtual Status SendToDeadLetterQueue(const std::string& dlq_topic, const std::string& connector,
                                       const data::Record& record, const Status& error) = 0;
};

class SourceRunner {
 public:
  explicit SourceRunner(SourceConnector connector) : c_(std::move(connector)) {
    metrics_.connector = c_.name;
    metrics_.task = c_.context.task_id;
    metrics_.type = "source";
  }

  SourceConnector& connector() { return c_; }
  const SourceConnector& connector() const { return c_; }
  // Counters for GET /metrics (records polled, produced, filtered, failed, dead-lettered,
  // batches, source lag); read on the loop thread.
  const connectrest::TaskMetrics& metrics() const { return metrics_; }
  // Polls once (waiting at most `max_wait_ms`) and sends what came. *got_records tells
  // whether the source returned anything.
  Status PollOnce(int max_wait_ms, RecordDestination& destination, CommitTracker& tracker,
                  bool* got_records);

 private:
  Status Convert(data::Record& record, WireRecord* out);
  SourceConnector c_;
  connectrest::TaskMetrics metrics_;
};

}  // namespace tributary::runtime
