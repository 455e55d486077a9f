// KafkaHistoryLog: a connect::HistoryLog in a Kafka topic, as Debezium keeps its schema
// history (KafkaSchemaHistory): one partition, so entries keep their order; cleanup.policy=
// delete with retention.ms=-1 and retention.bytes=-1, so no entry is ever dropped; the
// brokers' default replication factor. Entries are the records' values. Append returns
// once the brokers acknowledged every entry.
//
// The worker's Kafka clients (WorkerConfig::kafka_clients, with their security keys) reach
// the topic: it is on the worker's cluster.
//
// Thread-safety: one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connect/history_log.h"
#include "runtime/kafka_log.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

class KafkaHistoryLog : public connect::HistoryLog {
 public:
  // Topic configs of a history topic that this log creates.
  static const std::map<std::string, std::string>& TopicConfigs();

  // Opens `topic` (creating it when missing) and reads it to its end. A topic with more than
  // one partition is refused: its order is lost.
  static Result<std::unique_ptr<KafkaHistoryLog>> Open(const KafkaClientConfigs& clients,
                                                       const std::string& topic);

  Result<std::vector<std::string>> ReadAll() override;
  Status Append(const std::vector<std::string>& entries) override;
  std::string Describe() const override { return "Kafka topic '" + log_->topic() + "'"; }

 private:
  KafkaHistoryLog() = default;

  std::unique_ptr<KafkaLog> log_;
  std::vector<std::string> entries_;  // read so far, in topic order
};

}  // namespace tributary::runtime
