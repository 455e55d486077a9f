// NestedField: the value (and schema) of a dotted field path such as "after.updated_at" in a
// struct, or in a schemaless map with string keys, as Confluent's DataUtils.getNestedField*.
#pragma once

#include <string_view>

#include "data/schema.h"
#include "data/value.h"

namespace tributary::s3sink {

struct NestedFieldRef {
  const data::Value* value = nullptr;  // nullptr: the path does not exist
  data::SchemaPtr schema;              // null for schemaless values
};

NestedFieldRef FindNestedField(const data::SchemaPtr& schema, const data::Value& value,
                               std::string_view path);

}  // namespace tributary::s3sink
