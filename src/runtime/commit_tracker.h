// CommitTracker: decides which source offsets may be committed.
//
// Every record a source emits is added in order, with the in-process topic partition and
// sequence number it was given (none if a transform dropped it). A source offset becomes
// committable once it and every record before it are durable: for each record, every sink
// consuming its topic partition reports a durable position beyond the record's sequence.
// Records of one source are committed strictly in order, so a crash can only replay, never
// skip. A record without a source offset (a source may set one only on the last record of a
// group it can resume after) is committed with the next record that has one.
//
// Thread-safety: not thread-safe; owned by the worker's commit path.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tributary::runtime {

struct TopicSequence {
  std::string topic;
  int32_t partition = 0;
  int64_t sequence = 0;
};

class CommitTracker {
 public:
  // `delivered`: where the record went, or nullopt when it was filtered out.
  void Add(const std::string& connector, nlohmann::json source_partition,
           nlohmann::json source_offset, std::optional<TopicSequence> delivered);

  struct Committable {
    std::string connector;
    nlohmann::json source_partition;
    nlohmann::json source_offset;
  };
  struct Commit {
    // The newest committable offset of each (connector, source partition).
    std::vector<Committable> offsets;
    // Per topic partition, the sequence after the last committed record: where a replay
    // from the committed offsets resumes numbering.
    std::map<std::pair<std::string, int32_t>, int64_t> next_sequences;
    bool empty() const { return offsets.empty() && next_sequences.empty(); }
  };
  // `durable_end(topic, partition)`: the first sequence that is not yet durable in every sink
  // consuming that topic partition. Removes the records that are now durable, with everything
  // before them, and returns what to commit for them.
  Commit TakeCommittable(const std::function<int64_t(const std::string&, int32_t)>& durable_end);

  size_t pending() const { return pending_.size(); }
  // Whether the newest record carries a source offset: a restart from it would replay nothing
  // that was added.
  bool EndsAtCommitPoint() const {
    return !pending_.empty() && !pending_.back().source_offset.is_null();
  }

 private:
  struct Entry {
    std::string connector;
    nlohmann::json source_partition;
    nlohmann::json source_offset;
    std::optional<TopicSequence> delivered;
  };
  std::deque<Entry> pending_;
};

}  // namespace tributary::runtime
