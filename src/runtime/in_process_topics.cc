#include "runtime/in_process_topics.h"

#include <limits>

namespace tributary::runtime {

Result<TopicSequence> InProcessTopics::Send(WireRecord record) {
  int32_t partition = record.partition < 0 ? 0 : record.partition;
  auto key = std::make_pair(record.topic, partition);
  auto it = next_sequence_.find(key);
  if (it == next_sequence_.end()) {
    it = next_sequence_.emplace(key, committed_->NextSequence(record.topic, partition)).first;
    if (sinks_ != nullptr) {
      for (auto& sink : *sinks_) {
        sink.SetResumeOffset(record.topic, partition,
                             committed_->SinkOffset(sink.connector().name, record.topic,
                                                    partition));
      }
    }
  }
  int64_t sequence = it->second;
  if (sinks_ != nullptr) {
    for (auto& sink : *sinks_) {
      if (!sink.connector().Subscribes(record.topic)) continue;
      TRIB_RETURN_IF_ERROR(sink.Accept(record, partition, sequence));
    }
  }
  ++it->second;
  return TopicSequence{record.topic, partition, sequence};
}

Status InProcessTopics::SendToDeadLetterQueue(const std::string& dlq_topic,
                                              const std::string& connector,
                                              const data::Record& record, const Status& error) {
  return dead_letters_->Append(dlq_topic, connector, record, error);
}

int64_t InProcessTopics::DurableEnd(const std::string& topic, int32_t partition) const {
  int64_t end = std::numeric_limits<int64_t>::max();
  if (sinks_ == nullptr) return end;
  for (const auto& sink : *sinks_) {
    if (!sink.connector().Subscribes(topic)) continue;
    end = std::min(end, sink.DurableEnd(topic, partition));
  }
  return end;
}

}  // namespace tributary::runtime
