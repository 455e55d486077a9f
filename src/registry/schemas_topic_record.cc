#include "registry/schemas_topic_record.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace tributary::registry {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::pair<SchemasKeyType, const char*>, 6> kKeyTypeNames{{
    {SchemasKeyType::kSchema, "SCHEMA"},
    {SchemasKeyType::kConfig, "CONFIG"},
    {SchemasKeyType::kMode, "MODE"},
    {SchemasKeyType::kDeleteSubject, "DELETE_SUBJECT"},
    {SchemasKeyType::kClearSubject, "CLEAR_SUBJECT"},
    {SchemasKeyType::kNoop, "NOOP"},
}};

const char* KeyTypeName(SchemasKeyType type) {
  for (const auto& [t, name] : kKeyTypeNames)
    if (t == type) return name;
  return "NOOP";
}

Result<Json> ParseObject(std::string_view bytes, const char* what) {
  Json json = Json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return Status::Corruption("schemas topic: {} is not a JSON object: {}", what,
                              bytes.substr(0, 200));
  return json;
}

}  // namespace

std::string EncodeSchemasKey(const SchemasTopicKey& key) {
  Json json{{"keytype", KeyTypeName(key.type)}};
  if (key.type != SchemasKeyType::kNoop)
    json["subject"] = key.subject ? Json(*key.subject) : Json(nullptr);
  if (key.type == SchemasKeyType::kSchema) json["version"] = key.version;
  json["magic"] = key.type == SchemasKeyType::kSchema ? 1 : 0;
  return json.dump();
}

Result<SchemasTopicKey> DecodeSchemasKey(std::string_view bytes) {
  TRIB_ASSIGN_OR_RETURN(Json json, ParseObject(bytes, "key"));
  std::string type_name = json.value("keytype", "");
  SchemasTopicKey key;
  bool known = false;
  for (const auto& [t, name] : kKeyTypeNames)
    if (type_name == name) key.type = t, known = true;
  if (!known)
    return Status::Corruption("schemas topic: unknown keytype '{}' in key {}", type_name,
                              bytes.substr(0, 200));
  if (json.contains("subject") && json["subject"].is_string())
    key.subject = json["subject"].get<std::string>();
  if (key.type == SchemasKeyType::kSchema) {
    if (!key.subject || !json.contains("version") || !json["version"].is_number_integer())
      return Status::Corruption("schemas topic: SCHEMA key without subject and version: {}",
                                bytes.substr(0, 200));
    key.version = json["version"].get<int32_t>();
  }
  return key;
}

std::string EncodeSchemaVersionValue(const SchemaVersionValue& value) {
  Json json{{"subject", value.subject},
            {"version", value.version},
            {"id", value.id},
            {"schema", value.schema},
            {"deleted", value.deleted}};
  if (value.schema_type != "AVRO") json["schemaType"] = value.schema_type;
  if (!value.references.empty()) {
    Json refs = Json::array();
    for (const auto& r : value.references)
      refs.push_back({{"name", r.name}, {"subject", r.subject}, {"version", r.version}});
    json["references"] = std::move(refs);
  }
  return json.dump();
}

Result<SchemaVersionValue> DecodeSchemaVersionValue(std::string_view bytes) {
  TRIB_ASSIGN_OR_RETURN(Json json, ParseObject(bytes, "SCHEMA value"));
  for (const char* field : {"subject", "version", "id", "schema"})
    if (!json.contains(field))
      return Status::Corruption("schemas topic: SCHEMA value without \"{}\": {}", field,
                                bytes.substr(0, 200));
  SchemaVersionValue value;
  try {
    value.subject = json["subject"].get<std::string>();
    value.version = json["version"].get<int32_t>();
    value.id = json["id"].get<int32_t>();
    value.schema = json["schema"].get<std::string>();
    value.deleted = json.value("deleted", false);
    if (json.contains("schemaType") && json["schemaType"].is_string())
      value.schema_type = json["schemaType"].get<std::string>();
    if (json.contains("references") && json["references"].is_array())
      for (const auto& r : json["references"])
        value.references.push_back(
            {r.value("name", ""), r.value("subject", ""), r.value("version", 0)});
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption("schemas topic: SCHEMA value has a field of the wrong type ({}): {}",
                              e.what(), bytes.substr(0, 200));
  }
  return value;
}

std::string EncodeConfigValue(SchemasKeyType type, const std::string& value) {
  return Json{{type == SchemasKeyType::kMode ? "mode" : "compatibilityLevel", value}}.dump();
}

Result<std::string> DecodeConfigValue(SchemasKeyType type, std::string_view bytes) {
  TRIB_ASSIGN_OR_RETURN(Json json, ParseObject(bytes, "CONFIG/MODE value"));
  const char* field = type == SchemasKeyType::kMode ? "mode" : "compatibilityLevel";
  if (!json.contains(field) || !json[field].is_string())
    return Status::Corruption("schemas topic: value without \"{}\": {}", field,
                              bytes.substr(0, 200));
  return json[field].get<std::string>();
}

Result<int32_t> DecodeDeleteSubjectVersion(std::string_view bytes) {
  TRIB_ASSIGN_OR_RETURN(Json json, ParseObject(bytes, "DELETE_SUBJECT value"));
  if (!json.contains("version") || !json["version"].is_number_integer())
    return Status::Corruption("schemas topic: DELETE_SUBJECT value without \"version\": {}",
                              bytes.substr(0, 200));
  return json["version"].get<int32_t>();
}

}  // namespace tributary::registry
