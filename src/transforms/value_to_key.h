// ValueToKey: org.apache.kafka.connect.transforms.ValueToKey.
//
// Replaces the key by a struct (schemaless: a map) of the listed value fields (`fields`),
// in the listed order. The key schema is an unnamed struct, cached per value schema; a
// field missing from the value schema is an error naming it. Tombstones keep their key.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <string>
#include <vector>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class ValueToKey : public connect::Transformation {
 public:
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  std::vector<std::string> fields_;
  bool replace_null_with_default_ = true;
  SchemaCache cache_;
};

}  // namespace tributary::transforms
