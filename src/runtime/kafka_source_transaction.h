// KafkaSourceTransaction: SourceTransaction over a librdkafka transactional producer
// (transactional.id <group.id>-<connector>-<task>, as Kafka Connect derives it). Records go
// out as KafkaTransport sends them (murmur2 partitioning, the record's headers and
// timestamp); offsets go to the worker's offset.storage.topic in KafkaOffsetStore's format.
//
// Thread-safety: one thread drives it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "kafka/producer.h"
#include "runtime/source_transaction.h"

namespace tributary::runtime {

class KafkaSourceTransaction : public SourceTransaction {
 public:
  struct Options {
    // bootstrap.servers, partitioner (murmur2_random for Kafka Connect's placement), linger.ms
    std::map<std::string, std::string> producer_config;
    std::string transactional_id;
    std::string offset_topic;
    // Creates a topic on first use (KafkaTransport's topic creation keys).
    std::function<Status(const std::string&)> ensure_topic;
  };
  // Creates the producer and fences older ones with the same transactional.id.
  static Result<std::unique_ptr<SourceTransaction>> Create(Options options);

  Result<TopicSequence> Send(WireRecord record) override;
  Status SendToDeadLetterQueue(const std::string& dlq_topic, const std::string& connector,
                               const data::Record& record, const Status& error) override;
  Status Commit(const std::vector<CommitTracker::Committable>& offsets) override;
  Status Abort() override;
  const std::string& transactional_id() const override { return o_.transactional_id; }

 private:
  explicit KafkaSourceTransaction(Options options) : o_(std::move(options)) {}
  Status EnsureBegun();

  Options o_;
  std::unique_ptr<kafka::Producer> producer_;
  bool open_ = false;
  int64_t sent_ = 0;
};

}  // namespace tributary::runtime
