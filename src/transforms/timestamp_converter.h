// TimestampConverter: org.apache.kafka.connect.transforms.TimestampConverter$Key / $Value.
//
// Converts a timestamp between representations: `target.type` string | unix | Date | Time |
// Timestamp. `field` names a top-level field (empty: the whole key/value). The input type
// comes from the schema (Connect Timestamp/Date/Time, int64 = unix, string) or, schemaless,
// from the value (integer = unix, text = string). `format` is a SimpleDateFormat pattern (UTC),
// required for string input or output; `unix.precision` (seconds | milliseconds |
// microseconds | nanoseconds, default milliseconds) applies to unix values in and out.
// Nulls stay null; converted fields keep their optionality.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <optional>
#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"
#include "transforms/time_format.h"

namespace tributary::transforms {

class TimestampConverter : public connect::Transformation {
 public:
  enum class Kind { kString, kUnix, kDate, kTime, kTimestamp };

  explicit TimestampConverter(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  Result<Kind> KindOf(const data::Schema* schema, const data::Value& value) const;
  data::SchemaPtr TargetSchema(bool optional) const;
  Result<data::Value> Convert(const data::Schema* schema, const data::Value& value) const;

  RecordPart part_;
  std::string field_;
  Kind target_ = Kind::kTimestamp;
  std::optional<TimeFormat> format_;
  int64_t unix_per_ms_num_ = 1;  // unix value = ms * num / den
  int64_t unix_per_ms_den_ = 1;
  bool replace_null_with_default_ = true;
  SchemaCache cache_;
};

}  // namespace tributary::transforms
