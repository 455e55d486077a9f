// ReplaceField: org.apache.kafka.connect.transforms.ReplaceField$Key / $Value.
//
// Keeps, drops and renames top-level fields of a struct or schemaless map:
//   exclude (older name blacklist): fields to drop
//   include (older name whitelist): if set, only these fields are kept
//   renames: "old:new,old2:new2"
// Field order is the input's. Null keys/values pass through unchanged.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <map>
#include <set>
#include <string>

#include "connect/task.h"
#include "transforms/record_part.h"

namespace tributary::transforms {

class ReplaceField : public connect::Transformation {
 public:
  explicit ReplaceField(RecordPart part) : part_(part) {}
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  bool Kept(const std::string& name) const;
  const std::string& Renamed(const std::string& name) const;

  RecordPart part_;
  std::set<std::string> exclude_, include_;
  std::map<std::string, std::string> renames_;
  bool replace_null_with_default_ = true;
  SchemaCache cache_;
};

}  // namespace tributary::transforms
