// KafkaOffsetStore: source offsets in offset.storage.topic (compacted), in Kafka Connect's
// format: key ["<connector>",{<source partition>}], value {<source offset>} (both JSON without
// schemas), so a Debezium connector's offsets read the same in either runtime.
//
// Thread-safety: SourceOffsets may be called from any thread (the REST API reads offsets);
// everything else from the worker's loop thread.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "runtime/kafka_log.h"
#include "runtime/source_offset_store.h"

namespace tributary::runtime {

class KafkaOffsetStore : public SourceOffsetStore {
 public:
  // Reads the topic to its end before returning.
  static Result<std::unique_ptr<KafkaOffsetStore>> Open(KafkaLog::Options options);

  // A record of the topic: key ["<connector>",{<source partition>}], value {<source offset>}.
  static std::string RecordKey(const std::string& connector, const nlohmann::json& partition);
  static std::string RecordValue(const nlohmann::json& offset);

  std::map<std::string, nlohmann::json> SourceOffsets(const std::string& connector) const override;
  void SetSourceOffset(const std::string& connector, const nlohmann::json& partition,
                       const nlohmann::json& offset) override;
  Status Save() override;
  void NoteCommitted(const std::string& connector, const nlohmann::json& partition,
                     const nlohmann::json& offset) override;

  // Takes in what other workers committed (before a source task starts here).
  Status CatchUp() override;

 private:
  KafkaOffsetStore() = default;
  void Apply(const kafka::ConsumedMessage& message);

  std::unique_ptr<KafkaLog> log_;
  mutable std::mutex mutex_;  // guards offsets_
  // connector -> source partition (JSON dump) -> offset
  std::map<std::string, std::map<std::string, nlohmann::json>> offsets_;
  std::vector<std::pair<std::string, std::string>> unsaved_;  // key, value
};

}  // namespace tributary::runtime
