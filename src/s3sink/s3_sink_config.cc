#include "s3sink/s3_sink_config.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

namespace tributary::s3sink {

namespace {

constexpr char kDefaultPartitionerClass[] =
    "io.confluent.connect.storage.partitioner.DefaultPartitioner";
constexpr char kFieldPartitionerClass[] =
    "io.confluent.connect.storage.partitioner.FieldPartitioner";
constexpr char kTimeBasedPartitionerClass[] =
    "io.confluent.connect.storage.partitioner.TimeBasedPartitioner";
constexpr char kDailyPartitionerClass[] =
    "io.confluent.connect.storage.partitioner.DailyPartitioner";
constexpr char kHourlyPartitionerClass[] =
    "io.confluent.connect.storage.partitioner.HourlyPartitioner";
constexpr char kS3StorageClass[] = "io.confluent.connect.s3.storage.S3Storage";

std::vector<ConfigKey> BuildKeys() {
  using T = ConfigType;
  const std::vector<std::string> formats = {kAvroFormatClass, kByteArrayFormatClass,
                                            kJsonFormatClass, kParquetFormatClass};
  return {
      // Connector
      {"format.class", T::kClass, std::nullopt, formats,
       "The format class to use when writing data to the store."},
      {"flush.size", T::kInt, std::nullopt, {},
       "Number of records written to store before invoking file commits."},
      {"rotate.interval.ms", T::kLong, "-1", {},
       "Commit files when the record time (from the timestamp extractor of a time-based "
       "partitioner) passes the first record's time of the file by this much; -1 disables."},
      {"rotate.schedule.interval.ms", T::kLong, "-1", {},
       "Commit files every this many wall-clock milliseconds, aligned to 00:00 of `timezone`; "
       "-1 disables. Not deterministic: breaks exactly-once."},
      {"retry.backoff.ms", T::kLong, "5000", {},
       "How long to wait before retrying a failed write."},
      {"filename.offset.zero.pad.width", T::kInt, "10", {},
       "Width to zero-pad offsets in file names to."},
      {"topics", T::kList, "", {}, "Topics to consume (set by the runtime)."},
      {"topics.regex", T::kString, "", {}, "Pattern of topics to consume."},
      {"schema.compatibility", T::kString, "NONE", {"NONE", "BACKWARD", "FORWARD", "FULL"},
       "How a schema change is handled: NONE starts a new file on any change; the others "
       "project records to the file's schema when possible."},
      // Confluent's default is "fail"; ours is "ignore" so that Debezium's tombstones (kept by
      // ExtractNewRecordState with drop.tombstones=false, as in the walkthrough) do not stop
      // the sink. docs/compatibility.md lists this difference.
      {"behavior.on.null.values", T::kString, "ignore", {"ignore", "fail", "write"},
       "How to handle records with a null value (tombstones)."},
      {"tombstone.encoded.partition", T::kString, "tombstone", {},
       "Encoded partition of tombstones when behavior.on.null.values=write."},
      {"report.null.values.to.dlq", T::kBoolean, "true", {},
       "Report skipped null values to the dead letter queue."},
      {"store.kafka.keys", T::kBoolean, "false", {},
       "Write record keys to <file>.keys.<ext> beside the value file."},
      {"store.kafka.headers", T::kBoolean, "false", {},
       "Write record headers to <file>.headers.<ext> beside the value file."},
      {"keys.format.class", T::kClass, kAvroFormatClass, formats,
       "Format of the keys files."},
      {"headers.format.class", T::kClass, kAvroFormatClass, formats,
       "Format of the headers files."},
      {"avro.codec", T::kString, "null",
       {"null", "deflate", "snappy", "bzip2", "xz", "zstandard"},
       "Compression codec of Avro container files."},
      {"parquet.codec", T::kString, "snappy",
       {"none", "gzip", "snappy", "lz4", "brotli", "zstd", "lzo"},
       "Compression codec of Parquet files."},
      {"json.decimal.format", T::kString, "BASE64", {"BASE64", "NUMERIC"},
       "How JsonFormat writes decimals."},
      {"format.bytearray.extension", T::kString, ".bin", {},
       "File extension of ByteArrayFormat."},
      {"format.bytearray.separator", T::kString, "\n", {},
       "Separator between records of ByteArrayFormat."},
      {"enhanced.avro.schema.support", T::kBoolean, "true", {},
       "Keep enum symbols and package names in Avro schemas."},
      {"connect.meta.data", T::kBoolean, "true", {},
       "Keep Connect metadata in Avro schemas."},
      {"schema.cache.size", T::kInt, "1000", {}, "Size of the schema cache."},
      {"rotate.file.on.partition.change", T::kBoolean, "true", {},
       "With rotate.interval.ms and a time-based partitioner, commit files when a record "
       "belongs to another encoded partition."},
      {"partitioner.max.open.files", T::kInt, "-1", {},
       "Accepted for compatibility; the number of open files is not limited."},
      {"max.write.duration.ms", T::kLong, "9223372036854775807", {},
       "Accepted for compatibility."},
      // S3
      {"s3.bucket.name", T::kString, std::nullopt, {}, "The S3 bucket."},
      {"s3.region", T::kString, "us-west-2", {}, "The AWS region of the bucket."},
      {"s3.part.size", T::kInt, "26214400", {}, "The part size of S3 multipart uploads."},
      {"s3.compression.type", T::kString, "none", {"none", "gzip"},
       "Compression of JsonFormat and ByteArrayFormat files."},
      {"s3.compression.level", T::kInt, "-1", {}, "gzip level, -1 (default) or 0..9."},
      {"s3.object.tagging", T::kBoolean, "false", {},
       "Tag objects with startOffset, endOffset and recordCount."},
      {"s3.object.tagging.key.value.pairs", T::kList, "", {},
       "Extra object tags as key:value pairs."},
      {"s3.object.behavior.on.tagging.error", T::kString, "ignore", {"ignore", "fail"},
       "What to do when tagging fails."},
      {"s3.part.retries", T::kInt, "3", {}, "Retries of a failed S3 request."},
      {"s3.retry.backoff.ms", T::kLong, "200", {}, "First retry delay of S3 requests."},
      {"s3.path.style.access.enabled", T::kBoolean, "true", {}, "Use path-style addressing."},
      {"s3.ssea.name", T::kString, "", {}, "Server-side encryption algorithm."},
      {"s3.sse.kms.key.id", T::kString, "", {}, "KMS key of server-side encryption."},
      {"s3.acl.canned", T::kString, "", {}, "Canned ACL of written objects."},
      {"s3.wan.mode", T::kBoolean, "false", {}, "Use the accelerated endpoint."},
      {"s3.http.send.expect.continue", T::kBoolean, "true", {}, "Send Expect: 100-continue."},
      {"s3.credentials.provider.class", T::kClass,
       "com.amazonaws.auth.DefaultAWSCredentialsProviderChain", {},
       "Credentials provider; keys, environment and ~/.aws/credentials are used."},
      {"aws.access.key.id", T::kString, "", {}, "AWS access key id."},
      {"aws.secret.access.key", T::kPassword, "", {}, "AWS secret access key."},
      {"s3.proxy.url", T::kString, "", {}, "Proxy URL."},
      {"s3.schema.partition.affix.type", T::kString, "NONE", {"NONE"},
       "Schema name affix in paths; only NONE is supported."},
      // Storage
      {"storage.class", T::kClass, kS3StorageClass, {kS3StorageClass},
       "The underlying storage layer."},
      {"topics.dir", T::kString, "topics", {}, "Top level directory of written objects."},
      {"store.url", T::kString, "", {},
       "Endpoint of an S3-compatible store, or file:///folder for a local folder."},
      {"directory.delim", T::kString, "/", {}, "Directory delimiter pattern."},
      {"file.delim", T::kString, "+", {}, "File delimiter pattern."},
      // Partitioner
      {"partitioner.class", T::kClass, kDefaultPartitionerClass,
       {kDefaultPartitionerClass, kFieldPartitionerClass, kTimeBasedPartitionerClass,
        kDailyPartitionerClass, kHourlyPartitionerClass},
       "The partitioner to use when writing data to the store."},
      {"partition.field.name", T::kList, "", {},
       "Record fields FieldPartitioner partitions by."},
      {"partition.duration.ms", T::kLong, "-1", {},
       "Duration of a partition of TimeBasedPartitioner."},
      {"path.format", T::kString, "", {},
       "Joda-Time pattern of TimeBasedPartitioner's directories, e.g. "
       "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH."},
      {"locale", T::kString, "", {}, "Locale of the path format."},
      {"timezone", T::kString, "", {}, "Time zone of the path format and scheduled rotation."},
      {"timestamp.extractor", T::kString, "Wallclock", {"Wallclock", "Record", "RecordField"},
       "Where TimeBasedPartitioner takes a record's time from."},
      {"timestamp.field", T::kString, "timestamp", {},
       "Record field (dotted path) holding the time, for RecordField."},
  };
}

Result<int64_t> ParseInteger(const std::string& key, const std::string& text) {
  int64_t v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size())
    return Status::InvalidArgument("{}: '{}' is not an integer", key, text);
  return v;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

// Reads every defined key with its default, checking types and valid values.
class Reader {
 public:
  explicit Reader(const connect::Config& config) : config_(config) {
    for (const auto& key : S3SinkConfigKeys()) Check(key);
  }

