// Flatten: org.apache.kafka.connect.transforms.Flatten$Key / $Value.
//
// Lifts the fields of nested structs (schemaless: nested maps) to the top level, joining
// names with `delimiter` (default "."): meta.source. A field under an optional struct
// becomes optional; a nested field inherits its parent struct's default. Arrays and maps
// are kept as they are. The top-level schema keeps its name, version, doc and parameters;
// flattened schemas are cached per input schema.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class Flatten : public connect::Transformation {
 public:
  explicit Flatten(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  void FlattenSchema(const data::Schema& schema, const std::string& prefix, bool optional_parent,
                     const data::Value* parent_default, data::SchemaBuilder& out) const;
  void FlattenStruct(const data::Schema& schema, const data::Value* value,
                     std::vector<data::Value>& out) const;
  void FlattenMap(const data::Value& map, const std::string& prefix, data::Map& out) const;

  RecordPart part_;
  std::string delimiter_ = ".";
  SchemaCache cache_;
};

}  // namespace tributary::transforms
