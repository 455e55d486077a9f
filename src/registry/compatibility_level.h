// CompatibilityLevel: the schema evolution rule a subject enforces, under both Confluent's
// names (NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL,
// FULL_TRANSITIVE) and AWS Glue's (NONE, DISABLED, BACKWARD, BACKWARD_ALL, FORWARD,
// FORWARD_ALL, FULL, FULL_ALL). Glue's *_ALL are Confluent's *_TRANSITIVE. Glue's DISABLED is
// not NONE: it forbids any new version of the schema.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "common/status.h"

namespace tributary::registry {

enum class CompatibilityLevel {
  kNone,
  kBackward,
  kBackwardTransitive,
  kForward,
  kForwardTransitive,
  kFull,
  kFullTransitive,
  kDisabled,
};

// Accepts either vocabulary, case-insensitively. InvalidArgument listing the valid names.
Result<CompatibilityLevel> ParseCompatibilityLevel(std::string_view name);
// Confluent's name (DISABLED for kDisabled, which Confluent lacks).
std::string_view CompatibilityLevelName(CompatibilityLevel level);
// AWS Glue's name.
std::string_view GlueCompatibilityName(CompatibilityLevel level);

// Whether the new schema must be able to read data written with the old one.
bool ChecksBackward(CompatibilityLevel level);
// Whether the old schema must be able to read data written with the new one.
bool ChecksForward(CompatibilityLevel level);
// Whether every previous version is checked, not just the latest.
bool IsTransitive(CompatibilityLevel level);

}  // namespace tributary::registry
