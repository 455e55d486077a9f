// S3SinkConfig: the configuration of io.confluent.connect.s3.S3SinkConnector, with the keys,
// defaults and valid values that Confluent's S3 sink documents, parsed into typed fields.
//
// S3SinkConfigKeys() is the single definition of every key (name, type, default, valid
// values, doc); Parse() validates a connector config against it and reports every bad value
// at once, each naming the key and what it accepts. Keys of other components (connector.class,
// converters, transforms, storage credentials) pass through untouched; the storage keys
// (store.url, s3.region, aws.*, s3.part.size, ...) are read by storage::OpenObjectStore.
//
// Thread-safety: plain values; immutable after Parse.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/config.h"

namespace tributary::s3sink {

enum class ConfigType { kString, kInt, kLong, kBoolean, kList, kClass, kPassword };

struct ConfigKey {
  std::string name;
  ConfigType type;
  std::optional<std::string> default_value;  // nullopt: required
  std::vector<std::string> valid_values;      // empty: any value of the type
  std::string doc;
};

// Every key of the connector, in documentation order.
const std::vector<ConfigKey>& S3SinkConfigKeys();

enum class FormatKind { kAvro, kJson, kParquet, kByteArray };
enum class PartitionerKind { kDefault, kField, kTimeBased, kDaily, kHourly };
enum class TimestampExtractorKind { kWallclock, kRecord, kRecordField };
enum class SchemaCompatibilityMode { kNone, kBackward, kForward, kFull };
enum class NullValueBehavior { kFail, kIgnore, kWrite };
enum class DecimalFormat { kBase64, kNumeric };

// The Java class names users write.
inline constexpr char kS3SinkConnectorClass[] = "io.confluent.connect.s3.S3SinkConnector";
inline constexpr char kAvroFormatClass[] = "io.confluent.connect.s3.format.avro.AvroFormat";
inline constexpr char kJsonFormatClass[] = "io.confluent.connect.s3.format.json.JsonFormat";
inline constexpr char kParquetFormatClass[] =
    "io.confluent.connect.s3.format.parquet.ParquetFormat";
inline constexpr char kByteArrayFormatClass[] =
    "io.confluent.connect.s3.format.bytearray.ByteArrayFormat";

struct S3SinkConfig {
  std::string connector_name;  // "name", for messages

  std::string bucket;
  std::vector<std::string> topics;
  std::string topics_regex;
  std::string topics_dir = "topics";

  int64_t flush_size = 0;
  int64_t rotate_interval_ms = -1;
  int64_t rotate_schedule_interval_ms = -1;

  FormatKind format = FormatKind::kAvro;
  std::string parquet_codec = "snappy";
  int64_t s3_part_size = 26214400;  // s3.part.size; also bounds a Parquet row group
  std::string avro_codec = "null";
  bool connect_meta_data = true;  // keep Connect metadata in Avro schemas (AvroData)
  bool gzip = false;            // s3.compression.type=gzip (JSON and ByteArray)
  int gzip_level = -1;          // s3.compression.level
  DecimalFormat json_decimal_format = DecimalFormat::kBase64;
  std::string bytearray_extension = ".bin";
  std::string bytearray_separator = "\n";

  PartitionerKind partitioner = PartitionerKind::kDefault;
  std::vector<std::string> partition_fields;
  std::string path_format;
  int64_t partition_duration_ms = -1;
  std::string locale;
  std::string timezone;
  TimestampExtractorKind timestamp_extractor = TimestampExtractorKind::kWallclock;
  std::string timestamp_field = "timestamp";
  bool rotate_file_on_partition_change = true;

  SchemaCompatibilityMode schema_compatibility = SchemaCompatibilityMode::kNone;
  NullValueBehavior behavior_on_null_values = NullValueBehavior::kIgnore;
  std::string tombstone_encoded_partition = "tombstone";

  bool store_kafka_keys = false;
  bool store_kafka_headers = false;
  FormatKind keys_format = FormatKind::kAvro;
  FormatKind headers_format = FormatKind::kAvro;

  int64_t filename_offset_zero_pad_width = 10;
  std::string directory_delim = "/";
  std::string file_delim = "+";

  bool object_tagging = false;
  std::map<std::string, std::string> extra_object_tags;  // s3.object.tagging.key.value.pairs

  // Validates `config` against S3SinkConfigKeys(); InvalidArgument lists every problem.
  static Result<S3SinkConfig> Parse(const connect::Config& config);
};

std::string_view FormatClassName(FormatKind kind);

}  // namespace tributary::s3sink
