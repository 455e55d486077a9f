// Logging: one line per event, through spdlog. Components log with their context
// (connector and task names) in the message; secrets are never logged (see connect/config.h).
#pragma once

#include <spdlog/spdlog.h>

namespace tributary {

// Configures the default logger: level from "trace".."off" (default "info"), lines to stderr.
void InitLogging(std::string_view level);

}  // namespace tributary
