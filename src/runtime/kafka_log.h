// KafkaLog: one compacted Kafka topic, read from the beginning and followed, in the manner of
// Kafka Connect's KafkaBasedLog. Distributed workers keep their shared state in three of them:
// connector configs (config.storage.topic), task states (status.storage.topic) and source
// offsets (offset.storage.topic). Every worker reads every record; a record's key says what it
// is about and a null value deletes it, so the newest record per key is the state.
//
// Records are partitioned by key with Java's murmur2, as Kafka Connect writes these topics, so a
// key lands on the same partition whoever writes it (this log or a transactional producer).
//
// Thread-safety: Append and Flush may be called from any thread. Poll and ReadToEnd must be
// called from one thread at a time; the record callback runs on that thread.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "kafka/producer.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

class KafkaLog {
 public:
  using RecordCallback = std::function<void(const kafka::ConsumedMessage&)>;

  struct Options {
    KafkaClientConfigs clients;  // WorkerConfig::kafka_clients
    std::string topic;
    std::string topic_key;  // the worker key naming the topic, for error messages
    std::string key_owner = "worker";  // whose key topic_key is: "worker" or "connector"
    int partitions = 1;     // when the log creates the topic
    int replication_factor = 3;  // -1: the brokers' default
    std::map<std::string, std::string> topic_configs{{"cleanup.policy", "compact"}};
    // exactly.once.source.support preparing/enabled: transactional writers share the topic
    // (exactly-once sources write their offsets in their transactions), so read only what
    // they committed.
    bool read_committed = false;
  };

  // Creates the topic (with topic_configs: compacted unless told) when missing and starts reading it from the beginning.
  static Result<std::unique_ptr<KafkaLog>> Open(Options options, RecordCallback on_record);
  // Open, then ReadToEnd: a store built on the log starts with the state as of now.
  static Result<std::unique_ptr<KafkaLog>> OpenAndRead(Options options, RecordCallback on_record);
  ~KafkaLog();

  // Queues one record; it is durable once Flush returns OK.
  Status Append(const std::string& key, const std::optional<std::string>& value,
                int32_t partition = kafka::kAnyPartition);
  // Waits until everything appended is acknowledged by the brokers.
  Status Flush();
  // Hands what arrived to the callback, waiting at most `wait` for the first record.
  Status Poll(std::chrono::milliseconds wait);
  // Reads until the end every partition had when called.
  Status ReadToEnd(std::chrono::milliseconds timeout);

  int partitions() const { return partitions_; }
  const std::string& topic() const { return options_.topic; }

 private:
  KafkaLog() = default;

  Options options_;
  RecordCallback on_record_;
  int partitions_ = 0;
  std::unique_ptr<kafka::Producer> producer_;
  std::unique_ptr<kafka::Consumer> consumer_;
  std::map<int32_t, int64_t> next_offset_;  // per partition, the next offset to read
};

}  // namespace tributary::runtime
