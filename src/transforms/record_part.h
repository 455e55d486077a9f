// Helpers shared by the transforms: which half of a record a $Key/$Value variant operates
// on, schema copying as Kafka's SchemaUtil does, enum-valued config keys with errors that
// name the key and the allowed values, and a per-schema cache of derived schemas.
//
// Thread-safety: RecordPart functions are stateless; a SchemaCache belongs to one transform
// instance (one task thread).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"
#include "connect/config.h"
#include "data/record.h"

namespace tributary::transforms {

enum class RecordPart { kKey, kValue };

inline const data::SchemaPtr& PartSchema(const data::Record& r, RecordPart p) {
  return p == RecordPart::kKey ? r.key_schema : r.value_schema;
}
inline const data::Value& PartValue(const data::Record& r, RecordPart p) {
  return p == RecordPart::kKey ? r.key : r.value;
}
inline data::Value& MutablePartValue(data::Record& r, RecordPart p) {
  return p == RecordPart::kKey ? r.key : r.value;
}
inline void SetPart(data::Record& r, RecordPart p, data::SchemaPtr schema, data::Value value) {
  if (p == RecordPart::kKey) {
    r.key_schema = std::move(schema);
    r.key = std::move(value);
  } else {
    r.value_schema = std::move(schema);
    r.value = std::move(value);
  }
}
inline std::string_view PartName(RecordPart p) { return p == RecordPart::kKey ? "key" : "value"; }

// A builder of `type` carrying the name, version, doc and parameters of `source`
// (SchemaUtil.copySchemaBasics); optionality and default are not copied.
data::SchemaBuilder CopySchemaBasics(const data::Schema& source, data::Type type);
// `source` with optional=true (and its default kept).
data::SchemaPtr AsOptional(const data::SchemaPtr& source);

// Reads an enum-valued key, case-insensitively; InvalidArgument naming the key, the bad
// value and the allowed values. Returns the allowed spelling that matched.
Result<std::string> GetEnum(const connect::Config& config, std::string_view key,
                            const std::vector<std::string>& allowed, std::string_view fallback);
// A required key; InvalidArgument naming it when absent or empty.
Result<std::string> GetRequired(const connect::Config& config, std::string_view key,
                                std::string_view what);

// Derived schemas keyed by the input schema object, as Kafka's SMTs keep them
// (SynchronizedCache<Schema, Schema>), so the hot path builds a schema once per input schema
// rather than per record. The input schema is pinned so its address stays unique.
class SchemaCache {
 public:
  explicit SchemaCache(size_t capacity = 64) : capacity_(capacity) {}
  const data::SchemaPtr* Find(const data::SchemaPtr& input) const {
    auto it = entries_.find(input.get());
    return it == entries_.end() ? nullptr : &it->second.second;
  }
  const data::SchemaPtr& Put(const data::SchemaPtr& input, data::SchemaPtr derived) {
    if (entries_.size() >= capacity_) entries_.clear();
    auto& slot = entries_[input.get()];
    slot = {input, std::move(derived)};
    return slot.second;
  }

 private:
  size_t capacity_;
  std::unordered_map<const data::Schema*, std::pair<data::SchemaPtr, data::SchemaPtr>> entries_;
};

// Kafka 3.8+'s field.syntax.version: V1 (top-level field names, the default) is what these
// transforms implement; V2 (nested paths such as a.b) is refused with an error naming the key.
Status CheckFieldSyntaxVersion(const connect::Config& config);

// Requires a struct value for a transform that needs one; the error names the transform's
// purpose, as Kafka's Requirements.requireStruct does.
Status RequireStruct(const data::Value& value, std::string_view purpose);
Status RequireMap(const data::Value& value, std::string_view purpose);

// Looks up a key in a schemaless map (string keys); nullptr if absent.
const data::Value* MapGet(const data::Value& map, std::string_view key);

}  // namespace tributary::transforms
