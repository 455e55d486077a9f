// Cast: org.apache.kafka.connect.transforms.Cast$Key / $Value.
//
// `spec` is either one type, casting the whole key/value ("int64"), or "field:type,..."
// casting top-level struct fields (schemaless: map entries). Target types: int8, int16,
// int32, int64, float32, float64, boolean, string. Casts follow Java's: numbers narrow by
// truncation and wrap-around (300 -> int8 44), booleans are 1/0, strings parse, any
// primitive prints as Java's toString (Float.toString, Double.toString, BigDecimal for
// Decimal, base64 for bytes, ISO-8601 in UTC for Date/Time/Timestamp). Cast fields keep their
// optionality; defaults are cast too; the struct schema keeps its name and version.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class Cast : public connect::Transformation {
 public:
  explicit Cast(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

  // Casts one value (of `schema`, or inferred from the value when null) to `target`.
  static Result<data::Value> CastValue(const data::Schema* schema, const data::Value& value,
                                       data::Type target);

 private:
  data::SchemaPtr TargetSchema(const data::Schema& source, data::Type target) const;

  RecordPart part_;
  std::optional<data::Type> whole_value_;
  std::map<std::string, data::Type> fields_;
  bool replace_null_with_default_ = true;
  SchemaCache cache_;
};

}  // namespace tributary::transforms
