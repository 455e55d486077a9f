// MaskField: org.apache.kafka.connect.transforms.MaskField$Key / $Value.
//
// Replaces the listed fields (`fields`) with a neutral value of their type: 0 for numbers
// (and Date/Time/Timestamp, i.e. the epoch), false, "", empty array or map, a zero Decimal.
// With `replacement`, numeric and string fields get that value instead (parsed to the
// field's type). Structs and plain bytes cannot be masked (an error names the field).
// Listed fields missing from the schema are ignored; nulls stay null; the schema is kept.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class MaskField : public connect::Transformation {
 public:
  explicit MaskField(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  // The masked form of `value`; `schema` may be null (schemaless).
  Result<data::Value> Masked(const data::Schema* schema, const data::Value& value,
                             const std::string& field) const;

  RecordPart part_;
  std::set<std::string> fields_;
  std::optional<std::string> replacement_;
  bool replace_null_with_default_ = true;
};

}  // namespace tributary::transforms
