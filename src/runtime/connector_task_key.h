// Kafka Connect's config and status topics name a task in record keys as
// <prefix><connector>-<task> (task-, status-task-, restart-task-...). A connector name may
// itself contain '-': the task number follows the last one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tributary::runtime {

struct ConnectorTask {
  std::string connector;
  int task = 0;
};

// `rest`: the key without its prefix, "<connector>-<task>"; nullopt when it is not one.
std::optional<ConnectorTask> ParseConnectorTask(std::string_view rest);

}  // namespace tributary::runtime
