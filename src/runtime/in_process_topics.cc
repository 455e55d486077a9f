#include "runtime/in_process_topics.h"

#include <algorithm>
#include <limits>

namespace tributary::runtime {

Result<TopicSequence> InProcessTopics::Send(WireRecord record) {
  int32_t partition = record.partition < 0 ? 0 : record.partition;
  auto key = std::make_pair(record.topic, partition);
  auto it = next_sequence_.find(key);
  if (it == next_sequence_.end()) {
    it = next_sequence_.emplace(key, committed_->NextSequence(record.topic, partition)).first;
    for (SinkRunner* sink : sinks_) SetResumeOffset(sink, record.topic, partition);
  }
  int64_t sequence = it->second;
  for (SinkRunner* sink : sinks_) {
    if (!sink->connector().Subscribes(record.topic)) continue;
    if (Status s = sink->Accept(record, partition, sequence); !s.ok()) sink->Fail(std::move(s));
  }
  ++it->second;
  return TopicSequence{record.topic, partition, sequence};
}

void InProcessTopics::SetResumeOffset(SinkRunner* sink, const std::string& topic,
                                      int32_t partition) const {
  sink->SetResumeOffset(topic, partition,
                        committed_->SinkOffset(sink->connector().name, topic, partition));
}

Status InProcessTopics::AttachSink(SinkRunner* sink) {
  sink->SetDeadLetterWriter([this, name = sink->connector().name](
                                const std::string& dlq_topic, const WireRecord& raw,
                                const data::Record& failed, const Status& error,
                                const std::string&) {
    data::Record record = failed;
    record.key = raw.key ? data::Value::String(*raw.key) : data::Value();
    record.value = raw.value ? data::Value::String(*raw.value) : data::Value();
    return dead_letters_->Append(dlq_topic, name, record, error);
  });
  for (const auto& [tp, next] : next_sequence_) SetResumeOffset(sink, tp.first, tp.second);
  sinks_.push_back(sink);
  return Status::OK();
}

void InProcessTopics::DetachSink(SinkRunner* sink) {
  std::erase(sinks_, sink);
}

Status InProcessTopics::SendToDeadLetterQueue(const std::string& dlq_topic,
                                              const std::string& connector,
                                              const data::Record& record, const Status& error) {
  return dead_letters_->Append(dlq_topic, connector, record, error);
}

int64_t InProcessTopics::DurableEnd(const std::string& topic, int32_t partition) const {
  int64_t end = std::numeric_limits<int64_t>::max();
  for (const SinkRunner* sink : sinks_) {
    if (!sink->connector().Subscribes(topic)) continue;
    end = std::min(end, sink->DurableEnd(topic, partition));
  }
  return end;
}

}  // namespace tributary::runtime
