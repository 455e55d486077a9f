// The wall clock in the unit Kafka and the registry store times in.
#pragma once

#include <chrono>
#include <cstdint>

namespace tributary {

// Milliseconds since the Unix epoch (Kafka record timestamps, registry creation times).
inline int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tributary
