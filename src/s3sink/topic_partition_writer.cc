#include "s3sink/topic_partition_writer.h"

#include <spdlog/spdlog.h>

#include <deque>

#include "s3sink/json_encoder.h"

namespace tributary::s3sink {

namespace {

// Confluent's header view: [{key, value}] with values rendered as strings.
const data::SchemaPtr& HeaderSchema() {
  static const data::SchemaPtr schema = [] {
    auto one = data::SchemaBuilder::Struct()
                   .Field("key", data::StringSchema())
                   .Field("value", data::OptionalStringSchema())
                   .Build();
    return data::SchemaBuilder::Array(one).Build();
  }();
  return schema;
}

std::string HeaderValueString(const data::Header& h) {
  const data::Value& v = h.value;
  switch (v.kind()) {
    case data::Value::Kind::kString: return v.as_string();
    case data::Value::Kind::kBool: return v.as_bool() ? "true" : "false";
    case data::Value::Kind::kInt: return std::to_string(v.as_int());
    case data::Value::Kind::kDouble: return JavaDoubleString(v.as_double());
    case data::Value::Kind::kBytes: return Base64Encode(v.as_bytes());
    default: {
      std::string out;
      (void)JsonEncoder(DecimalFormat::kBase64).Encode(h.schema.get(), v, &out);
      return out;
    }
  }
}

data::Value HeadersView(const data::Record& record) {
  data::Array items;
  const auto& element = HeaderSchema()->value_schema();
  for (const auto& h : record.headers) {
    data::StructValue s{element, {data::Value::String(h.key),
                                  h.value.is_null() ? data::Value::Null()
                                                    : data::Value::String(HeaderValueString(h))}};
    items.push_back(data::Value::Struct(std::move(s)));
  }
  return data::Value::ArrayOf(std::move(items));
}

// Parquet needs a struct at the root: Confluent envelops keys and headers there (and headers
// in JSON too), as RecordKey{key} / RecordHeaders{headers}.
void Envelop(const char* struct_name, const char* field, data::SchemaPtr* schema,
             data::Value* value) {
  auto wrapped = data::SchemaBuilder::Struct().Name(struct_name).Field(field, *schema).Build();
  *value = data::Value::Struct(data::StructValue{wrapped, {std::move(*value)}});
  *schema = wrapped;
}

int64_t NextTimeAdjustedByDay(int64_t now_ms, int64_t period_ms, const TimeZone& zone) {
  int64_t local = zone.UtcToLocal(now_ms);
  int64_t local_day = (local >= 0 ? local : local - 86399999) / 86400000 * 86400000;
  int64_t start_of_day = zone.LocalToUtc(local_day);
  int64_t day_length = zone.LocalToUtc(local_day + 86400000) - start_of_day;
  int64_t next = ((now_ms - start_of_day) / period_ms + 1) * period_ms;
  return start_of_day + std::min(next, day_length);
}

}  // namespace

struct TopicPartitionWriter::OpenFile {
  std::string encoded_partition;
  std::string key;  // object key without extension
  int64_t start_offset = 0;
  int64_t end_offset = 0;
  int64_t record_count = 0;
  data::SchemaPtr value_schema;
  data::SchemaPtr key_schema;
  data::SchemaPtr header_schema;
  // One object each, streamed while the file is open; dropping an upload that was not
  // committed aborts it, so a failed or abandoned file leaves no object.
  struct Part {
    std::string suffix;  // after `key`: the extension, ".keys.<ext>", ".headers.<ext>"
    std::unique_ptr<RecordWriter> writer;
    std::unique_ptr<storage::ObjectUpload> upload;
    bool finished = false;  // the writer's last bytes are handed to the upload
    // Records waiting to go to `writer` in one WriteBatch (value files only): they point
    // into the put's batch, or into `projected`, and are written before the put returns.
    std::vector<const data::Value*> pending;
    std::vector<int64_t> pending_offsets;
    std::deque<data::Value> projected;  // stable addresses for the pending projections
  };
  std::optional<Part> value;  // absent for the tombstone partition
  std::optional<Part> keys;
  std::optional<Part> headers;
};

TopicPartitionWriter::TopicPartitionWriter(connect::TopicPartition tp,
                                           const SinkContext& context, int64_t now_ms)
    : tp_(std::move(tp)),
      ctx_(context),
      compatibility_(context.config->schema_compatibility),
      extractor_(context.partitioner->timestamp_extractor()),
      schedule_zone_(TimeZone::Utc()) {
  if (context.config->rotate_schedule_interval_ms > 0) {
    // S3SinkConfig::Parse requires `timezone` here; the task checked it names a zone.
    auto zone = TimeZone::ForId(context.config->timezone);
    if (zone.ok()) schedule_zone_ = std::move(*zone);
  }
  SetNextScheduledRotation(now_ms);
}

TopicPartitionWriter::~TopicPartitionWriter() = default;

void TopicPartitionWriter::SetNextScheduledRotation(int64_t now_ms) {
  const S3SinkConfig& c = *ctx_.config;
  if (c.rotate_schedule_interval_ms <= 0) return;
  next_scheduled_rotation_ =
      NextTimeAdjustedByDay(now_ms, c.rotate_schedule_interval_ms, schedule_zone_);
}

bool TopicPartitionWriter::RotateOnTime(const std::string& encoded,
                                        std::optional<int64_t> record_ts, int64_t now_ms) const {
  if (record_count_ <= 0) return false;
  const S3SinkConfig& c = *ctx_.config;
  bool periodic = false;
  if (c.rotate_interval_ms > 0 && extractor_) {
    bool elapsed = base_record_ts_ && record_ts && *record_ts - *base_record_ts_ >= c.rotate_interval_ms;
    bool tombstone_transition =
        c.behavior_on_null_values == NullValueBehavior::kWrite &&
        (encoded == c.tombstone_encoded_partition ||
         current_encoded_partition_ == c.tombstone_encoded_partition);
    bool partition_change = c.rotate_file_on_partition_change && !tombstone_transition &&
                            encoded != current_encoded_partition_;
    periodic = elapsed || partition_change;
  }
  bool scheduled = c.rotate_schedule_interval_ms > 0 && now_ms >= next_scheduled_rotation_;
  return periodic || scheduled;
}

std::string TopicPartitionWriter::FileKey(const std::string& encoded, int64_t start_offset) const {
  const S3SinkConfig& c = *ctx_.config;
  std::string offset = std::to_string(start_offset);
  if (static_cast<int64_t>(offset.size()) < c.filename_offset_zero_pad_width)
    offset.insert(0, c.filename_offset_zero_pad_width - offset.size(), '0');
  std::string name = tp_.topic + c.file_delim + std::to_string(tp_.partition) + c.file_delim + offset;
  std::string path = ctx_.partitioner->PartitionedPath(tp_.topic, encoded) + c.directory_delim + name;
  // As Confluent: a blank topics.dir puts objects at the bucket's root.
  bool blank = c.topics_dir.find_first_not_of(" \t") == std::string::npos;
  return blank ? path : c.topics_dir + c.directory_delim + path;
}

Status TopicPartitionWriter::Write(const data::Record& record, int64_t now_ms) {
  // After a retriable failure the same records come again: first the commit that failed,
  // then only the records not yet in a file.
  if (commit_pending_) TRIB_RETURN_IF_ERROR(CommitFiles());
  if (record.kafka_offset <= current_offset_) return Status::OK();
  if (record_count_ == 0 && ctx_.config->rotate_schedule_interval_ms > 0 &&
      now_ms >= next_scheduled_rotation_)
    SetNextScheduledRotation(now_ms);
  // A record may start a rotation; it is then examined again against empty files.
  for (int pass = 0; pass < 3; ++pass) {
    if (extractor_) {
      auto ts = extractor_->Extract(record, now_ms);
      if (!ts.ok()) return ts.status();
      current_ts_ = *ts;
      if (!base_record_ts_) base_record_ts_ = current_ts_;
    }
    auto encoded = ctx_.partitioner->EncodePartition(record, now_ms);
    if (!encoded.ok()) return encoded.status();
    data::SchemaPtr value_schema = record.is_tombstone() ? nullptr : record.value_schema;
    auto known = current_schemas_.find(*encoded);
    bool null_schema_switch = known != current_schemas_.end() &&
                              ((known->second == nullptr) != (value_schema == nullptr));
    if (known == current_schemas_.end() || known->second == nullptr || value_schema == nullptr)
      current_schemas_[*encoded] = value_schema;
    data::SchemaPtr file_schema = current_schemas_[*encoded];

    bool rotate = null_schema_switch;
    if (!rotate && RotateOnTime(*encoded, current_ts_, now_ms)) {
      SetNextScheduledRotation(now_ms);
      rotate = true;
    }
    if (!rotate && record_count_ > 0 && value_schema) {
      auto change = compatibility_.ShouldChangeSchema(value_schema, file_schema);
      if (!change.ok())
        return change.status().Annotate(
            fmt::format("record {}-{}@{}", tp_.topic, tp_.partition, record.kafka_offset));
      rotate = *change;
    }
    if (rotate) {
      TRIB_RETURN_IF_ERROR(CommitFiles());
      continue;
    }

    std::optional<data::Value> projected;
    if (value_schema && file_schema && value_schema != file_schema) {
      auto p = compatibility_.Project(value_schema, record.value, file_schema);
      if (!p.ok())
        return p.status().Annotate(
            fmt::format("record {}-{}@{}", tp_.topic, tp_.partition, record.kafka_offset));
      projected = std::move(*p);
    }
    auto file = WriteToFile(record, *encoded, file_schema, std::move(projected));
    if (!file.ok()) return file.status();
    // The record belongs to its file from here on, even if sending the file's bytes fails.
    if (record_count_ >= ctx_.config->flush_size) commit_pending_ = true;
    if (commit_pending_) return CommitFiles();
    OpenFile& open = **file;
    if (open.value && open.value->pending.size() >= kRowsPerBatch) {
      TRIB_RETURN_IF_ERROR(WritePending(open));
      TRIB_RETURN_IF_ERROR(SendFinishedBytes(open));
    } else if (open.keys || open.headers) {
      TRIB_RETURN_IF_ERROR(SendFinishedBytes(open));
    }
    return Status::OK();
  }
  return Status::Internal("record {}-{}@{} rotated files repeatedly", tp_.topic, tp_.partition,
                          record.kafka_offset);
}

Result<TopicPartitionWriter::OpenFile*> TopicPartitionWriter::WriteToFile(
    const data::Record& record, const std::string& encoded, const data::SchemaPtr& file_schema,
    std::optional<data::Value> projected) {
  const S3SinkConfig& c = *ctx_.config;
  auto where = [&] {
    return fmt::format("record {}-{}@{}", tp_.topic, tp_.partition, record.kafka_offset);
  };
  if (ctx_.key_format && record.key.is_null())
    return Status::InvalidArgument("{}: key cannot be null with store.kafka.keys=true", where());
  if (ctx_.header_format && record.headers.empty())
    return Status::InvalidArgument("{}: headers cannot be empty with store.kafka.headers=true",
                                   where());
  bool tombstone_file = c.behavior_on_null_values == NullValueBehavior::kWrite &&
                        encoded == c.tombstone_encoded_partition;
  if (!tombstone_file && record.is_tombstone())
    return Status::InvalidArgument("{}: null value outside the tombstone partition", where());

  auto it = files_.find(encoded);
  if (it == files_.end()) {
    auto file = std::make_unique<OpenFile>();
    file->encoded_partition = encoded;
    file->key = FileKey(encoded, record.kafka_offset);
    file->start_offset = record.kafka_offset;
    file->value_schema = file_schema;
    auto open_part = [&](const Format& format, const data::SchemaPtr& schema,
                         std::string suffix) -> Result<OpenFile::Part> {
      TRIB_ASSIGN_OR_RETURN(auto writer, format.NewWriter(schema));
      auto upload = ctx_.store->StartUpload(file->key + suffix);
      if (!upload.ok()) {
        return upload.status().Annotate(
            fmt::format("starting {} in {}", file->key + suffix, ctx_.store->Describe()));
      }
      return OpenFile::Part{std::move(suffix), std::move(writer), std::move(*upload)};
    };
    if (!tombstone_file) {
      auto part = open_part(*ctx_.value_format, file_schema, ctx_.value_format->extension());
      if (!part.ok()) return part.status().Annotate(where());
      file->value = std::move(*part);
    }
    if (ctx_.key_format) {
      file->key_schema = record.key_schema;
      if (c.keys_format == FormatKind::kParquet) {
        data::Value ignored;
        Envelop("RecordKey", "key", &file->key_schema, &ignored);
      }
      auto part =
          open_part(*ctx_.key_format, file->key_schema, ".keys" + ctx_.key_format->extension());
      if (!part.ok()) return part.status().Annotate(where());
      file->keys = std::move(*part);
    }
    if (ctx_.header_format) {
      file->header_schema = HeaderSchema();
      if (c.headers_format == FormatKind::kParquet || c.headers_format == FormatKind::kJson) {
        data::Value ignored;
        Envelop("RecordHeaders", "headers", &file->header_schema, &ignored);
      }
      auto part = open_part(*ctx_.header_format, file->header_schema,
                            ".headers" + ctx_.header_format->extension());
      if (!part.ok()) return part.status().Annotate(where());
      file->headers = std::move(*part);
    }
    file_order_.push_back(encoded);
    it = files_.emplace(encoded, std::move(file)).first;
  }
  OpenFile& file = *it->second;
  auto write = [&](OpenFile::Part& part, const data::SchemaPtr& schema,
                   const data::Value& v) -> Status {
    Status s = part.writer->Write(schema, v);
    if (!s.ok()) return s.Annotate(where());
    return Status::OK();
  };
  if (file.value) {
    OpenFile::Part& part = *file.value;
    if (projected) {
      part.projected.push_back(std::move(*projected));
      part.pending.push_back(&part.projected.back());
    } else {
      part.pending.push_back(&record.value);
    }
    part.pending_offsets.push_back(record.kafka_offset);
  }
  if (file.keys) {
    data::SchemaPtr schema = record.key_schema;
    data::Value key = record.key;
    if (c.keys_format == FormatKind::kParquet) Envelop("RecordKey", "key", &schema, &key);
    TRIB_RETURN_IF_ERROR(write(*file.keys, file.key_schema, key));
  }
  if (file.headers) {
    data::SchemaPtr schema = HeaderSchema();
    data::Value headers = HeadersView(record);
    if (file.header_schema != HeaderSchema()) Envelop("RecordHeaders", "headers", &schema, &headers);
    TRIB_RETURN_IF_ERROR(write(*file.headers, file.header_schema, headers));
  }
  file.end_offset = record.kafka_offset;
  ++file.record_count;
  ++record_count_;
  current_encoded_partition_ = encoded;
  current_offset_ = record.kafka_offset;
  return &file;
}

Status TopicPartitionWriter::WritePending(OpenFile& file) {
  if (!file.value || file.value->pending.empty()) return Status::OK();
  OpenFile::Part& part = *file.value;
  size_t written = 0;
  Status s = part.writer->WriteBatch(file.value_schema, part.pending, &written);
  if (!s.ok())
    s = s.Annotate(fmt::format("record {}-{}@{}", tp_.topic, tp_.partition,
                               part.pending_offsets[written]));
  part.pending.clear();
  part.pending_offsets.clear();
  part.projected.clear();
  return s;
}

Status TopicPartitionWriter::WritePending() {
  Status first;
  for (auto& [encoded, file] : files_) {
    Status s = WritePending(*file);
    if (first.ok()) first = s;
  }
  return first;
}

Status TopicPartitionWriter::SendFinishedBytes(OpenFile& file) {
  for (std::optional<OpenFile::Part>* slot : {&file.value, &file.keys, &file.headers}) {
    if (!slot->has_value() || (*slot)->finished) continue;
    OpenFile::Part& part = **slot;
    // An empty append still sends what a failed one kept.
    Status s = part.upload->Append(part.writer->TakeOutput());
    if (!s.ok())
      return s.Annotate(fmt::format("uploading {} to {}", file.key + part.suffix,
                                    ctx_.store->Describe()));
  }
  return Status::OK();
}

Status TopicPartitionWriter::CommitFile(OpenFile& file) {
  const S3SinkConfig& c = *ctx_.config;
  std::map<std::string, std::string> tags;
  if (c.object_tagging) {
    tags = c.extra_object_tags;
    tags["startOffset"] = std::to_string(file.start_offset);
    tags["endOffset"] = std::to_string(file.end_offset);
    tags["recordCount"] = std::to_string(file.record_count);
  }
  TRIB_RETURN_IF_ERROR(WritePending(file));
  TRIB_RETURN_IF_ERROR(SendFinishedBytes(file));
  // A part leaves the file once committed, so a retry commits only the parts still due.
  for (std::optional<OpenFile::Part>* slot : {&file.value, &file.keys, &file.headers}) {
    if (!slot->has_value()) continue;
    OpenFile::Part& part = **slot;
    const std::string key = file.key + part.suffix;
    Status s;
    if (!part.finished) {
      auto rest = part.writer->Finish();
      if (!rest.ok()) return rest.status().Annotate(key);
      part.finished = true;
      s = part.upload->Append(*rest);
    }
    if (s.ok()) s = part.upload->Commit(tags);
    if (!s.ok())
      return s.Annotate(fmt::format("uploading {} to {}", key, ctx_.store->Describe()));
    committed_keys_.push_back(key);
    spdlog::info("connector {}: committed {} ({} records, offsets {}..{}, {} bytes)",
                 c.connector_name, key, file.record_count, file.start_offset, file.end_offset,
                 part.upload->size());
    slot->reset();
  }
  return Status::OK();
}

Status TopicPartitionWriter::CommitFiles() {
  commit_pending_ = true;
  for (const auto& encoded : file_order_) TRIB_RETURN_IF_ERROR(CommitFile(*files_.at(encoded)));
  commit_pending_ = false;
  offset_to_commit_ = current_offset_ + 1;
  files_.clear();
  file_order_.clear();
  current_schemas_.clear();
  record_count_ = 0;
  base_record_ts_.reset();
  return Status::OK();
}

Status TopicPartitionWriter::Tick(int64_t now_ms) {
  if (commit_pending_) return CommitFiles();
  if (record_count_ > 0 && RotateOnTime(current_encoded_partition_, current_ts_, now_ms)) {
    SetNextScheduledRotation(now_ms);
    return CommitFiles();
  }
  if (record_count_ == 0 && ctx_.config->rotate_schedule_interval_ms > 0 &&
      now_ms >= next_scheduled_rotation_)
    SetNextScheduledRotation(now_ms);
  return Status::OK();
}

}  // namespace tributary::s3sink
