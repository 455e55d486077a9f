#include "converters/glue_avro_converter.h"

#include <zlib.h>

#include "avro/schema_parser.h"

namespace tributary::converters {
namespace {

constexpr uint8_t kHeaderVersion = 3;
constexpr uint8_t kCompressionNone = 0;
constexpr uint8_t kCompressionZlib = 5;
constexpr size_t kHeaderSize = 18;

const char* Side(bool is_key) { return is_key ? "key" : "value"; }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status ZlibCompress(std::string_view in, std::string* out) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  size_t start = out->size();
  out->resize(start + size);
  int rc = compress2(reinterpret_cast<Bytef*>(out->data() + start), &size,
                     reinterpret_cast<const Bytef*>(in.data()), static_cast<uLong>(in.size()),
                     Z_DEFAULT_COMPRESSION);
  if (rc != Z_OK) return Status::Internal("zlib compression failed (code {})", rc);
  out->resize(start + size);
  return Status::OK();
}

Status ZlibDecompress(std::string_view in, std::string* out) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return Status::Internal("zlib inflateInit failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof(buffer);
    rc = inflate(&z, Z_NO_FLUSH);
    out->append(buffer, sizeof(buffer) - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END)
    return Status::Corruption("zlib data is corrupt or truncated (zlib code {}, {} bytes in)", rc,
                              z.total_in);
  return Status::OK();
}

}  // namespace

Result<std::string> UuidToBytes(std::string_view uuid) {
  std::string bytes;
  int high = -1;
  for (char c : uuid) {
    if (c == '-') continue;
    int d = HexDigit(c);
    if (d < 0) return Status::InvalidArgument("'{}' is not a UUID", uuid);
    if (high < 0) {
      high = d;
    } else {
      bytes.push_back(static_cast<char>(high << 4 | d));
      high = -1;
    }
  }
  if (bytes.size() != 16 || high >= 0) return Status::InvalidArgument("'{}' is not a UUID", uuid);
  return bytes;
}

std::string UuidFromBytes(std::string_view b) {
  std::string hex;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) hex.push_back('-');
    hex += fmt::format("{:02x}", static_cast<uint8_t>(b[i]));
  }
  return hex;
}

GlueAvroConverter::GlueAvroConverter() = default;
GlueAvroConverter::~GlueAvroConverter() = default;

Status GlueAvroConverter::Configure(const connect::Config& config, bool is_key) {
  is_key_ = is_key;
  registry_name_ = config.GetString("registry.name", "default-registry");
  schema_name_ = config.GetString("schemaName");
  TRIB_ASSIGN_OR_RETURN(auto_register_, config.GetBool("schemaAutoRegistrationEnabled", false));
  auto level = registry::ParseCompatibilityLevel(config.GetString("compatibility", "BACKWARD"));
  if (!level.ok()) return level.status().Annotate("AWSKafkaAvroConverter: compatibility");
  compatibility_ = *level;
  std::string compression = config.GetString("compression", "NONE");
  if (compression != "NONE" && compression != "ZLIB")
    return Status::InvalidArgument(
        "AWSKafkaAvroConverter: compression '{}' is not supported: use NONE or ZLIB", compression);
  zlib_ = compression == "ZLIB";
  std::string record_type = config.GetString("avroRecordType", "GENERIC_RECORD");
  if (record_type != "GENERIC_RECORD" && record_type != "SPECIFIC_RECORD")
    return Status::InvalidArgument(
        "AWSKafkaAvroConverter: avroRecordType '{}' is invalid: use GENERIC_RECORD or "
        "SPECIFIC_RECORD",
        record_type);
  std::string data_format = config.GetString("dataFormat", "AVRO");
  if (data_format != "AVRO")
    return Status::NotSupported(
        "AWSKafkaAvroConverter: dataFormat '{}' is not supported: this converter handles AVRO",
        data_format);
  avro::AvroDataConfig data_config;
  data_config.flavor = avro::AvroDataConfig::Flavor::kAwsGlue;  // the Glue converter's AvroData copy
  avro_data_ = std::make_unique<avro::AvroData>(data_config);
  if (!client_) {
    auto client = registry::NewRegistryClient(config.GetString("endpoint"), "endpoint");
    if (!client.ok()) return client.status().Annotate("AWSKafkaAvroConverter");
    client_ = *client;
  }
  return Status::OK();
}

