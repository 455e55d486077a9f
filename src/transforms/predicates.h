// Kafka Connect's predicates (org.apache.kafka.connect.transforms.predicates.*):
//   TopicNameMatches  pattern: the whole topic name matches the regular expression
//   HasHeaderKey      name: the record has at least one header with this key
//   RecordIsTombstone the record's value is null
//
// Thread-safety: immutable after Configure.
#pragma once

#include <regex>
#include <string>

#include "connect/task.h"

namespace tributary::transforms {

class TopicNameMatches : public connect::Predicate {
 public:
  Status Configure(const connect::Config& config) override;
  bool Test(const data::Record& record) const override;

 private:
  std::regex pattern_;
};

class HasHeaderKey : public connect::Predicate {
 public:
  Status Configure(const connect::Config& config) override;
  bool Test(const data::Record& record) const override;

 private:
  std::string name_;
};

class RecordIsTombstone : public connect::Predicate {
 public:
  Status Configure(const connect::Config&) override { return Status::OK(); }
  bool Test(const data::Record& record) const override { return record.is_tombstone(); }
};

}  // namespace tributary::transforms
