// OffsetStore: the committed state of an embedded worker, kept in one local file
// (offset.storage.file.filename): for each source connector, the last committed source offset
// per source partition; for each in-process topic partition, the next sequence number.
//
// The two move together: a source offset is committed only once every record before it is
// durable in every sink, and at the same moment the sequence counters are saved, so a crash
// replays the uncommitted records with the same sequence numbers (offsets) as before, and a
// sink's deterministic object names are rewritten, never duplicated.
//
// Save writes a temporary file, fsyncs it and renames it over the old one: a crash leaves
// either the old or the new state, never a torn one.
//
// Thread-safety: thread-safe (the REST API reads source offsets while the loop commits).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <string>

#include "common/status.h"
#include "runtime/source_offset_store.h"

namespace tributary::runtime {

class OffsetStore : public SourceOffsetStore {
 public:
  explicit OffsetStore(std::string path) : path_(std::move(path)) {}

  // Loads the file if it exists; a missing file is an empty state.
  Status Load();
  Status Save() override;

  // Source offsets of `connector`, keyed by the JSON dump of the source partition.
  std::map<std::string, nlohmann::json> SourceOffsets(const std::string& connector) const override;
  void SetSourceOffset(const std::string& connector, const nlohmann::json& partition,
                       const nlohmann::json& offset) override;

  // First offset of (topic, partition) not yet durable in sink `connector` (0 when none is):
  // where a replay resumes handing records to that sink, as a Kafka consumer group's
  // committed offset. A sink's files may end past the source's last commit point; without
  // this, a replay would start a new file inside an uploaded one.
  int64_t SinkOffset(const std::string& connector, const std::string& topic,
                     int32_t partition) const;
  void SetSinkOffset(const std::string& connector, const std::string& topic, int32_t partition,
                     int64_t offset);

  // Next sequence number of an in-process topic partition (0 when never used).
  int64_t NextSequence(const std::string& topic, int32_t partition) const;
  void SetNextSequence(const std::string& topic, int32_t partition, int64_t next);

  const std::string& path() const { return path_; }

 private:
  mutable std::mutex mutex_;  // guards state_
  std::string path_;
  nlohmann::json state_ = nlohmann::json::object();
};

}  // namespace tributary::runtime
