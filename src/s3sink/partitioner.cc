#include "s3sink/partitioner.h"

#include "s3sink/joda_date_format.h"
#include "s3sink/nested_field.h"
#include "s3sink/time_zone.h"

namespace tributary::s3sink {

namespace {

std::string RecordName(const data::Record& r) {
  return fmt::format("record {}-{}@{}", r.topic, r.partition, r.kafka_offset);
}

class DefaultPartitioner : public Partitioner {
 public:
  explicit DefaultPartitioner(std::string delim) : Partitioner(std::move(delim)) {}
  Result<std::string> EncodePartition(const data::Record& record, int64_t) const override {
    return "partition=" + std::to_string(record.partition);
  }
};

class FieldPartitioner : public Partitioner {
 public:
  FieldPartitioner(std::string delim, std::vector<std::string> fields)
      : Partitioner(std::move(delim)), fields_(std::move(fields)) {}

  Result<std::string> EncodePartition(const data::Record& record, int64_t) const override {
    if (record.value.kind() != data::Value::Kind::kStruct)
      return Status::InvalidArgument(
          "{}: FieldPartitioner needs a struct value with a schema (partition.field.name)",
          RecordName(record));
    std::string out;
    for (const auto& name : fields_) {
      if (!out.empty()) out += delim_;
      NestedFieldRef ref = FindNestedField(record.value_schema, record.value, name);
      if (!ref.value || !ref.schema)
        return Status::InvalidArgument("{}: partition.field.name: field '{}' is not present "
                                       "in the schema",
                                       RecordName(record), name);
      if (ref.value->is_null()) {
        out += name + "=null";
        continue;
      }
      switch (ref.schema->type()) {
        case data::Type::kInt8:
        case data::Type::kInt16:
        case data::Type::kInt32:
        case data::Type::kInt64: out += name + "=" + std::to_string(ref.value->as_int()); break;
        case data::Type::kString: out += name + "=" + ref.value->as_string(); break;
        case data::Type::kBoolean:
          out += name + "=" + (ref.value->as_bool() ? "true" : "false");
          break;
        default:
          return Status::InvalidArgument(
              "{}: partition.field.name: field '{}' has type {}; FieldPartitioner supports "
              "int8, int16, int32, int64, string and boolean",
              RecordName(record), name, data::TypeName(ref.schema->type()));
      }
    }
    return out;
  }

 private:
  std::vector<std::string> fields_;
};

class TimeBasedPartitioner : public Partitioner {
 public:
  TimeBasedPartitioner(std::string delim, int64_t duration_ms, JodaDateFormat format,
                       TimeZone zone, TimestampExtractor extractor)
      : Partitioner(std::move(delim)),
        duration_ms_(duration_ms),
        format_(std::move(format)),
        zone_(std::move(zone)),
        extractor_(std::move(extractor)) {}

  Result<std::string> EncodePartition(const data::Record& record, int64_t now_ms) const override {
    auto ts = extractor_.Extract(record, now_ms);
    if (!ts.ok()) return ts.status();
    // As Confluent's getPartition: bucket in local time (Java's truncating division).
    int64_t local = zone_.UtcToLocal(*ts);
    int64_t bucket = zone_.LocalToUtc(local / duration_ms_ * duration_ms_);
    return format_.Format(bucket, zone_);
  }
  const TimestampExtractor* timestamp_extractor() const override { return &extractor_; }

 private:
  int64_t duration_ms_;
  JodaDateFormat format_;
  TimeZone zone_;
  TimestampExtractor extractor_;
};

// behavior.on.null.values=write: tombstones go to their own encoded partition.
class TombstonePartitioner : public Partitioner {
 public:
  TombstonePartitioner(std::unique_ptr<Partitioner> inner, std::string tombstone_partition,
                       std::string delim)
      : Partitioner(std::move(delim)),
        inner_(std::move(inner)),
        tombstone_partition_(std::move(tombstone_partition)) {}
  Result<std::string> EncodePartition(const data::Record& record, int64_t now_ms) const override {
    if (record.is_tombstone()) return tombstone_partition_;
    return inner_->EncodePartition(record, now_ms);
  }
  const TimestampExtractor* timestamp_extractor() const override {
    return inner_->timestamp_extractor();
  }

 private:
  std::unique_ptr<Partitioner> inner_;
  std::string tombstone_partition_;
};

Result<std::unique_ptr<Partitioner>> NewInner(const S3SinkConfig& c) {
  const std::string& delim = c.directory_delim;
  switch (c.partitioner) {
    case PartitionerKind::kDefault: return std::unique_ptr<Partitioner>(new DefaultPartitioner(delim));
    case PartitionerKind::kField:
      return std::unique_ptr<Partitioner>(new FieldPartitioner(delim, c.partition_fields));
    case PartitionerKind::kTimeBased:
    case PartitionerKind::kDaily:
    case PartitionerKind::kHourly: break;
  }
  std::string path_format = c.path_format;
  int64_t duration_ms = c.partition_duration_ms;
  if (c.partitioner == PartitionerKind::kDaily) {
    path_format = "'year'=YYYY" + delim + "'month'=MM" + delim + "'day'=dd";
    duration_ms = 86400000;
  } else if (c.partitioner == PartitionerKind::kHourly) {
    path_format = "'year'=YYYY" + delim + "'month'=MM" + delim + "'day'=dd" + delim + "'hour'=HH";
    duration_ms = 3600000;
  } else if (!delim.empty() && path_format.size() > delim.size() &&
             path_format.compare(path_format.size() - delim.size(), delim.size(), delim) == 0) {
    path_format.resize(path_format.size() - delim.size());  // as Confluent: drop a trailing delim
  }
  if (duration_ms <= 0)
    return Status::InvalidArgument("partition.duration.ms: must be positive, got {}", duration_ms);
  auto format = JodaDateFormat::Compile(path_format);
  if (!format.ok()) return format.status();
  auto zone = TimeZone::ForId(c.timezone);
  if (!zone.ok()) return zone.status();
  TimestampExtractor extractor(c.timestamp_extractor, c.timestamp_field,
                               c.behavior_on_null_values == NullValueBehavior::kWrite);
  return std::unique_ptr<Partitioner>(new TimeBasedPartitioner(
      delim, duration_ms, std::move(*format), std::move(*zone), std::move(extractor)));
}

}  // namespace

Result<std::unique_ptr<Partitioner>> NewPartitioner(const S3SinkConfig& config) {
  auto inner = NewInner(config);
  if (!inner.ok() || config.behavior_on_null_values != NullValueBehavior::kWrite) return inner;
  return std::unique_ptr<Partitioner>(new TombstonePartitioner(
      std::move(*inner), config.tombstone_encoded_partition, config.directory_delim));
}

}  // namespace tributary::s3sink
