// TopicPartitionWriter: turns the records of one Kafka topic partition into objects, with the
// rules of Confluent's S3 sink TopicPartitionWriter:
//   - one open file per encoded partition; an object key is
//     <topics.dir>/<topic>/<encoded partition>/<topic>+<partition>+<start offset padded><ext>
//     (+ ".keys<ext>" / ".headers<ext>" files beside it with store.kafka.keys/headers);
//   - before writing a record, all open files are committed (uploaded) when
//       * rotate.interval.ms is set with a time-based partitioner and the record's time is
//         that much past the first record's time of the files, or (rotate.file.on.partition.
//         change) the record goes to another encoded partition than the previous record;
//       * rotate.schedule.interval.ms is set and the wall clock passed the next boundary;
//       * its value schema cannot go into its file's schema (schema.compatibility);
//   - after writing, all open files are committed when flush.size records are open;
//   - Tick() commits on the schedule when no records arrive.
// File boundaries depend only on the records (except rotate.schedule.interval.ms and the
// Wallclock extractor), so a replay from the committed offset rewrites identical objects.
//
// Thread-safety: one thread at a time (the sink task's).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/task.h"
#include "data/record.h"
#include "s3sink/format.h"
#include "s3sink/partitioner.h"
#include "s3sink/s3_sink_config.h"
#include "s3sink/schema_compatibility.h"
#include "s3sink/time_zone.h"
#include "storage/object_store.h"

namespace tributary::s3sink {

// What the writers of one task share; owned by the task, outlives the writers.
struct SinkContext {
  const S3SinkConfig* config = nullptr;
  const Partitioner* partitioner = nullptr;
  const Format* value_format = nullptr;
  const Format* key_format = nullptr;     // null unless store.kafka.keys
  const Format* header_format = nullptr;  // null unless store.kafka.headers
  storage::ObjectStore* store = nullptr;
};

class TopicPartitionWriter {
 public:
  static constexpr size_t kRowsPerBatch = 1024;

  TopicPartitionWriter(connect::TopicPartition tp, const SinkContext& context, int64_t now_ms);
  ~TopicPartitionWriter();

  // Writes one record (offsets ascending), committing files as the rules above say.
  // A retriable error (Unavailable: the store is unreachable) leaves the writer consistent:
  // the records already written stay in their files and files being committed stay due, so
  // the caller may Write the same records again (those already in a file are skipped, the
  // due commit is retried first) and gets the same objects. Any other error leaves the
  // writer unusable: restart from the committed offset.
  Status Write(const data::Record& record, int64_t now_ms);
  // Hands the records of this put still waiting for a batch to the format writers (a value
  // file's rows go in batches of kRowsPerBatch, to the Parquet writer's faster batch path).
  // The caller calls it before the records it passed to Write() go away, on success and
  // failure alike; afterwards no pointer into them is kept.
  Status WritePending();
  // Commits open files when the scheduled rotation time has come, or when a commit failed
  // retriably before.
  Status Tick(int64_t now_ms);

  // The offset after the last committed record, once a commit happened.
  std::optional<int64_t> committed_offset() const { return offset_to_commit_; }
  // Records written to files not yet committed.
  int64_t open_records() const { return record_count_; }
  // Object keys committed so far, in order (for logs and tests).
  const std::vector<std::string>& committed_keys() const { return committed_keys_; }

 private:
  struct OpenFile;

  Status CommitFiles();
  Status CommitFile(OpenFile& file);
  bool RotateOnTime(const std::string& encoded, std::optional<int64_t> record_ts,
                    int64_t now_ms) const;
  void SetNextScheduledRotation(int64_t now_ms);
  // Adds the record to its file (opening the file first): its value (or `projected`, its
  // value in the file's schema) joins the file's pending rows, its key and headers go to
  // their writers. Returns the file.
  Result<OpenFile*> WriteToFile(const data::Record& record, const std::string& encoded,
                                const data::SchemaPtr& file_schema,
                                std::optional<data::Value> projected);
  // Writes the file's pending rows to its value writer in one batch.
  Status WritePending(OpenFile& file);
  // Hands the bytes the file's writers finished (and any an upload kept after a failure) to
  // the uploads.
  Status SendFinishedBytes(OpenFile& file);
  std::string FileKey(const std::string& encoded, int64_t start_offset) const;

  connect::TopicPartition tp_;
  SinkContext ctx_;
  SchemaCompatibility compatibility_;
  const TimestampExtractor* extractor_;
  TimeZone schedule_zone_;  // rotate.schedule.interval.ms aligns to 00:00 of `timezone`

  std::map<std::string, std::unique_ptr<OpenFile>> files_;  // by encoded partition
  std::vector<std::string> file_order_;                     // commit order
  std::map<std::string, data::SchemaPtr> current_schemas_;
  int64_t record_count_ = 0;
  std::optional<int64_t> base_record_ts_;
  std::optional<int64_t> current_ts_;
  std::string current_encoded_partition_;
  int64_t current_offset_ = -1;  // the last record written to a file
  bool commit_pending_ = false;  // open files must be committed before anything else
  int64_t next_scheduled_rotation_ = 0;
  std::optional<int64_t> offset_to_commit_;
  std::vector<std::string> committed_keys_;
};

}  // namespace tributary::s3sink