  const std::string& Raw(const std::string& key) const { return values_.at(key); }
  bool Present(const std::string& key) const { return values_.count(key) > 0; }
  int64_t Int(const std::string& key) const {
    auto v = ParseInteger(key, Raw(key));
    return v.ok() ? *v : 0;
  }
  bool Bool(const std::string& key) const { return Raw(key) == "true"; }
  void Error(std::string message) { errors_.push_back(std::move(message)); }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  void Check(const ConfigKey& key) {
    auto given = config_.Get(key.name);
    if (!given && !key.default_value) {
      Error(fmt::format("{}: missing required configuration ({})", key.name, key.doc));
      return;
    }
    std::string value = given ? *given : *key.default_value;
    if (key.type != ConfigType::kPassword && key.name != "format.bytearray.separator") {
      value.erase(0, value.find_first_not_of(" \t"));
      value.erase(value.find_last_not_of(" \t") + 1);
    }
    switch (key.type) {
      case ConfigType::kInt:
      case ConfigType::kLong: {
        auto v = ParseInteger(key.name, value);
        if (!v.ok()) {
          Error(v.status().message());
          return;
        }
        if (key.type == ConfigType::kInt && (*v < INT32_MIN || *v > INT32_MAX)) {
          Error(fmt::format("{}: {} is out of the int range", key.name, value));
          return;
        }
        break;
      }
      case ConfigType::kBoolean: {
        std::string lower = value;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        if (lower != "true" && lower != "false") {
          Error(fmt::format("{}: '{}' is not a boolean; use true or false", key.name, value));
          return;
        }
        value = lower;
        break;
      }
      default: break;
    }
    if (!key.valid_values.empty() &&
        std::find(key.valid_values.begin(), key.valid_values.end(), value) ==
            key.valid_values.end()) {
      Error(fmt::format("{}: invalid value '{}'; valid values: {}", key.name, value,
                        fmt::join(key.valid_values, ", ")));
      return;
    }
    values_[key.name] = value;
  }

