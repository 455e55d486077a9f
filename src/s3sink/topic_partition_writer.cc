#include "s3sink/topic_partition_writer.h"

#include <spdlog/spdlog.h>

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
  data::SchemaPtr key_schema;
  data::SchemaPtr header_schema;
  std::unique_ptr<RecordWriter> value_writer;  // null for the tombstone partition
  std::unique_ptr<RecordWriter> key_writer;
  std::unique_ptr<RecordWriter> header_writer;
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

    data::Value projected;
    const data::Value* value = &record.value;
    if (value_schema && file_schema && value_schema != file_schema) {
      auto p = compatibility_.Project(value_schema, record.value, file_schema);
      if (!p.ok())
        return p.status().Annotate(
            fmt::format("record {}-{}@{}", tp_.topic, tp_.partition, record.kafka_offset));
      projected = std::move(*p);
      value = &projected;
    }
    TRIB_RETURN_IF_ERROR(WriteToFile(record, *encoded, file_schema, *value));
    if (record_count_ >= ctx_.config->flush_size) return CommitFiles();
    return Status::OK();
  }
  return Status::Internal("record {}-{}@{} rotated files repeatedly", tp_.topic, tp_.partition,
                          record.kafka_offset);
}

Status TopicPartitionWriter::WriteToFile(const data::Record& record, const std::string& encoded,
                                         const data::SchemaPtr& file_schema,
                                         const data::Value& value) {
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
    if (!tombstone_file) {
      auto w = ctx_.value_format->NewWriter(file_schema);
      if (!w.ok()) return w.status().Annotate(where());
      file->value_writer = std::move(*w);
    }
    if (ctx_.key_format) {
      file->key_schema = record.key_schema;
      if (c.keys_format == FormatKind::kParquet) {
        data::Value ignored;
        Envelop("RecordKey", "key", &file->key_schema, &ignored);
      }
      auto w = ctx_.key_format->NewWriter(file->key_schema);
      if (!w.ok()) return w.status().Annotate(where());
      file->key_writer = std::move(*w);
    }
    if (ctx_.header_format) {
      file->header_schema = HeaderSchema();
      if (c.headers_format == FormatKind::kParquet || c.headers_format == FormatKind::kJson) {
        data::Value ignored;
        Envelop("RecordHeaders", "headers", &file->header_schema, &ignored);
      }
      auto w = ctx_.header_format->NewWriter(file->header_schema);
      if (!w.ok()) return w.status().Annotate(where());
      file->header_writer = std::move(*w);
    }
    file_order_.push_back(encoded);
    it = files_.emplace(encoded, std::move(file)).first;
  }
  OpenFile& file = *it->second;
  if (file.value_writer) {
    Status s = file.value_writer->Write(file_schema, value);
    if (!s.ok()) return s.Annotate(where());
  }
  if (file.key_writer) {
    data::SchemaPtr schema = record.key_schema;
    data::Value key = record.key;
    if (c.keys_format == FormatKind::kParquet) Envelop("RecordKey", "key", &schema, &key);
    Status s = file.key_writer->Write(file.key_schema, key);
    if (!s.ok()) return s.Annotate(where());
  }
  if (file.header_writer) {
    data::SchemaPtr schema = HeaderSchema();
    data::Value headers = HeadersView(record);
    if (file.header_schema != HeaderSchema()) Envelop("RecordHeaders", "headers", &schema, &headers);
    Status s = file.header_writer->Write(file.header_schema, headers);
    if (!s.ok()) return s.Annotate(where());
  }
  file.end_offset = record.kafka_offset;
  ++file.record_count;
  ++record_count_;
  current_encoded_partition_ = encoded;
  current_offset_ = record.kafka_offset;
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
  struct Part {
    RecordWriter* writer;
    std::string suffix;
  };
  std::vector<Part> parts;
  if (file.value_writer) parts.push_back({file.value_writer.get(), ctx_.value_format->extension()});
  if (file.key_writer) parts.push_back({file.key_writer.get(), ".keys" + ctx_.key_format->extension()});
  if (file.header_writer)
    parts.push_back({file.header_writer.get(), ".headers" + ctx_.header_format->extension()});
  for (const Part& part : parts) {
    auto bytes = part.writer->Finish();
    if (!bytes.ok()) return bytes.status().Annotate(file.key + part.suffix);
    std::string key = file.key + part.suffix;
    Status s = ctx_.store->Put(key, *bytes, tags);
    if (!s.ok())
      return s.Annotate(fmt::format("uploading {} to {}", key, ctx_.store->Describe()));
    committed_keys_.push_back(key);
    spdlog::info("connector {}: committed {} ({} records, offsets {}..{})", c.connector_name,
                 key, file.record_count, file.start_offset, file.end_offset);
  }
  return Status::OK();
}

Status TopicPartitionWriter::CommitFiles() {
  for (const auto& encoded : file_order_) TRIB_RETURN_IF_ERROR(CommitFile(*files_.at(encoded)));
  offset_to_commit_ = current_offset_ + 1;
  files_.clear();
  file_order_.clear();
  current_schemas_.clear();
  record_count_ = 0;
  base_record_ts_.reset();
  return Status::OK();
}

Status TopicPartitionWriter::Tick(int64_t now_ms) {
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
