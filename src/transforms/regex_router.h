// RegexRouter: org.apache.kafka.connect.transforms.RegexRouter.
//
// When the whole topic name matches `regex`, the topic becomes `replacement`, in which $1..$9
// refer to capture groups and \$ is a literal dollar (Java's Matcher.replaceFirst syntax).
// Patterns use ECMAScript regular expressions, which agree with Java's for the patterns
// routing configs use (classes, groups, alternation, quantifiers).
//
// Thread-safety: one instance per task thread.
#pragma once

#include <regex>
#include <string>

#include "connect/task.h"

namespace tributary::transforms {

class RegexRouter : public connect::Transformation {
 public:
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  std::regex regex_;
  std::string format_;  // the replacement in std::regex format syntax
};

}  // namespace tributary::transforms