  const connect::Config& config_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> errors_;
};

FormatKind FormatFromClass(const std::string& name) {
  if (name == kJsonFormatClass) return FormatKind::kJson;
  if (name == kParquetFormatClass) return FormatKind::kParquet;
  if (name == kByteArrayFormatClass) return FormatKind::kByteArray;
  return FormatKind::kAvro;
}

}  // namespace

const std::vector<ConfigKey>& S3SinkConfigKeys() {
  static const std::vector<ConfigKey> keys = BuildKeys();
  return keys;
}

std::string_view FormatClassName(FormatKind kind) {
  switch (kind) {
    case FormatKind::kAvro: return kAvroFormatClass;
    case FormatKind::kJson: return kJsonFormatClass;
    case FormatKind::kParquet: return kParquetFormatClass;
    case FormatKind::kByteArray: return kByteArrayFormatClass;
  }
  return "";
}

Result<S3SinkConfig> S3SinkConfig::Parse(const connect::Config& config) {
  Reader r(config);
  S3SinkConfig c;
  c.connector_name = config.GetString("name", "s3-sink");
  auto has = [&](const char* key) { return r.Present(key); };

  if (has("s3.bucket.name")) {
    c.bucket = r.Raw("s3.bucket.name");
    if (c.bucket.empty()) r.Error("s3.bucket.name: must not be empty");
  }
  if (has("topics")) c.topics = SplitList(r.Raw("topics"));
  if (has("topics.regex")) c.topics_regex = r.Raw("topics.regex");
  if (has("topics.dir")) c.topics_dir = r.Raw("topics.dir");
  if (has("flush.size")) {
    c.flush_size = r.Int("flush.size");
    if (c.flush_size < 1) r.Error(fmt::format("flush.size: {} must be at least 1", c.flush_size));
  }
  if (has("rotate.interval.ms")) c.rotate_interval_ms = r.Int("rotate.interval.ms");
  if (has("rotate.schedule.interval.ms"))
    c.rotate_schedule_interval_ms = r.Int("rotate.schedule.interval.ms");
  if (has("format.class")) c.format = FormatFromClass(r.Raw("format.class"));
  if (has("parquet.codec")) c.parquet_codec = r.Raw("parquet.codec");
  if (has("s3.part.size")) {
    c.s3_part_size = r.Int("s3.part.size");
    if (c.s3_part_size < 1)
      r.Error(fmt::format("s3.part.size: {} must be positive", c.s3_part_size));
  }
  if (has("avro.codec")) c.avro_codec = r.Raw("avro.codec");
  if (has("connect.meta.data")) c.connect_meta_data = r.Bool("connect.meta.data");
  if (has("s3.compression.type")) c.gzip = r.Raw("s3.compression.type") == "gzip";
  if (has("s3.compression.level")) {
    c.gzip_level = static_cast<int>(r.Int("s3.compression.level"));
    if (c.gzip_level < -1 || c.gzip_level > 9)
      r.Error(fmt::format("s3.compression.level: {} must be -1 or within 0..9", c.gzip_level));
  }
  if (has("json.decimal.format"))
    c.json_decimal_format =
        r.Raw("json.decimal.format") == "NUMERIC" ? DecimalFormat::kNumeric : DecimalFormat::kBase64;
  if (has("format.bytearray.extension")) c.bytearray_extension = r.Raw("format.bytearray.extension");
  if (has("format.bytearray.separator")) c.bytearray_separator = r.Raw("format.bytearray.separator");

  if (has("partitioner.class")) {
    const std::string& p = r.Raw("partitioner.class");
    if (p == kFieldPartitionerClass) c.partitioner = PartitionerKind::kField;
    else if (p == kTimeBasedPartitionerClass) c.partitioner = PartitionerKind::kTimeBased;
    else if (p == kDailyPartitionerClass) c.partitioner = PartitionerKind::kDaily;
    else if (p == kHourlyPartitionerClass) c.partitioner = PartitionerKind::kHourly;
    else c.partitioner = PartitionerKind::kDefault;
  }
  if (has("partition.field.name")) c.partition_fields = SplitList(r.Raw("partition.field.name"));
  if (has("path.format")) c.path_format = r.Raw("path.format");
  if (has("partition.duration.ms")) c.partition_duration_ms = r.Int("partition.duration.ms");
  if (has("locale")) c.locale = r.Raw("locale");
  if (has("timezone")) c.timezone = r.Raw("timezone");
  if (has("timestamp.extractor")) {
    const std::string& e = r.Raw("timestamp.extractor");
    c.timestamp_extractor = e == "Record"        ? TimestampExtractorKind::kRecord
                            : e == "RecordField" ? TimestampExtractorKind::kRecordField
                                                 : TimestampExtractorKind::kWallclock;
  }
  if (has("timestamp.field")) c.timestamp_field = r.Raw("timestamp.field");
  if (has("rotate.file.on.partition.change"))
    c.rotate_file_on_partition_change = r.Bool("rotate.file.on.partition.change");

  if (has("schema.compatibility")) {
    const std::string& s = r.Raw("schema.compatibility");
    c.schema_compatibility = s == "BACKWARD" ? SchemaCompatibilityMode::kBackward
                             : s == "FORWARD" ? SchemaCompatibilityMode::kForward
                             : s == "FULL"    ? SchemaCompatibilityMode::kFull
                                              : SchemaCompatibilityMode::kNone;
  }
  if (has("behavior.on.null.values")) {
    const std::string& b = r.Raw("behavior.on.null.values");
    c.behavior_on_null_values = b == "ignore" ? NullValueBehavior::kIgnore
                                : b == "write" ? NullValueBehavior::kWrite
                                               : NullValueBehavior::kFail;
  }
  if (has("tombstone.encoded.partition"))
    c.tombstone_encoded_partition = r.Raw("tombstone.encoded.partition");
  if (has("store.kafka.keys")) c.store_kafka_keys = r.Bool("store.kafka.keys");
  if (has("store.kafka.headers")) c.store_kafka_headers = r.Bool("store.kafka.headers");
  if (has("keys.format.class")) c.keys_format = FormatFromClass(r.Raw("keys.format.class"));
  if (has("headers.format.class"))
    c.headers_format = FormatFromClass(r.Raw("headers.format.class"));
  if (has("filename.offset.zero.pad.width")) {
    c.filename_offset_zero_pad_width = r.Int("filename.offset.zero.pad.width");
    if (c.filename_offset_zero_pad_width < 0)
      r.Error("filename.offset.zero.pad.width: must be at least 0");
  }
  if (has("directory.delim")) c.directory_delim = r.Raw("directory.delim");
  if (has("file.delim")) c.file_delim = r.Raw("file.delim");
  if (has("s3.object.tagging")) c.object_tagging = r.Bool("s3.object.tagging");
  if (has("s3.object.tagging.key.value.pairs")) {
    for (const auto& pair : SplitList(r.Raw("s3.object.tagging.key.value.pairs"))) {
      size_t colon = pair.find(':');
      if (colon == std::string::npos || colon == 0) {
        r.Error(fmt::format("s3.object.tagging.key.value.pairs: '{}' is not key:value", pair));
        continue;
      }
      c.extra_object_tags[pair.substr(0, colon)] = pair.substr(colon + 1);
    }
  }

  // Rules that involve several keys, as Confluent's validators and partitioners check them.
  bool time_based = c.partitioner == PartitionerKind::kTimeBased ||
                    c.partitioner == PartitionerKind::kDaily ||
                    c.partitioner == PartitionerKind::kHourly;
  if (c.partitioner == PartitionerKind::kTimeBased) {
    std::string trimmed = c.path_format;
    if (trimmed.empty() || trimmed == c.directory_delim)
      r.Error("path.format: must be set for TimeBasedPartitioner, e.g. "
              "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    if (c.partition_duration_ms <= 0)
      r.Error("partition.duration.ms: must be set to a positive number of milliseconds for "
              "TimeBasedPartitioner");
  }
  if (time_based) {
    if (c.locale.empty()) r.Error("locale: must be set for a time-based partitioner, e.g. en-US");
    if (c.timezone.empty()) r.Error("timezone: must be set for a time-based partitioner, e.g. UTC");
    if (c.timestamp_extractor == TimestampExtractorKind::kRecordField && c.timestamp_field.empty())
      r.Error("timestamp.field: must name a field for timestamp.extractor=RecordField");
  }
  if (c.partitioner == PartitionerKind::kField && c.partition_fields.empty())
    r.Error("partition.field.name: must list at least one field for FieldPartitioner");
  if (c.rotate_schedule_interval_ms > 0 && c.timezone.empty())
    r.Error("timezone: must be set when rotate.schedule.interval.ms is set, e.g. UTC");
  if (c.behavior_on_null_values == NullValueBehavior::kWrite && !c.store_kafka_keys)
    r.Error("behavior.on.null.values: 'write' needs store.kafka.keys=true (tombstones are "
            "written as keys files)");

  if (!r.errors().empty()) {
    return Status::InvalidArgument("connector '{}' ({}): {}", c.connector_name,
                                   kS3SinkConnectorClass, fmt::join(r.errors(), "; "));
  }
  return c;
}

}  // namespace tributary::s3sink
