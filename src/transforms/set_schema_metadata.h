// SetSchemaMetadata: org.apache.kafka.connect.transforms.SetSchemaMetadata$Key / $Value.
//
// Sets the name (schema.name) and/or version (schema.version) of the key or value schema;
// everything else about the schema stays. A struct value is re-pointed at the new schema.
// Records without a schema are an error (Kafka requires one).
//
// Thread-safety: one instance per task thread.
#pragma once

#include <optional>
#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class SetSchemaMetadata : public connect::Transformation {
 public:
  explicit SetSchemaMetadata(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  RecordPart part_;
  std::optional<std::string> name_;
  std::optional<int32_t> version_;
  SchemaCache cache_;
};

}  // namespace tributary::transforms
