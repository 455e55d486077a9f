#include "common/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace tributary {

void InitLogging(std::string_view level) {
  auto logger = spdlog::stderr_color_mt("tributary");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  logger->set_level(spdlog::level::from_str(std::string(level)));
  spdlog::set_default_logger(logger);
}

}  // namespace tributary
