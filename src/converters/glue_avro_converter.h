// GlueAvroConverter: com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter
// (the AWS Glue Schema Registry converter).
//
// Wire format, as the Glue serde library writes it: header version byte 3, compression byte
// (0 = none, 5 = zlib), the 16-byte schema version UUID (most significant byte first), then
// the Avro binary encoding of the value (zlib-deflated when compression=ZLIB).
//
// Config (the converter's own keys):
//   registry.name                  Glue registry (default "default-registry")
//   schemaName                     schema name (default: the topic name, for keys and values
//                                  alike, as the library's default naming strategy; keys and
//                                  values are kept apart by using two registries)
//   schemaAutoRegistrationEnabled  false (default): the schema version must exist; true:
//                                  register it (creating the schema if needed)
//   compatibility                  the compatibility set on a schema this converter creates
//                                  (default BACKWARD): NONE, DISABLED, BACKWARD, BACKWARD_ALL,
//                                  FORWARD, FORWARD_ALL, FULL, FULL_ALL
//   compression                    NONE (default) or ZLIB
//   avroRecordType                 GENERIC_RECORD (default) or SPECIFIC_RECORD (Java-side
//                                  only; accepted and validated)
//   dataFormat                     AVRO (the only one supported)
//   endpoint                       a Tributary registry URL (http://HOST:PORT); when absent the
//                                  process's embedded registry is used. The AWS Glue service
//                                  API itself is not spoken.
//   region, description, cacheSize, timeToLiveMillis, ... accepted and ignored.
// Glue registry R's schema S is the subject ":.R:S" of the registry (registry/registry.h).
// A rejected schema fails with StatusCode::kIncompatible naming the topic, registry, schema,
// the compatibility level and every incompatibility (path and reason).
// Decoded schemas carry their Glue version number as the Connect schema version (AWS's
// converter leaves it unset, which makes the S3 sink's BACKWARD/FORWARD/FULL modes fail with
// "Schema version required"; docs/compatibility.md).
//
// Thread-safety: one instance per task thread.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "avro/avro_data.h"
#include "converters/versioned_schemas.h"
#include "connect/task.h"
#include "registry/registry_client.h"

namespace tributary::converters {

class GlueAvroConverter : public connect::Converter {
 public:
  GlueAvroConverter();
  ~GlueAvroConverter() override;

  Status Configure(const connect::Config& config, bool is_key) override;
  Status FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                         const data::Value& value, std::string* out) override;
  Status ToConnectData(const std::string& topic, std::string_view bytes, bool is_null,
                       data::SchemaPtr* schema, data::Value* value) override;

  // Uses `client` instead of `endpoint` / the embedded registry. Call before Configure.
  void SetRegistryClient(std::shared_ptr<registry::RegistryClient> client) {
    client_ = std::move(client);
  }

 private:
  // The 16 UUID bytes of the schema version for this topic's records of `schema`.
  Result<const std::string*> VersionIdFor(const std::string& topic, const avro::SchemaPtr& schema);

  bool is_key_ = false;
  std::string registry_name_ = "default-registry";
  std::string schema_name_;  // empty: the topic name
  bool auto_register_ = false;
  registry::CompatibilityLevel compatibility_ = registry::CompatibilityLevel::kBackward;
  bool zlib_ = false;
  std::shared_ptr<registry::RegistryClient> client_;
  std::unique_ptr<avro::AvroData> avro_data_;
  // (schema name, Avro schema) -> the 16 UUID bytes of its version. The entries hold their
  // schema, so that an address in a key is never reused by another schema meanwhile.
  struct Registered {
    std::string version_id;
    avro::SchemaPtr schema;
  };
  std::map<std::pair<std::string, const avro::Schema*>, Registered> version_ids_;
  struct LastUsed {
    std::string topic;
    avro::SchemaPtr schema;
    std::string version_id;
  } last_;
  std::string scratch_;  // the uncompressed Avro body when compressing
  VersionedSchemas versioned_;
};

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" <-> 16 bytes (most significant first).
Result<std::string> UuidToBytes(std::string_view uuid);
std::string UuidFromBytes(std::string_view bytes);

}  // namespace tributary::converters
