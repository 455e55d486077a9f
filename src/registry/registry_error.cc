#include "registry/registry_error.h"

#include <charconv>

namespace tributary::registry {
namespace {
constexpr std::string_view kSuffix = "; error code: ";
}

Status RegistryError(int code, std::string message) {
  StatusCode status_code = StatusCode::kInternal;
  if (code == error_code::kIncompatibleSchema)
    status_code = StatusCode::kIncompatible;
  else if (code / 100 == 404)
    status_code = StatusCode::kNotFound;
  else if (code / 100 == 422)
    status_code = StatusCode::kInvalidArgument;
  else if (code / 100 == 500)
    status_code = StatusCode::kIOError;
  return Status(status_code, message + std::string(kSuffix) + std::to_string(code));
}

int RegistryErrorCode(const Status& status) {
  const std::string& m = status.message();
  size_t pos = m.rfind(kSuffix);
  if (pos != std::string::npos) {
    int code = 0;
    const char* begin = m.data() + pos + kSuffix.size();
    auto [end, ec] = std::from_chars(begin, m.data() + m.size(), code);
    if (ec == std::errc() && end == m.data() + m.size()) return code;
  }
  switch (status.code()) {
    case StatusCode::kNotFound: return 40400;
    case StatusCode::kIncompatible: return error_code::kIncompatibleSchema;
    case StatusCode::kInvalidArgument: return 42200;
    default: return error_code::kStoreError;
  }
}

std::string RegistryErrorMessage(const Status& status) {
  const std::string& m = status.message();
  size_t pos = m.rfind(kSuffix);
  return pos == std::string::npos ? m : m.substr(0, pos);
}

int HttpStatusForErrorCode(int code) { return code >= 1000 ? code / 100 : code; }

}  // namespace tributary::registry
