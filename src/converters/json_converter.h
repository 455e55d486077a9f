// JsonConverter: org.apache.kafka.connect.json.JsonConverter, byte for byte.
//
// With schemas.enable=true (the default) every message is the envelope
// {"schema":{...},"payload":...}; the schema is written with Kafka's field order
// (type, fields|items|keys+values, optional, name, version, doc, parameters, default, and
// "field" for a struct member) and values as Kafka writes them: bytes in base64, Decimal as
// base64 of the unscaled two's-complement bytes (decimal.format=BASE64, the default) or as a
// JSON number (NUMERIC), Date/Time/Timestamp as their integers, floats as Java prints them,
// maps with string keys as objects and others as arrays of [key, value] pairs. Output is
// compact, like Jackson's default printer.
//
// Config keys (the converter's own, prefix already stripped): schemas.enable (true),
// schemas.cache.size (1000), decimal.format (BASE64 | NUMERIC), replace.null.with.default
// (true: a null field with a default is written as the default), converter.type (ignored;
// the runtime says key or value).
//
// Tombstones: a null value with a null schema converts to no bytes (empty `out`), as Kafka
// returns a null byte[]; ToConnectData with is_null gives a null schema and value.
//
// Thread-safety: one instance per task thread (it caches schemas without locking).
#pragma once

#include <string>
#include <unordered_map>

#include "connect/task.h"
#include "converters/json_node.h"

namespace tributary::converters {

class JsonConverter : public connect::Converter {
 public:
  enum class DecimalFormat { kBase64, kNumeric };

  Status Configure(const connect::Config& config, bool is_key) override;
  Status FromConnectData(const std::string& topic, const data::SchemaPtr& schema,
                         const data::Value& value, std::string* out) override;
  Status ToConnectData(const std::string& topic, std::string_view bytes, bool is_null,
                       data::SchemaPtr* schema, data::Value* value) override;

 private:
  // The field path of the value being written, kept as a chain of stack frames and spelled
  // out only for an error message (no string building per field on the hot path).
  struct Path {
    const Path* parent = nullptr;
    std::string_view name;  // a struct field or map key
    size_t index = 0;       // an array element's index, when `element`
    bool element = false;
    std::string ToString() const;
  };

  void AppendSchema(std::string* out, const data::Schema& schema) const;
  Status AppendValue(std::string* out, const data::Schema* schema, const data::Value& value,
                     const Path& path) const;
  Result<data::SchemaPtr> ParseSchema(const JsonNode& node, const std::string& path) const;
  Result<data::Value> ParseValue(const data::SchemaPtr& schema, const JsonNode* node,
                                 const std::string& path) const;

  bool schemas_enabled_ = true;
  bool replace_null_with_default_ = true;
  DecimalFormat decimal_format_ = DecimalFormat::kBase64;
  size_t cache_size_ = 1000;
  // Serialized schema per schema object (the pointer is kept so the address stays unique).
  std::unordered_map<const data::Schema*, std::pair<data::SchemaPtr, std::string>> to_json_cache_;
  // Parsed schema per compact schema JSON, so equal schemas yield one shared object.
  std::unordered_map<std::string, data::SchemaPtr> from_json_cache_;
};

}  // namespace tributary::converters