Result<const std::string*> GlueAvroConverter::VersionIdFor(const std::string& topic,
                                                    const avro::SchemaPtr& schema) {
  // Records of one topic and schema come in runs: answer them without a map lookup.
  if (last_.schema == schema && last_.topic == topic) return &last_.version_id;
  const std::string& schema_name = schema_name_.empty() ? topic : schema_name_;
  auto key = std::make_pair(schema_name, schema.get());
  if (auto it = version_ids_.find(key); it != version_ids_.end()) {
    last_ = {topic, schema, it->second.version_id};
    return &last_.version_id;
  }
  auto version = client_->GlueRegister(registry_name_, schema_name, avro::ToJson(*schema),
                                       compatibility_, auto_register_);
  if (!version.ok())
    return Status(version.status().code(),
                  fmt::format("AWSKafkaAvroConverter: topic '{}' {}: {} schema '{}' in registry "
                              "'{}' failed: {}",
                              topic, Side(is_key_),
                              auto_register_ ? "registering a version of"
                                             : "finding this version (schemaAutoRegistrationEnabled="
                                               "false) of",
                              schema_name, registry_name_, version.status().message()));
  TRIB_ASSIGN_OR_RETURN(std::string bytes, UuidToBytes(version->uuid));
  version_ids_.emplace(key, Registered{bytes, schema});
  last_ = {topic, schema, bytes};
  return &last_.version_id;
}

Status GlueAvroConverter::FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                                          const data::Value& value, std::string* out) {
  out->clear();
  if (value.is_null() && (!schema || schema->optional())) return Status::OK();  // tombstone
  if (!schema)
    return Status::InvalidArgument(
        "AWSKafkaAvroConverter: topic '{}': the {} has no Connect schema; Avro needs schemas",
        topic, Side(is_key_));
  auto avro_schema = avro_data_->FromConnectSchema(schema);
  if (!avro_schema.ok())
    return avro_schema.status().Annotate("AWSKafkaAvroConverter: topic '" + topic + "'");
  TRIB_ASSIGN_OR_RETURN(const std::string* version_id, VersionIdFor(topic, *avro_schema));
  out->push_back(static_cast<char>(kHeaderVersion));
  out->push_back(static_cast<char>(zlib_ ? kCompressionZlib : kCompressionNone));
  out->append(*version_id);
  std::string* body = out;
  if (zlib_) {
    scratch_.clear();
    body = &scratch_;
  }
  Status encoded = avro_data_->EncodeConnectValue(schema, value, body);
  if (!encoded.ok())
    return encoded.Annotate(fmt::format("AWSKafkaAvroConverter: topic '{}' {}", topic, Side(is_key_)));
  if (zlib_) return ZlibCompress(scratch_, out);
  return Status::OK();
}

Status GlueAvroConverter::ToConnectData(const std::string& topic, std::string_view bytes,
                                        bool is_null, data::SchemaPtr* schema, data::Value* value) {
  if (is_null || bytes.empty()) {
    *schema = nullptr;
    *value = data::Value::Null();
    return Status::OK();
  }
  auto context = [&] { return fmt::format("AWSKafkaAvroConverter: topic '{}' {}", topic, Side(is_key_)); };
  if (bytes.size() < kHeaderSize)
    return Status::Corruption("{}: message of {} bytes is shorter than the 18-byte Glue header",
                              context(), bytes.size());
  if (static_cast<uint8_t>(bytes[0]) != kHeaderVersion)
    return Status::Corruption("{}: header version byte 0x{:02x} at offset 0; expected 0x03 (AWS "
                              "Glue framing)",
                              context(), static_cast<uint8_t>(bytes[0]));
  uint8_t compression = static_cast<uint8_t>(bytes[1]);
  if (compression != kCompressionNone && compression != kCompressionZlib)
    return Status::Corruption("{}: unknown compression byte 0x{:02x} at offset 1 (0 = none, 5 = "
                              "zlib)",
                              context(), compression);
  std::string uuid = UuidFromBytes(bytes.substr(2, 16));
  auto writer = client_->GlueGetByUuid(uuid);
  if (!writer.ok()) return writer.status().Annotate(context() + ": schema version " + uuid);
  std::string_view body = bytes.substr(kHeaderSize);
  if (compression == kCompressionZlib) {
    scratch_.clear();
    Status inflated = ZlibDecompress(body, &scratch_);
    if (!inflated.ok()) return inflated.Annotate(context() + " (body from byte offset 18)");
    body = scratch_;
  }
  data::SchemaPtr decoded_schema;
  Status decoded = avro_data_->DecodeToConnect(writer->parsed, body, value, &decoded_schema);
  if (!decoded.ok())
    return decoded.Annotate(fmt::format("{} (schema version {}, Avro body from byte offset 18{})",
                                        context(), uuid, compression ? ", after zlib" : ""));
  versioned_.Attach(decoded_schema, writer->version, schema, value);
  return Status::OK();
}

}  // namespace tributary::converters
