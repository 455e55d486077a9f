#include "s3sink/s3_sink_task.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "s3sink/time_zone.h"
#include "storage/object_store_factory.h"

namespace tributary::s3sink {

namespace {

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The store of the connector config, with Confluent's default region (us-west-2).
Result<std::shared_ptr<storage::ObjectStore>> OpenConfiguredStore(const connect::Config& config) {
  std::map<std::string, std::string> values = config.values();
  values.emplace("s3.region", "us-west-2");
  auto store = storage::OpenObjectStore(values);
  if (!store.ok()) return store.status();
  return std::shared_ptr<storage::ObjectStore>(std::move(*store));
}

}  // namespace

S3SinkTask::S3SinkTask() : S3SinkTask(OpenConfiguredStore, SystemNowMs) {}

S3SinkTask::S3SinkTask(StoreFactory store_factory, Clock clock)
    : store_factory_(std::move(store_factory)), clock_(std::move(clock)) {}

S3SinkTask::~S3SinkTask() = default;

Status S3SinkTask::Start(const connect::TaskContext& context, const connect::Config& config) {
  connect::Config named = config;
  if (!named.Has("name")) named.Set("name", context.connector_name);
  auto parsed = S3SinkConfig::Parse(named);
  if (!parsed.ok()) return parsed.status();
  config_ = std::move(*parsed);

  auto partitioner = NewPartitioner(config_);
  if (!partitioner.ok()) return partitioner.status().Annotate("connector '" + config_.connector_name + "'");
  partitioner_ = std::move(*partitioner);
  if (config_.rotate_schedule_interval_ms > 0) {
    auto zone = TimeZone::ForId(config_.timezone);
    if (!zone.ok()) return zone.status().Annotate("connector '" + config_.connector_name + "'");
  }
  if (config_.rotate_interval_ms > 0 && !partitioner_->timestamp_extractor())
    spdlog::warn("connector {}: rotate.interval.ms={} is ignored: it needs a time-based "
                 "partitioner (as in Confluent's S3 sink); use flush.size or "
                 "rotate.schedule.interval.ms",
                 config_.connector_name, config_.rotate_interval_ms);
  auto value_format = NewFormat(config_.format, config_);
  if (!value_format.ok()) return value_format.status();
  value_format_ = std::move(*value_format);
  if (config_.store_kafka_keys) {
    auto f = NewFormat(config_.keys_format, config_);
    if (!f.ok()) return f.status().Annotate("keys.format.class");
    key_format_ = std::move(*f);
  }
  if (config_.store_kafka_headers) {
    auto f = NewFormat(config_.headers_format, config_);
    if (!f.ok()) return f.status().Annotate("headers.format.class");
    header_format_ = std::move(*f);
  }
  if (!store_factory_)
    return Status::Internal("connector '{}': no object store factory", config_.connector_name);
  auto store = store_factory_(named);
  if (!store.ok()) return store.status().Annotate("connector '" + config_.connector_name + "'");
  store_ = std::move(*store);

  context_.config = &config_;
  context_.partitioner = partitioner_.get();
  context_.value_format = value_format_.get();
  context_.key_format = key_format_.get();
  context_.header_format = header_format_.get();
  context_.store = store_.get();
  writers_.clear();
  failure_ = Status::OK();
  put_complete_ = true;
  spdlog::info("connector {} task {}: S3 sink writing {} objects to {}", config_.connector_name,
               context.task_id, value_format_->extension(), store_->Describe());
  return Status::OK();
}

TopicPartitionWriter& S3SinkTask::WriterFor(const connect::TopicPartition& tp) {
  auto it = writers_.find(tp);
  if (it == writers_.end())
    it = writers_.emplace(tp, std::make_unique<TopicPartitionWriter>(tp, context_, clock_())).first;
  return *it->second;
}

Status S3SinkTask::Fail(const Status& status) {
  // The runtime names the connector in every error a task returns.
  if (status.code() != StatusCode::kUnavailable) failure_ = status;
  return status;
}

Status S3SinkTask::Put(data::RecordBatch& batch) {
  if (!failure_.ok()) return failure_;
  put_complete_ = false;
  const int64_t now = clock_();
  Status s = WriteRecords(batch, now);
  // Every record handed to a writer reaches its format writer before the batch goes away.
  for (auto& [tp, writer] : writers_) {
    if (Status pending = writer->WritePending(); !pending.ok()) {
      Status failed = Fail(pending);
      if (s.ok()) s = failed;
    }
  }
  if (!s.ok()) return s;
  put_complete_ = true;
  // As Confluent after each put: scheduled rotation of partitions without new data.
  return Tick(now);
}

Status S3SinkTask::WriteRecords(const data::RecordBatch& batch, int64_t now) {
  for (const data::Record& record : batch.records) {
    connect::TopicPartition tp{record.topic, record.partition};
    if (record.is_tombstone()) {
      if (config_.behavior_on_null_values == NullValueBehavior::kIgnore) {
        continue;
      }
      if (config_.behavior_on_null_values == NullValueBehavior::kFail) {
        failure_ = Status::InvalidArgument(
            "connector '{}': record {}-{}@{} has a null value (tombstone) and "
            "behavior.on.null.values=fail; set it to 'ignore' to skip tombstones or 'write' "
            "(with store.kafka.keys=true) to keep their keys",
            config_.connector_name, record.topic, record.partition, record.kafka_offset);
        return failure_;
      }
    }
    Status s = WriterFor(tp).Write(record, now);
    if (!s.ok()) return Fail(s);
  }
  return Status::OK();
}

Status S3SinkTask::Tick(int64_t now_ms) {
  if (!failure_.ok()) return failure_;
  for (auto& [tp, writer] : writers_) {
    Status s = writer->Tick(now_ms);
    if (!s.ok()) return Fail(s);
  }
  return Status::OK();
}

Result<std::map<connect::TopicPartition, int64_t>> S3SinkTask::PreCommit(
    const std::map<connect::TopicPartition, int64_t>& consumed) {
  std::map<connect::TopicPartition, int64_t> safe;
  for (const auto& [tp, next_offset] : consumed) {
    auto writer = writers_.find(tp);
    bool has_writer = writer != writers_.end();
    std::optional<int64_t> uploaded =
        has_writer ? writer->second->committed_offset() : std::nullopt;
    if (failure_.ok() && put_complete_ && (!has_writer || writer->second->open_records() == 0)) {
      // Every consumed record was put (uploaded or skipped) or dropped before the sink.
      safe[tp] = next_offset;
    } else if (uploaded) {
      safe[tp] = std::min(*uploaded, next_offset);
    }
  }
  return safe;
}

void S3SinkTask::Stop() {
  // Open files are dropped, not uploaded: their records are replayed after a restart and
  // land in the same objects, named by their start offsets.
  writers_.clear();
  store_.reset();
}

std::vector<std::string> S3SinkTask::CommittedKeys() const {
  std::vector<std::string> keys;
  for (const auto& [tp, writer] : writers_)
    keys.insert(keys.end(), writer->committed_keys().begin(), writer->committed_keys().end());
  return keys;
}

}  // namespace tributary::s3sink
