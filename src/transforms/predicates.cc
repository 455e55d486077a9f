#include "transforms/predicates.h"

#include "transforms/record_part.h"

namespace tributary::transforms {

Status TopicNameMatches::Configure(const connect::Config& config) {
  TRIB_ASSIGN_OR_RETURN(std::string pattern,
                        GetRequired(config, "pattern", "a regular expression for topic names"));
  try {
    pattern_ = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Status::InvalidArgument("invalid value '{}' for configuration pattern: {}", pattern,
                                   e.what());
  }
  return Status::OK();
}

bool TopicNameMatches::Test(const data::Record& record) const {
  return std::regex_match(record.topic, pattern_);
}

Status HasHeaderKey::Configure(const connect::Config& config) {
  TRIB_ASSIGN_OR_RETURN(name_, GetRequired(config, "name", "the header key to look for"));
  return Status::OK();
}

bool HasHeaderKey::Test(const data::Record& record) const {
  return record.header(name_) != nullptr;
}

}  // namespace tributary::transforms
