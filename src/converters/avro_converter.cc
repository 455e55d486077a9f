#include "converters/avro_converter.h"

#include "avro/schema_parser.h"

namespace tributary::converters {
namespace {

constexpr char kMagicByte = 0;
constexpr size_t kHeaderSize = 5;

void AppendBigEndian32(int32_t v, std::string* out) {
  uint32_t u = static_cast<uint32_t>(v);
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((u >> shift) & 0xFF));
}

const char* Side(bool is_key) { return is_key ? "key" : "value"; }

}  // namespace

Result<AvroConverter::SubjectNameStrategy> ParseSubjectNameStrategy(const std::string& key,
                                                                    const std::string& value) {
  std::string simple = value.substr(value.rfind('.') == std::string::npos ? 0 : value.rfind('.') + 1);
  if (simple == "TopicNameStrategy") return AvroConverter::SubjectNameStrategy::kTopicName;
  if (simple == "RecordNameStrategy") return AvroConverter::SubjectNameStrategy::kRecordName;
  if (simple == "TopicRecordNameStrategy") return AvroConverter::SubjectNameStrategy::kTopicRecordName;
  return Status::InvalidArgument(
      "{}: unknown subject name strategy '{}'; use io.confluent.kafka.serializers.subject."
      "TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy",
      key, value);
}

AvroConverter::AvroConverter() = default;
AvroConverter::~AvroConverter() = default;

Status AvroConverter::Configure(const connect::Config& config, bool is_key) {
  is_key_ = is_key;
  TRIB_ASSIGN_OR_RETURN(auto_register_, config.GetBool("auto.register.schemas", true));
  TRIB_ASSIGN_OR_RETURN(use_latest_version_, config.GetBool("use.latest.version", false));
  std::string strategy_key = is_key ? "key.subject.name.strategy" : "value.subject.name.strategy";
  TRIB_ASSIGN_OR_RETURN(strategy_, ParseSubjectNameStrategy(
                                       strategy_key, config.GetString(strategy_key, "TopicNameStrategy")));
  avro::AvroDataConfig data_config;
  TRIB_ASSIGN_OR_RETURN(data_config.connect_meta_data, config.GetBool("connect.meta.data", true));
  TRIB_ASSIGN_OR_RETURN(int64_t cache_size, config.GetInt("schemas.cache.config", 1000));
  data_config.schemas_cache_size = static_cast<size_t>(cache_size);
  avro_data_ = std::make_unique<avro::AvroData>(data_config);
  if (!client_) {
    auto client = registry::NewRegistryClient(config.GetString("schema.registry.url"),
                                              "schema.registry.url");
    if (!client.ok()) return client.status().Annotate("AvroConverter");
    client_ = *client;
  }
  return Status::OK();
}

std::string AvroConverter::SubjectFor(const std::string& topic, const avro::Schema& schema) const {
  std::string record_name =
      schema.is_named() ? schema.full_name() : std::string(avro::TypeName(schema.type()));
  switch (strategy_) {
    case SubjectNameStrategy::kTopicName: return topic + "-" + Side(is_key_);
    case SubjectNameStrategy::kRecordName: return record_name;
    case SubjectNameStrategy::kTopicRecordName: return topic + "-" + record_name;
  }
  return topic;
}

Result<int32_t> AvroConverter::SchemaIdFor(const std::string& topic, const avro::SchemaPtr& schema) {
  // Records of one topic and schema come in runs: answer them without building the subject.
  if (last_.schema == schema && last_.topic == topic) return last_.id;
  std::string subject = SubjectFor(topic, *schema);
  auto key = std::make_pair(subject, schema.get());
  if (auto it = ids_.find(key); it != ids_.end()) {
    last_ = {topic, schema, it->second.id};
    return it->second.id;
  }
  std::string text = avro::ToJson(*schema);
  Result<registry::RegisteredSchema> found = Status::Internal("unreachable");
  if (auto_register_) {
    found = client_->Register(subject, text);
  } else if (use_latest_version_) {
    found = client_->GetLatest(subject);
    if (found.ok() && avro::CanonicalForm(*found->parsed) != avro::CanonicalForm(*schema))
      return Status::NotSupported(
          "AvroConverter: topic '{}': the {} schema differs from the latest version {} of "
          "subject '{}'; serializing with another schema than the record's is not supported "
          "(set auto.register.schemas=true or register the record's schema)",
          topic, Side(is_key_), found->version, subject);
  } else {
    found = client_->Lookup(subject, text);
  }
  if (!found.ok())
    return Status(found.status().code(),
                  fmt::format("AvroConverter: cannot {} the {} schema of topic '{}' under subject "
                              "'{}': {}",
                              auto_register_ ? "register" : "find", Side(is_key_), topic, subject,
                              found.status().message()));
  ids_.emplace(key, Registered{found->id, schema});
  last_ = {topic, schema, found->id};
  return found->id;
}

