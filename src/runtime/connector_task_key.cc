#include "runtime/connector_task_key.h"

#include <charconv>

namespace tributary::runtime {

std::optional<ConnectorTask> ParseConnectorTask(std::string_view rest) {
  size_t dash = rest.rfind('-');
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  int task = 0;
  std::string_view digits = rest.substr(dash + 1);
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), task);
  if (error != std::errc() || end != digits.data() + digits.size() || task < 0)
    return std::nullopt;
  return ConnectorTask{std::string(rest.substr(0, dash)), task};
}

}  // namespace tributary::runtime
