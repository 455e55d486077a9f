// InsertField: org.apache.kafka.connect.transforms.InsertField$Key / $Value.
//
// Adds record metadata as fields of a struct (or entries of a schemaless map):
// topic.field (string), partition.field (int32), offset.field (int64, sink records only),
// timestamp.field (Timestamp), static.field + static.value (string). A name ending in '!'
// makes the field required, '?' (or nothing) optional. Null keys/values (tombstones) pass
// through unchanged. Output struct schemas keep the input's name, version, doc and
// parameters and are cached per input schema.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <optional>
#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class InsertField : public connect::Transformation {
 public:
  explicit InsertField(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  struct Spec {
    std::string name;
    bool optional = true;
  };
  static std::optional<Spec> ParseSpec(const std::string& text);
  data::SchemaPtr BuildSchema(const data::Schema& input) const;

  RecordPart part_;
  std::optional<Spec> topic_, partition_, offset_, timestamp_, static_;
  std::string static_value_;
  bool replace_null_with_default_ = true;
  SchemaCache cache_;
};

}  // namespace tributary::transforms