Status AvroConverter::FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                                      const data::Value& value, std::string* out) {
  out->clear();
  if (value.is_null() && (!schema || schema->optional())) return Status::OK();  // tombstone
  if (!schema)
    return Status::InvalidArgument(
        "AvroConverter: topic '{}': the {} has no Connect schema; AvroConverter needs schemas",
        topic, Side(is_key_));
  // Records come in runs of one topic and schema: reuse the last plan and id without a
  // cache lookup (and its lock) per record.
  if (last_encoder_.connect != schema || last_encoder_.topic != topic) {
    auto plan = avro_data_->EncoderFor(schema);
    if (!plan.ok()) return plan.status().Annotate("AvroConverter: topic '" + topic + "'");
    TRIB_ASSIGN_OR_RETURN(int32_t id, SchemaIdFor(topic, (*plan)->avro_schema()));
    last_encoder_ = {schema, topic, id, std::move(plan).value()};
  }
  out->push_back(kMagicByte);
  AppendBigEndian32(last_encoder_.id, out);
  Status encoded = last_encoder_.plan->Encode(value, out);
  if (!encoded.ok()) return encoded.Annotate(fmt::format("AvroConverter: topic '{}' {}", topic, Side(is_key_)));
  return Status::OK();
}

Status AvroConverter::ToConnectData(const std::string& topic, std::string_view bytes, bool is_null,
                                    data::SchemaPtr* schema, data::Value* value) {
  if (is_null || bytes.empty()) {
    *schema = nullptr;
    *value = data::Value::Null();
    return Status::OK();
  }
  if (bytes.size() < kHeaderSize || bytes[0] != kMagicByte)
    return Status::Corruption(
        "AvroConverter: topic '{}' {}: unknown magic byte 0x{:02x} at offset 0 or message "
        "shorter than 5 bytes ({} bytes); expected Confluent framing (0x00 + 4-byte schema id)",
        topic, Side(is_key_), static_cast<uint8_t>(bytes[0]), bytes.size());
  int32_t id = 0;
  for (size_t i = 1; i < kHeaderSize; ++i) id = (id << 8) | static_cast<uint8_t>(bytes[i]);
  auto writer = client_->GetById(id);
  if (!writer.ok())
    return writer.status().Annotate(
        fmt::format("AvroConverter: topic '{}' {}: schema id {}", topic, Side(is_key_), id));
  data::SchemaPtr decoded_schema;
  Status decoded = avro_data_->DecodeToConnect(writer->parsed, bytes.substr(kHeaderSize), value,
                                               &decoded_schema);
  if (!decoded.ok())
    return decoded.Annotate(fmt::format("AvroConverter: topic '{}' {} (schema id {}, data from "
                                        "byte offset 5)",
                                        topic, Side(is_key_), id));
  TRIB_ASSIGN_OR_RETURN(std::optional<int32_t> version, SubjectVersion(topic, id, *writer));
  versioned_.Attach(decoded_schema, version, schema, value);
  return Status::OK();
}

Result<std::optional<int32_t>> AvroConverter::SubjectVersion(
    const std::string& topic, int32_t id, const registry::RegisteredSchema& writer) {
  if (last_version_.id == id && last_version_.topic == topic) return last_version_.version;
  auto key = std::make_pair(topic, id);
  auto it = subject_versions_.find(key);
  if (it == subject_versions_.end()) {
    std::string subject = SubjectFor(topic, *writer.parsed);
    auto found = client_->Lookup(subject, writer.schema);
    if (!found.ok() && !found.status().IsNotFound())
      return found.status().Annotate(fmt::format(
          "AvroConverter: topic '{}' {}: version of schema id {} under subject '{}'", topic,
          Side(is_key_), id, subject));
    it = subject_versions_
             .emplace(key, found.ok() ? std::optional<int32_t>(found->version) : std::nullopt)
             .first;
  }
  last_version_ = {topic, id, it->second};
  return it->second;
}

}  // namespace tributary::converters
