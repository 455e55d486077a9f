#include "registry/compatibility_level.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace tributary::registry {
namespace {

constexpr std::array<std::pair<std::string_view, CompatibilityLevel>, 11> kNames = {{
    {"NONE", CompatibilityLevel::kNone},
    {"BACKWARD", CompatibilityLevel::kBackward},
    {"BACKWARD_TRANSITIVE", CompatibilityLevel::kBackwardTransitive},
    {"FORWARD", CompatibilityLevel::kForward},
    {"FORWARD_TRANSITIVE", CompatibilityLevel::kForwardTransitive},
    {"FULL", CompatibilityLevel::kFull},
    {"FULL_TRANSITIVE", CompatibilityLevel::kFullTransitive},
    {"DISABLED", CompatibilityLevel::kDisabled},
    {"BACKWARD_ALL", CompatibilityLevel::kBackwardTransitive},
    {"FORWARD_ALL", CompatibilityLevel::kForwardTransitive},
    {"FULL_ALL", CompatibilityLevel::kFullTransitive},
}};

}  // namespace

Result<CompatibilityLevel> ParseCompatibilityLevel(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const auto& [n, level] : kNames)
    if (n == upper) return level;
  return Status::InvalidArgument(
      "Invalid compatibility level '{}': use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, "
      "FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE (or AWS Glue's DISABLED, "
      "BACKWARD_ALL, FORWARD_ALL, FULL_ALL)",
      name);
}

std::string_view CompatibilityLevelName(CompatibilityLevel level) {
  for (const auto& [n, l] : kNames)
    if (l == level) return n;
  return "NONE";
}

std::string_view GlueCompatibilityName(CompatibilityLevel level) {
  switch (level) {
    case CompatibilityLevel::kBackwardTransitive: return "BACKWARD_ALL";
    case CompatibilityLevel::kForwardTransitive: return "FORWARD_ALL";
    case CompatibilityLevel::kFullTransitive: return "FULL_ALL";
    default: return CompatibilityLevelName(level);
  }
}

bool ChecksBackward(CompatibilityLevel level) {
  return level == CompatibilityLevel::kBackward ||
         level == CompatibilityLevel::kBackwardTransitive || level == CompatibilityLevel::kFull ||
         level == CompatibilityLevel::kFullTransitive;
}

bool ChecksForward(CompatibilityLevel level) {
  return level == CompatibilityLevel::kForward ||
         level == CompatibilityLevel::kForwardTransitive || level == CompatibilityLevel::kFull ||
         level == CompatibilityLevel::kFullTransitive;
}

bool IsTransitive(CompatibilityLevel level) {
  return level == CompatibilityLevel::kBackwardTransitive ||
         level == CompatibilityLevel::kForwardTransitive ||
         level == CompatibilityLevel::kFullTransitive;
}

}  // namespace tributary::registry
