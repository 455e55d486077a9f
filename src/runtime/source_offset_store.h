// SourceOffsetStore: where a worker keeps the committed offsets of its source connectors:
// a local file (OffsetStore, standalone) or Kafka's offset.storage.topic (KafkaOffsetStore,
// distributed).
//
// Thread-safety: not thread-safe unless an implementation says so; the worker's loop owns it.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "common/status.h"

namespace tributary::runtime {

class SourceOffsetStore {
 public:
  virtual ~SourceOffsetStore() = default;
  // Committed offsets of `connector`, keyed by the JSON dump of the source partition.
  virtual std::map<std::string, nlohmann::json> SourceOffsets(const std::string& connector) const = 0;
  // Records an offset; it becomes durable with the next Save.
  virtual void SetSourceOffset(const std::string& connector, const nlohmann::json& partition,
                               const nlohmann::json& offset) = 0;
  // Makes every offset set so far durable; a crash after Save returns keeps them.
  virtual Status Save() = 0;
};

}  // namespace tributary::runtime
