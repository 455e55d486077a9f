#include "registry/mode.h"

#include <string>

#include "registry/registry_error.h"

namespace tributary::registry {

Result<Mode> ParseMode(std::string_view name) {
  if (name == "READWRITE") return Mode::kReadWrite;
  if (name == "READONLY") return Mode::kReadOnly;
  if (name == "READONLY_OVERRIDE") return Mode::kReadOnlyOverride;
  if (name == "IMPORT") return Mode::kImport;
  return RegistryError(error_code::kInvalidMode,
                       "Invalid mode '" + std::string(name) +
                           "': use READWRITE, READONLY, READONLY_OVERRIDE or IMPORT");
}

std::string_view ModeName(Mode mode) {
  switch (mode) {
    case Mode::kReadWrite: return "READWRITE";
    case Mode::kReadOnly: return "READONLY";
    case Mode::kReadOnlyOverride: return "READONLY_OVERRIDE";
    case Mode::kImport: return "IMPORT";
  }
  return "READWRITE";
}

}  // namespace tributary::registry
