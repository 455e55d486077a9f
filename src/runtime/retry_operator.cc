#include "runtime/retry_operator.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace tributary::runtime {

Result<RetryOperator> RetryOperator::FromConfig(const connect::Config& config,
                                                const std::string& connector) {
  auto timeout = config.GetInt("errors.retry.timeout", 0);
  if (!timeout.ok()) return timeout.status().Annotate(fmt::format("connector '{}'", connector));
  if (*timeout < -1)
    return Status::InvalidArgument(
        "connector '{}': 'errors.retry.timeout' must be -1 (retry forever), 0 (no retry) or a "
        "positive number of ms, got {}",
        connector, *timeout);
  auto delay = config.GetInt("errors.retry.delay.max.ms", 60000);
  if (!delay.ok()) return delay.status().Annotate(fmt::format("connector '{}'", connector));
  if (*delay < 0)
    return Status::InvalidArgument(
        "connector '{}': 'errors.retry.delay.max.ms' must be at least 0, got {}", connector,
        *delay);
  return RetryOperator(*timeout, *delay);
}

Status RetryOperator::Run(std::string_view stage, const std::function<Status()>& operation) const {
  Status s = operation();
  if (s.ok() || s.code() != StatusCode::kUnavailable || timeout_ms_ == 0) return s;
  using Clock = std::chrono::steady_clock;
  const auto first_failure = Clock::now();
  const auto elapsed_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - first_failure)
        .count();
  };
  int64_t delay = kFirstDelayMs;
  int attempts = 1;
  while (s.code() == StatusCode::kUnavailable) {
    int64_t wait = std::min(delay, delay_max_ms_);
    if (timeout_ms_ > 0) {
      int64_t left = timeout_ms_ - elapsed_ms();
      if (left <= 0) break;
      wait = std::min(wait, left);
    }
    spdlog::warn("{}: retriable failure ({}); attempt {} in {} ms", stage, s.message(),
                 attempts + 1, wait);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    s = operation();
    ++attempts;
    delay = std::min(delay * 2, std::max<int64_t>(delay_max_ms_, kFirstDelayMs));
  }
  if (s.ok() || s.code() != StatusCode::kUnavailable) return s;
  return s.Annotate(fmt::format("{}: still failing after {} attempts over {} ms "
                                "(errors.retry.timeout={})",
                                stage, attempts, elapsed_ms(), timeout_ms_));
}

}  // namespace tributary::runtime
