// ExtractField: org.apache.kafka.connect.transforms.ExtractField$Key / $Value.
//
// Replaces the key or value by one of its fields (`field`): a struct field (the schema
// becomes the field's schema; an unknown field is an error naming it) or a schemaless map
// entry. A null struct gives a null of the field's schema. With replace.null.with.default
// (true) a null field with a default yields the default.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class ExtractField : public connect::Transformation {
 public:
  explicit ExtractField(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  RecordPart part_;
  std::string field_;
  bool replace_null_with_default_ = true;
};

}  // namespace tributary::transforms
