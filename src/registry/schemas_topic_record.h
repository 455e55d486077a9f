// SchemasTopicRecord: the records of Confluent Schema Registry's Kafka store (the compacted
// `_schemas` topic), so that Tributary, Confluent's registry and Karapace can read each
// other's topic.
//
// Keys are compact JSON with their fields in Confluent's order:
//   SCHEMA          {"keytype":"SCHEMA","subject":S,"version":V,"magic":1}
//   CONFIG          {"keytype":"CONFIG","subject":S|null,"magic":0}   (null: global)
//   MODE            {"keytype":"MODE","subject":S|null,"magic":0}
//   DELETE_SUBJECT  {"keytype":"DELETE_SUBJECT","subject":S,"magic":0}
//   CLEAR_SUBJECT   {"keytype":"CLEAR_SUBJECT","subject":S,"magic":0}
//   NOOP            {"keytype":"NOOP","magic":0}
// Values: SCHEMA {"subject","version","id","schema","deleted"[,"schemaType"][,"references"]};
// CONFIG {"compatibilityLevel"}; MODE {"mode"}; DELETE_SUBJECT {"subject","version"} (every
// version up to it is soft-deleted); CLEAR_SUBJECT {"subject"}. A null value (tombstone)
// removes the key: a permanently deleted version, a removed config or mode.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "registry/schema_store.h"

namespace tributary::registry {

enum class SchemasKeyType { kSchema, kConfig, kMode, kDeleteSubject, kClearSubject, kNoop };

struct SchemasTopicKey {
  SchemasKeyType type = SchemasKeyType::kNoop;
  std::optional<std::string> subject;  // nullopt: global (CONFIG, MODE) or none (NOOP)
  int32_t version = 0;                 // SCHEMA only
  bool operator==(const SchemasTopicKey&) const = default;
};

// A SCHEMA value: one subject version and its schema.
struct SchemaVersionValue {
  std::string subject;
  int32_t version = 0;
  int32_t id = 0;
  std::string schema_type = "AVRO";
  std::string schema;
  std::vector<SchemaReference> references;
  bool deleted = false;
};

std::string EncodeSchemasKey(const SchemasTopicKey& key);
// Corruption naming the problem when the bytes are not a key of a known type.
Result<SchemasTopicKey> DecodeSchemasKey(std::string_view bytes);

std::string EncodeSchemaVersionValue(const SchemaVersionValue& value);
Result<SchemaVersionValue> DecodeSchemaVersionValue(std::string_view bytes);

// CONFIG {"compatibilityLevel":L}, MODE {"mode":M}: the single field of each.
std::string EncodeConfigValue(SchemasKeyType type, const std::string& value);
Result<std::string> DecodeConfigValue(SchemasKeyType type, std::string_view bytes);

// The version of a DELETE_SUBJECT value.
Result<int32_t> DecodeDeleteSubjectVersion(std::string_view bytes);

}  // namespace tributary::registry
