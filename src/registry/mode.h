// Mode: whether a subject (or the whole registry) accepts writes, as Confluent's /mode API:
// READWRITE (normal), READONLY (no registrations or deletions), READONLY_OVERRIDE (same, and
// overrides subject modes), IMPORT (registrations must bring their own id and version, and
// skip compatibility checks, to copy another registry's content).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "common/status.h"

namespace tributary::registry {

enum class Mode { kReadWrite, kReadOnly, kReadOnlyOverride, kImport };

// InvalidArgument (carrying Confluent error code 42204) for unknown names.
Result<Mode> ParseMode(std::string_view name);
std::string_view ModeName(Mode mode);

}  // namespace tributary::registry
