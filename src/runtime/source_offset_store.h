// SourceOffsetStore: where a worker keeps the committed offsets of its source connectors:
// a local file (OffsetStore, standalone) or Kafka's offset.storage.topic (KafkaOffsetStore,
// distributed).
//
// Thread-safety: SourceOffsets may be called from any thread (the REST API reads offsets);
// the rest from the worker's loop thread.
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
  // Takes note of an offset an exactly-once source's transaction already wrote to this store's
  // topic, without writing it again. Stores no transaction writes (the offset file) ignore it.
  virtual void NoteCommitted(const std::string& /*connector*/,
                             const nlohmann::json& /*partition*/,
                             const nlohmann::json& /*offset*/) {}
  // Makes every offset set so far durable; a crash after Save returns keeps them.
  virtual Status Save() = 0;
  // Takes in offsets other workers committed (a shared store); before a source task starts.
  virtual Status CatchUp() { return Status::OK(); }
};

}  // namespace tributary::runtime
