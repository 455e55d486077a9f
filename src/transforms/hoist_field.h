// HoistField: org.apache.kafka.connect.transforms.HoistField$Key / $Value.
//
// Wraps the key or value in a struct with one field named `field` (schemaless: a map with
// one entry). The wrapper struct schema is unnamed and cached per input schema.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class HoistField : public connect::Transformation {
 public:
  explicit HoistField(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  RecordPart part_;
  std::string field_;
  SchemaCache cache_;
};

}  // namespace tributary::transforms
