#include "transforms/regex_router.h"

#include <cctype>

#include "transforms/record_part.h"

namespace tributary::transforms {

Status RegexRouter::Configure(const connect::Config& config) {
  TRIB_ASSIGN_OR_RETURN(std::string pattern, GetRequired(config, "regex", "the topic pattern"));
  if (!config.Has("replacement"))
    return Status::InvalidArgument("missing required configuration replacement (the new topic)");
  try {
    regex_ = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Status::InvalidArgument("invalid value '{}' for configuration regex: {}", pattern,
                                   e.what());
  }
  std::string replacement = config.GetString("replacement");
  format_.clear();
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c == '\\' && i + 1 < replacement.size()) {
      char next = replacement[++i];
      if (next == '$') format_ += "$$";
      else format_ += next;
    } else if (c == '$') {
      if (i + 1 >= replacement.size() || !std::isdigit(static_cast<unsigned char>(replacement[i + 1])))
        return Status::InvalidArgument(
            "invalid value '{}' for configuration replacement: '$' must be followed by a group "
            "number (write \\$ for a literal dollar)",
            replacement);
      format_ += c;
    } else {
      format_ += c;
    }
  }
  return Status::OK();
}

Status RegexRouter::Apply(data::Record& record, bool* keep) {
  *keep = true;
  std::smatch match;
  if (std::regex_match(record.topic, match, regex_)) record.topic = match.format(format_);
  return Status::OK();
}

}  // namespace tributary::transforms
