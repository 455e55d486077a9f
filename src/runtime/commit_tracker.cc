#include "runtime/commit_tracker.h"

namespace tributary::runtime {

void CommitTracker::Add(const std::string& connector, nlohmann::json source_partition,
                        nlohmann::json source_offset, std::optional<TopicSequence> delivered) {
  pending_.push_back(
      {connector, std::move(source_partition), std::move(source_offset), std::move(delivered)});
}

CommitTracker::Commit CommitTracker::TakeCommittable(
    const std::function<int64_t(const std::string&, int32_t)>& durable_end) {
  Commit commit;
  std::vector<Committable>& out = commit.offsets;
  std::map<std::pair<std::string, std::string>, size_t> index;
  while (!pending_.empty()) {
    const Entry& e = pending_.front();
    if (e.delivered &&
        durable_end(e.delivered->topic, e.delivered->partition) <= e.delivered->sequence)
      break;
    if (e.delivered)
      commit.next_sequences[{e.delivered->topic, e.delivered->partition}] =
          e.delivered->sequence + 1;
    if (!e.source_offset.is_null()) {
      auto key = std::make_pair(e.connector, e.source_partition.dump());
      auto it = index.find(key);
      if (it == index.end()) {
        index.emplace(key, out.size());
        out.push_back({e.connector, e.source_partition, e.source_offset});
      } else {
        out[it->second].source_offset = e.source_offset;
      }
    }
    pending_.pop_front();
  }
  return commit;
}

}  // namespace tributary::runtime
