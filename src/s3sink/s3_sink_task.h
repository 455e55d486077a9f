// S3SinkTask: io.confluent.connect.s3.S3SinkConnector as a connect::SinkTask. Records are
// partitioned, written per topic partition by a TopicPartitionWriter and uploaded to the
// object store (S3 or a local folder, from the connector config) when a file rotates.
//
// Offsets: PreCommit (called after Put of everything consumed, as Kafka Connect does) returns,
// per topic partition, the offset after the last record whose file is uploaded; a partition
// without open files returns its consumed offset (its records are uploaded, skipped by
// behavior.on.null.values=ignore, or were dropped before the sink). After a failed Put only
// uploaded offsets are returned (a Put that failed may have left later records unwritten).
// Nothing is read back on Start: after a crash the runtime
// replays from the committed offsets and the same objects are rewritten under the same names.
//
// Errors: an upload that fails retriably (the store unreachable, 5xx, throttled, after the
// store's own s3.part.retries) fails Put/Tick with Unavailable and changes nothing else: the
// runtime's retry operator (errors.retry.timeout) hands the same batch to Put again, which
// skips the records already in files and retries the failed upload first, so the objects are
// the same as without the outage. Any other failure (a bad record, named by
// topic-partition@offset, or an upload refused for good) is sticky: every later call returns
// it, and the task must be stopped and restarted from the committed offsets.
//
// Thread-safety: as connect::SinkTask, one thread at a time.
#pragma once

#include <functional>
#include <map>
#include <memory>

#include "connect/task.h"
#include "s3sink/format.h"
#include "s3sink/partitioner.h"
#include "s3sink/s3_sink_config.h"
#include "s3sink/topic_partition_writer.h"
#include "storage/object_store.h"

namespace tributary::s3sink {

class S3SinkTask : public connect::SinkTask {
 public:
  using Clock = std::function<int64_t()>;  // wall clock in epoch milliseconds
  using StoreFactory =
      std::function<Result<std::shared_ptr<storage::ObjectStore>>(const connect::Config&)>;

  // The store comes from storage::OpenObjectStore(config).
  S3SinkTask();
  // For tests and embedding: a given store factory and clock.
  S3SinkTask(StoreFactory store_factory, Clock clock);
  ~S3SinkTask() override;

  Status Start(const connect::TaskContext& context, const connect::Config& config) override;
  Status Put(data::RecordBatch& batch) override;
  Result<std::map<connect::TopicPartition, int64_t>> PreCommit(
      const std::map<connect::TopicPartition, int64_t>& consumed) override;
  Status Tick(int64_t now_ms) override;
  void Stop() override;

  const S3SinkConfig& config() const { return config_; }
  // Object keys uploaded so far by this task, in order.
  std::vector<std::string> CommittedKeys() const;

 private:
  TopicPartitionWriter& WriterFor(const connect::TopicPartition& tp);
  Status WriteRecords(const data::RecordBatch& batch, int64_t now);
  // Keeps a writer's error as the task's failure unless it is retriable.
  Status Fail(const Status& status);

  StoreFactory store_factory_;
  Clock clock_;
  S3SinkConfig config_;
  std::shared_ptr<storage::ObjectStore> store_;
  std::unique_ptr<Partitioner> partitioner_;
  std::unique_ptr<Format> value_format_, key_format_, header_format_;
  SinkContext context_;
  std::map<connect::TopicPartition, std::unique_ptr<TopicPartitionWriter>> writers_;
  Status failure_;
  bool put_complete_ = true;  // false while a Put has records not yet handed to writers
};

}  // namespace tributary::s3sink
