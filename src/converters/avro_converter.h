// AvroConverter: io.confluent.connect.avro.AvroConverter.
//
// Serializes Connect data as Confluent's wire format: magic byte 0, the schema id as a 4-byte
// big-endian integer, then the Avro binary encoding of the value. The Avro schema is derived
// from the Connect schema as Confluent's AvroData does (avro/avro_data.h) and registered
// under the subject the strategy names.
//
// Config (the converter's own keys, i.e. after the runtime strips "key.converter." /
// "value.converter."):
//   schema.registry.url   registry URL (http://HOST:PORT); when absent, the process's
//                         embedded registry (registry/embedded_registry.h) is used
//   auto.register.schemas true (default): register new schemas; false: they must exist
//   use.latest.version    false (default); true with auto.register.schemas=false: use the
//                         subject's latest version, which must equal the record's schema
//   key.subject.name.strategy / value.subject.name.strategy
//                         io.confluent.kafka.serializers.subject.TopicNameStrategy (default:
//                         "<topic>-key" / "<topic>-value"), RecordNameStrategy (the record's
//                         full name), TopicRecordNameStrategy ("<topic>-<full name>")
//   connect.meta.data     true (default): connect.* properties in the Avro schema
//   schemas.cache.config  accepted (AvroData caches by schema)
// A schema the registry rejects fails with StatusCode::kIncompatible and a message naming the
// topic, the subject, the compatibility level and every incompatibility (path and reason).
//
// Thread-safety: one instance per task thread (the runtime's contract for converters).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "avro/avro_data.h"
#include "converters/versioned_schemas.h"
#include "connect/task.h"
#include "registry/registry_client.h"

namespace tributary::converters {

class AvroConverter : public connect::Converter {
 public:
  enum class SubjectNameStrategy { kTopicName, kRecordName, kTopicRecordName };

  AvroConverter();
  ~AvroConverter() override;

  Status Configure(const connect::Config& config, bool is_key) override;
  Status FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                         const data::Value& value, std::string* out) override;
  Status ToConnectData(const std::string& topic, std::string_view bytes, bool is_null,
                       data::SchemaPtr* schema, data::Value* value) override;

  // Uses `client` instead of schema.registry.url / the embedded registry. Call before
  // Configure.
  void SetRegistryClient(std::shared_ptr<registry::RegistryClient> client) {
    client_ = std::move(client);
  }

  // The subject for a record of `topic` with Avro schema `schema` (public for tests).
  std::string SubjectFor(const std::string& topic, const avro::Schema& schema) const;

 private:
  Result<int32_t> SchemaIdFor(const std::string& topic, const avro::SchemaPtr& schema);
  // The subject's version of schema `id` (the writer schema of a record of `topic`), as
  // Confluent's deserializer looks it up; none when the subject does not hold the schema.
  Result<std::optional<int32_t>> SubjectVersion(const std::string& topic, int32_t id,
                                                const registry::RegisteredSchema& writer);

  bool is_key_ = false;
  bool auto_register_ = true;
  bool use_latest_version_ = false;
  SubjectNameStrategy strategy_ = SubjectNameStrategy::kTopicName;
  std::shared_ptr<registry::RegistryClient> client_;
  std::unique_ptr<avro::AvroData> avro_data_;
  // (subject, Avro schema) -> id. The entries hold their schema, so that an address in a key
  // is never reused by another schema while the entry exists.
  struct Registered {
    int32_t id = 0;
    avro::SchemaPtr schema;
  };
  std::map<std::pair<std::string, const avro::Schema*>, Registered> ids_;
  struct LastUsed {
    std::string topic;
    avro::SchemaPtr schema;
    int32_t id = 0;
  } last_;
  // The Connect schema and topic of the last record written, with their plan and id.
  struct LastEncoder {
    data::SchemaPtr connect;
    std::string topic;
    int32_t id = 0;
    std::shared_ptr<const avro::ConnectPlan> plan;
  } last_encoder_;
  // (topic, schema id) -> the subject's version of the schema, and the last one asked.
  std::map<std::pair<std::string, int32_t>, std::optional<int32_t>> subject_versions_;
  struct LastVersion {
    std::string topic;
    int32_t id = -1;
    std::optional<int32_t> version;
  } last_version_;
  VersionedSchemas versioned_;
};

// Parses a strategy class name (full or simple). InvalidArgument naming `key` otherwise.
Result<AvroConverter::SubjectNameStrategy> ParseSubjectNameStrategy(const std::string& key,
                                                                    const std::string& value);

}  // namespace tributary::converters
