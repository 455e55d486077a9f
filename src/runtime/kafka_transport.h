// KafkaTransport: the worker's records travel through a real Kafka cluster (worker key
// bootstrap.servers). Sources produce through one idempotent producer (acks=all, Java's
// murmur2 partitioner for keyed records); a source record counts as durable once the broker
// acknowledged it. Each sink connector reads its topics through its own consumer group
// (connect-<connector name>, as Kafka Connect names them) and the group's offsets are
// committed only up to what the sink reports durable, so a restarted or rebalanced sink
// resumes from the first record it had not made durable. When the group takes a sink's
// partitions away (another task joined or left), the sink restarts in place
// (SinkRunner::Restart) before it takes the records of its new assignment.
//
// Sink consumers get the worker's consumer.* keys (Kafka Connect's overrides) with
// session.timeout.ms 10000 unless set, so a dead worker's partitions move within seconds.
//
// With exactly.once.source.support preparing or enabled, sink consumers read with
// isolation.level=read_committed (unless consumer.isolation.level says otherwise), so they never
// see what an exactly-once source's aborted transaction wrote.
//
// A connector with producer.override.* / admin.override.* keys (as far as the worker's
// connector.client.config.override.policy allows) gets its own producer and admin client for
// its records, its topic creation and its dead letters; the others share the worker's.
//
// Topics are created on first use with topic.creation.default.partitions (default 1) and
// topic.creation.default.replication.factor (default -1: the broker's default).
//
// Thread-safety: driven by the worker's loop thread only (delivery reports are served in
// Pump/Drain on that thread).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "kafka/producer.h"
#include "runtime/transport.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

class KafkaTransport : public Transport {
 public:
  static Result<std::unique_ptr<Transport>> Create(const WorkerConfig& worker);

  Result<TopicSequence> Send(WireRecord record) override;
  Status SendToDeadLetterQueue(const std::string& dlq_topic, const std::string& connector,
                               const data::Record& record, const Status& error) override;
  Status AttachSink(SinkRunner* sink) override;
  void DetachSink(SinkRunner* sink) override;
  Status Pump(int max_wait_ms) override;
  Status CommitSinks() override;
  // Every produced record is tracked under one sequence of delivery tickets.
  int64_t DurableEnd(const std::string& topic, int32_t partition) const override;
  bool CommitsSequences() const override { return false; }
  Status Drain() override;
  Result<RecordDestination*> OpenSourceDestination(const connect::Config& connector) override;
  Status CloseSourceDestination(RecordDestination* destination) override;
  // Offsets go to the worker's offset.storage.topic.
  Result<std::unique_ptr<SourceTransaction>> OpenSourceTransaction(
      const std::string& transactional_id, const connect::Config& connector) override;

 private:
  // A connector's own clients where its overrides differ from the worker's; null members
  // mean the worker's.
  struct ConnectorClients {
    std::unique_ptr<kafka::Producer> producer;
    std::unique_ptr<kafka::Admin> admin;
  };
  // The records of a source connector that has its own clients.
  class ConnectorDestination : public RecordDestination {
   public:
    ConnectorDestination(KafkaTransport* transport, ConnectorClients clients)
        : transport_(transport), clients_(std::move(clients)) {}
    Result<TopicSequence> Send(WireRecord record) override;
    Status SendToDeadLetterQueue(const std::string& dlq_topic, const std::string& connector,
                                 const data::Record& record, const Status& error) override;
    kafka::Producer& producer() const;
    kafka::Admin& admin() const;

   private:
    KafkaTransport* transport_;
    ConnectorClients clients_;
  };

  KafkaTransport() = default;
  Result<std::unique_ptr<kafka::Producer>> NewProducer(
      const std::map<std::string, std::string>& config);
  Result<ConnectorClients> OpenConnectorClients(const connect::Config& connector);
  // The connector's own admin client when it has admin.override.* keys, else null.
  Result<std::unique_ptr<kafka::Admin>> OpenConnectorAdmin(const connect::Config& connector);
  Result<TopicSequence> SendThrough(kafka::Producer& producer, kafka::Admin& admin,
                                    WireRecord record);
  Status DeadLetterThrough(kafka::Producer& producer, kafka::Admin& admin,
                           const std::string& dlq_topic, const std::string& connector,
                           const data::Record& record, const Status& error);
  Status EnsureTopic(kafka::Admin& admin, const std::string& topic);
  Status FirstDeliveryError() const;

  const WorkerConfig* worker_ = nullptr;  // outlives the transport
  // The worker's consumer config with the sink defaults; a connector's consumer.override.*
  // go on top.
  std::map<std::string, std::string> sink_consumer_config_;
  std::map<std::string, std::string> producer_config_;
  std::string offset_topic_;
  int topic_partitions_ = 1;
  int topic_replication_ = -1;
  std::unique_ptr<kafka::Admin> admin_;
  std::unique_ptr<kafka::Producer> producer_;
  std::set<std::string> known_topics_;

  uint64_t next_ticket_ = 0;
  std::set<uint64_t> in_flight_;
  std::string delivery_error_;

  std::vector<std::unique_ptr<ConnectorDestination>> destinations_;

  struct SinkFeed {
    SinkRunner* runner = nullptr;
    std::unique_ptr<kafka::Consumer> consumer;
    ConnectorClients clients;  // its dead letters go through these
    int64_t revocations_seen = 0;
    std::map<std::pair<std::string, int32_t>, int64_t> committed;
  };
  std::vector<SinkFeed> feeds_;
};

}  // namespace tributary::runtime
