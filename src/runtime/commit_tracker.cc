#include "runtime/commit_tracker.h"

namespace tributary::runtime {

void CommitTracker::Add(const std::string& connector, nlohmann::json source_partition,
                        nlohmann::json source_offset, std::optional<TopicSequence> delivered) {
  pending_.push_back(
      {connector, std::move(source_partition), std::move(source_offset), std::move(delivered)});
}

CommitTracker::Commit CommitTracker::TakeCommittable(
    const std::function<int64_t(const std::string&, int32_t)>& durable_end) {
  // Only an entry with a source offset is a commit point: a restart resumes after the last
  // committed offset and replays whatever followed it, so records without an offset are
  // committed (with their sequence numbers) only together with the next commit point.
  size_t durable = 0;
  size_t commit_through = 0;  // entries [0, commit_through) are committed
  while (durable < pending_.size()) {
    const Entry& e = pending_[durable];
    if (e.delivered &&
        durable_end(e.delivered->topic, e.delivered->partition) <= e.delivered->sequence)
      break;
    ++durable;
    if (!e.source_offset.is_null()) commit_through = durable;
  }
  Commit commit;
  std::map<std::pair<std::string, std::string>, size_t> index;
  for (size_t i = 0; i < commit_through; ++i) {
    const Entry& e = pending_.front();
    if (e.delivered)
      commit.next_sequences[{e.delivered->topic, e.delivered->partition}] =
          e.delivered->sequence + 1;
    if (!e.source_offset.is_null()) {
      auto key = std::make_pair(e.connector, e.source_partition.dump());
      auto it = index.find(key);
      if (it == index.end()) {
        index.emplace(key, commit.offsets.size());
        commit.offsets.push_back({e.connector, e.source_partition, e.source_offset});
      } else {
        commit.offsets[it->second].source_offset = e.source_offset;
      }
    }
    pending_.pop_front();
  }
  return commit;
}

}  // namespace tributary::runtime
