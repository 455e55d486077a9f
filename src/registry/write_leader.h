// WriteLeader: which registry instance takes writes when several share one store (the
// Kafka-backed store elects one leader; the embedded store needs none). The REST server asks it
// before a write and forwards the request to the leader when that is another instance, as
// Confluent's followers do.
//
// Thread-safety: implementations are safe to call from any thread.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"

namespace tributary::registry {

class WriteLeader {
 public:
  virtual ~WriteLeader() = default;
  // nullopt when this instance is the leader; otherwise the leader's base URL
  // ("http://host:port"). Unavailable when no leader is known right now.
  virtual Result<std::optional<std::string>> LeaderUrl() = 0;
};

}  // namespace tributary::registry
