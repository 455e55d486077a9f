// RetryOperator: errors.retry.timeout and errors.retry.delay.max.ms, as Kafka Connect's
// RetryWithToleranceOperator. An operation of a stage (converter, transform, producer, a sink
// task's put/flush) that fails with a retriable error (StatusCode::kUnavailable: a schema
// registry, broker or object store that does not answer) is attempted again after 300 ms,
// then after twice as long each time, each wait capped by errors.retry.delay.max.ms and by the
// time left, until errors.retry.timeout ms have passed since the first failure (0, the
// default: no retry; -1: forever). What still fails then goes to errors.tolerance.
//
// The wait blocks the calling thread (the worker's loop, as a Kafka Connect task thread).
//
// Thread-safety: stateless; Run may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "common/status.h"
#include "connect/config.h"

namespace tributary::runtime {

class RetryOperator {
 public:
  static constexpr int64_t kFirstDelayMs = 300;

  RetryOperator() = default;
  RetryOperator(int64_t timeout_ms, int64_t delay_max_ms)
      : timeout_ms_(timeout_ms), delay_max_ms_(delay_max_ms) {}
  // errors.retry.timeout / errors.retry.delay.max.ms of a connector config; errors name the
  // connector and the key.
  static Result<RetryOperator> FromConfig(const connect::Config& config,
                                          const std::string& connector);

  // Runs `operation` under the policy above; `stage` names it in the final error.
  Status Run(std::string_view stage, const std::function<Status()>& operation) const;

  int64_t timeout_ms() const { return timeout_ms_; }
  int64_t delay_max_ms() const { return delay_max_ms_; }

 private:
  int64_t timeout_ms_ = 0;
  int64_t delay_max_ms_ = 60000;
};

}  // namespace tributary::runtime
