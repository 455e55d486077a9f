// The plugin interfaces of the Connect model: source and sink tasks, converters,
// transformations and predicates. Connectors depend on these; the runtime drives them;
// neither depends on the other.
//
// Thread-safety: the runtime calls each instance from one thread at a time; implementations
// need no locking of their own unless they start threads.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/status.h"
#include "connect/config.h"
#include "connect/history_log.h"
#include "data/record.h"

namespace tributary::connect {

// The context the runtime gives every task: who it is and where it may keep local state.
struct TaskContext {
  std::string connector_name;
  int task_id = 0;
  std::string data_dir;  // a folder private to this worker (worker key data.dir)
  // Set in Kafka mode: opens a log kept in Kafka, which outlives this worker (state that must
  // follow the task to another worker). Unset: keep such state under data_dir.
  SharedHistoryLogOpener open_shared_history = {};
};

// Reads changes from an external system. The runtime calls Poll in a loop; records carry
// source partitions/offsets; once every record up to an offset is durably delivered, the
// runtime persists that offset and calls Commit. On restart, Start receives the last
// committed offsets and the task resumes right after them.
class SourceTask {
 public:
  virtual ~SourceTask() = default;
  // `committed_offsets`: source partition (JSON dump) -> last committed source offset.
  virtual Status Start(const TaskContext& context, const Config& config,
                       const std::map<std::string, nlohmann::json>& committed_offsets) = 0;
  // Appends new records to `out` (possibly none), waiting at most about `max_wait_ms`.
  virtual Status Poll(data::RecordBatch* out, int max_wait_ms) = 0;
  // Everything up to these offsets is durable; the task may release resources held for them.
  virtual Status Commit() { return Status::OK(); }
  virtual void Stop() = 0;
};

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const TopicPartition&) const = default;
};

// Writes records to an external system. Records of a topic partition arrive in offset order.
class SinkTask {
 public:
  virtual ~SinkTask() = default;
  virtual Status Start(const TaskContext& context, const Config& config) = 0;
  virtual Status Put(data::RecordBatch& batch) = 0;
  // Given the offsets consumed so far (next offset to read, per partition), returns the
  // offsets that are safe to commit: everything before them is durably written.
  virtual Result<std::map<TopicPartition, int64_t>> PreCommit(
      const std::map<TopicPartition, int64_t>& consumed) = 0;
  // Called when the worker is idle or time passes, so time-based rotation can happen.
  virtual Status Tick(int64_t /*now_ms*/) { return Status::OK(); }
  virtual void Stop() = 0;
};

// Serializes Connect data to bytes and back (key.converter / value.converter).
class Converter {
 public:
  virtual ~Converter() = default;
  virtual Status Configure(const Config& config, bool is_key) = 0;
  // `schema` may be null for schemaless data; a null value gives empty output (tombstone),
  // signalled by *is_null = true.
  virtual Status FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                                 const data::Value& value, std::string* out) = 0;
  virtual Status ToConnectData(const std::string& topic, std::string_view bytes,
                               bool is_null, data::SchemaPtr* schema, data::Value* value) = 0;
};

// A single-message transform. Returns false in *keep to drop the record.
class Transformation {
 public:
  virtual ~Transformation() = default;
  virtual Status Configure(const Config& config) = 0;
  virtual Status Apply(data::Record& record, bool* keep) = 0;
};

class Predicate {
 public:
  virtual ~Predicate() = default;
  virtual Status Configure(const Config& config) = 0;
  virtual bool Test(const data::Record& record) const = 0;
};

}  // namespace tributary::connect
