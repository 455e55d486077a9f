#include "runtime/kafka_transport.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "runtime/dead_letter_file.h"
#include "runtime/kafka_headers.h"
#include "runtime/kafka_source_transaction.h"

namespace tributary::runtime {

using std::chrono::milliseconds;

Result<std::unique_ptr<Transport>> KafkaTransport::Create(const WorkerConfig& worker) {
  std::unique_ptr<KafkaTransport> t(new KafkaTransport());
  t->worker_ = &worker;
  TRIB_ASSIGN_OR_RETURN(int64_t partitions,
                        worker.raw.GetInt("topic.creation.default.partitions", 1));
  TRIB_ASSIGN_OR_RETURN(int64_t replication,
                        worker.raw.GetInt("topic.creation.default.replication.factor", -1));
  if (partitions < 1)
    return Status::InvalidArgument(
        "worker key 'topic.creation.default.partitions' must be at least 1, got {}", partitions);
  t->topic_partitions_ = static_cast<int>(partitions);
  t->topic_replication_ = static_cast<int>(replication);
  TRIB_ASSIGN_OR_RETURN(t->admin_, kafka::Admin::Create(worker.kafka_clients.admin));
  // Defaults first; the worker's consumer.* / producer.* keys win over them.
  t->sink_consumer_config_ = {{"session.timeout.ms", "10000"}, {"heartbeat.interval.ms", "3000"}};
  if (worker.reads_committed_only())
    t->sink_consumer_config_["isolation.level"] = "read_committed";
  for (const auto& [key, value] : worker.kafka_clients.consumer)
    t->sink_consumer_config_[key] = value;
  t->offset_topic_ = worker.raw.GetString("offset.storage.topic", "");

  auto& producer_config = t->producer_config_;
  producer_config = {{"partitioner", "murmur2_random"}, {"linger.ms", "5"}};
  for (const auto& [key, value] : worker.kafka_clients.producer) producer_config[key] = value;
  TRIB_ASSIGN_OR_RETURN(t->producer_, t->NewProducer(producer_config));
  return std::unique_ptr<Transport>(std::move(t));
}

Result<std::unique_ptr<kafka::Producer>> KafkaTransport::NewProducer(
    const std::map<std::string, std::string>& config) {
  // Every producer's deliveries settle tickets of the one sequence DurableEnd reports.
  return kafka::Producer::Create(config, [this](const kafka::DeliveryReport& r) {
    if (r.status.ok()) {
      in_flight_.erase(r.cookie);
    } else if (delivery_error_.empty()) {
      delivery_error_ = fmt::format("delivery to topic '{}' failed: {}", r.topic, r.status.message());
    }
  });
}

Result<KafkaTransport::ConnectorClients> KafkaTransport::OpenConnectorClients(
    const connect::Config& connector) {
  ConnectorClients clients;
  TRIB_ASSIGN_OR_RETURN(auto producer_overrides,
                        ConnectorClientOverrides(*worker_, connector, "producer"));
  if (!producer_overrides.empty()) {
    TRIB_ASSIGN_OR_RETURN(auto config,
                          ConnectorClientConfig(*worker_, connector, "producer", producer_config_));
    TRIB_ASSIGN_OR_RETURN(clients.producer, NewProducer(config));
  }
  TRIB_ASSIGN_OR_RETURN(clients.admin, OpenConnectorAdmin(connector));
  return clients;
}

Result<std::unique_ptr<kafka::Admin>> KafkaTransport::OpenConnectorAdmin(
    const connect::Config& connector) {
  TRIB_ASSIGN_OR_RETURN(auto overrides, ConnectorClientOverrides(*worker_, connector, "admin"));
  if (overrides.empty()) return std::unique_ptr<kafka::Admin>();
  TRIB_ASSIGN_OR_RETURN(auto config, ConnectorClientConfig(*worker_, connector, "admin",
                                                           worker_->kafka_clients.admin));
  return kafka::Admin::Create(config);
}

Status KafkaTransport::EnsureTopic(kafka::Admin& admin, const std::string& topic) {
  if (known_topics_.count(topic)) return Status::OK();
  Status s = admin.CreateTopics({{topic, topic_partitions_, topic_replication_, {}}},
                                  milliseconds(30000));
  if (!s.ok() && s.code() != StatusCode::kAlreadyExists)
    return s.Annotate(fmt::format("creating topic '{}'", topic));
  known_topics_.insert(topic);
  return Status::OK();
}

Status KafkaTransport::FirstDeliveryError() const {
  if (delivery_error_.empty()) return Status::OK();
  return Status::Unavailable("{}; the worker stops without committing past it", delivery_error_);
}

Result<TopicSequence> KafkaTransport::Send(WireRecord record) {
  return SendThrough(*producer_, *admin_, std::move(record));
}

Result<TopicSequence> KafkaTransport::SendThrough(kafka::Producer& producer, kafka::Admin& admin,
                                                  WireRecord record) {
  TRIB_RETURN_IF_ERROR(FirstDeliveryError());
  TRIB_RETURN_IF_ERROR(EnsureTopic(admin, record.topic));
  uint64_t ticket = next_ticket_++;
  in_flight_.insert(ticket);
  std::optional<std::string_view> key, value;
  if (record.key) key = *record.key;
  if (record.value) value = *record.value;
  Status s = producer.Produce(record.topic, record.partition < 0 ? kafka::kAnyPartition
                                                                 : record.partition,
                              key, value, ToKafkaHeaders(record.headers),
                              record.timestamp_ms > 0 ? record.timestamp_ms : 0, ticket);
  if (!s.ok()) {
    in_flight_.erase(ticket);
    return s;
  }
  return TopicSequence{"", 0, static_cast<int64_t>(ticket)};
}

Status KafkaTransport::SendToDeadLetterQueue(const std::string& dlq_topic,
                                             const std::string& connector,
                                             const data::Record& record, const Status& error) {
  return DeadLetterThrough(*producer_, *admin_, dlq_topic, connector, record, error);
}

Status KafkaTransport::DeadLetterThrough(kafka::Producer& producer, kafka::Admin& admin,
                                         const std::string& dlq_topic,
                                         const std::string& connector, const data::Record& record,
                                         const Status& error) {
  TRIB_RETURN_IF_ERROR(EnsureTopic(admin, dlq_topic));
  SourceDeadLetter letter = MakeSourceDeadLetter(connector, record, error);
  TRIB_RETURN_IF_ERROR(producer.Produce(dlq_topic, kafka::kAnyPartition, letter.key,
                                        letter.value, letter.headers, 0, UINT64_MAX));
  // The failed record's offset may be committed right after this call: make the dead letter
  // durable first.
  return producer.Flush(milliseconds(30000));
}

kafka::Producer& KafkaTransport::ConnectorDestination::producer() const {
  return clients_.producer ? *clients_.producer : *transport_->producer_;
}

kafka::Admin& KafkaTransport::ConnectorDestination::admin() const {
  return clients_.admin ? *clients_.admin : *transport_->admin_;
}

Result<TopicSequence> KafkaTransport::ConnectorDestination::Send(WireRecord record) {
  return transport_->SendThrough(producer(), admin(), std::move(record));
}

Status KafkaTransport::ConnectorDestination::SendToDeadLetterQueue(
    const std::string& dlq_topic, const std::string& connector, const data::Record& record,
    const Status& error) {
  return transport_->DeadLetterThrough(producer(), admin(), dlq_topic, connector, record, error);
}

Result<RecordDestination*> KafkaTransport::OpenSourceDestination(const connect::Config& connector) {
  TRIB_ASSIGN_OR_RETURN(ConnectorClients clients, OpenConnectorClients(connector));
  if (!clients.producer && !clients.admin) return this;
  return destinations_.emplace_back(std::make_unique<ConnectorDestination>(this, std::move(clients)))
      .get();
}

Status KafkaTransport::CloseSourceDestination(RecordDestination* destination) {
  auto it = std::find_if(destinations_.begin(), destinations_.end(),
                         [destination](const auto& d) { return d.get() == destination; });
  if (it == destinations_.end()) return Status::OK();  // the shared producer outlives its tasks
  Status flushed = (*it)->producer().Flush(milliseconds(30000));
  destinations_.erase(it);
  if (!flushed.ok() && delivery_error_.empty()) {
    // Its undelivered records' tickets will never settle: nothing past them may commit.
    delivery_error_ = fmt::format("a source connector's own producer closed with records "
                                  "undelivered: {}", flushed.message());
  }
  return flushed;
}

Status KafkaTransport::AttachSink(SinkRunner* sink) {
  const SinkConnector& c = sink->connector();
  TRIB_ASSIGN_OR_RETURN(
      auto config, ConnectorClientConfig(*worker_, c.config, "consumer", sink_consumer_config_));
  // As Kafka Connect, a sink's group is connect-<connector> (the worker's group.id is its
  // membership's).
  config["group.id"] = "connect-" + c.name;
  int task_id = c.context.task_id;
  bool context_headers = c.errors.context_headers;
  SinkFeed feed;
  feed.runner = sink;
  TRIB_ASSIGN_OR_RETURN(feed.clients, OpenConnectorClients(c.config));
  kafka::Producer* producer = feed.clients.producer ? feed.clients.producer.get() : producer_.get();
  kafka::Admin* admin = feed.clients.admin ? feed.clients.admin.get() : admin_.get();
  sink->SetDeadLetterWriter([this, name = c.name, task_id, context_headers, producer, admin](
                                const std::string& dlq_topic, const WireRecord& raw,
                                const data::Record& failed, const Status& error,
                                const std::string& stage) -> Status {
    TRIB_RETURN_IF_ERROR(EnsureTopic(*admin, dlq_topic));
    // As Kafka Connect: the record as it was read, its own headers, then the context when
    // errors.deadletterqueue.context.headers.enable is true.
    std::vector<kafka::Header> headers = ToKafkaHeaders(raw.headers);
    if (context_headers) {
      for (auto& [key, value] : DeadLetterContext(failed, name, error, task_id, stage))
        headers.push_back({std::move(key), std::move(value)});
    }
    std::optional<std::string_view> key, value;
    if (raw.key) key = *raw.key;
    if (raw.value) value = *raw.value;
    TRIB_RETURN_IF_ERROR(producer->Produce(dlq_topic, kafka::kAnyPartition, key, value, headers,
                                           0, UINT64_MAX));
    return producer->Flush(milliseconds(30000));
  });
  TRIB_ASSIGN_OR_RETURN(feed.consumer, kafka::Consumer::Create(config));
  std::vector<std::string> subscription = c.subscription.topics;
  if (subscription.empty()) subscription.push_back("^" + c.config.GetString("topics.regex"));
  for (const auto& topic : c.subscription.topics) TRIB_RETURN_IF_ERROR(EnsureTopic(*admin, topic));
  TRIB_RETURN_IF_ERROR(feed.consumer->Subscribe(subscription)
                           .Annotate(fmt::format("sink connector '{}'", c.name)));
  feeds_.push_back(std::move(feed));
  return Status::OK();
}

void KafkaTransport::DetachSink(SinkRunner* sink) {
  std::erase_if(feeds_, [sink](const SinkFeed& feed) { return feed.runner == sink; });
}

Status KafkaTransport::Pump(int max_wait_ms) {
  producer_->Poll(milliseconds(0));
  for (auto& destination : destinations_) destination->producer().Poll(milliseconds(0));
  TRIB_RETURN_IF_ERROR(FirstDeliveryError());
  for (auto& feed : feeds_) {
    if (!feed.runner->failure().ok()) continue;
    auto polled = feed.consumer->Poll(1000, milliseconds(max_wait_ms));
    max_wait_ms = 0;  // only the first consumer waits
    if (!polled.ok()) {
      feed.runner->Fail(polled.status().Annotate(
          fmt::format("sink connector '{}' reading its topics", feed.runner->connector().name)));
      continue;
    }
    if (feed.consumer->revocations() != feed.revocations_seen) {
      feed.revocations_seen = feed.consumer->revocations();
      feed.committed.clear();
      spdlog::info("sink connector '{}': partitions reassigned; resuming from committed offsets",
                   feed.runner->connector().name);
      if (Status s = feed.runner->Restart(); !s.ok()) {
        feed.runner->Fail(std::move(s));
        continue;
      }
    }
    for (auto& m : *polled) {
      WireRecord record;
      record.topic = std::move(m.topic);
      record.key = std::move(m.key);
      record.value = std::move(m.value);
      record.timestamp_ms = m.timestamp_ms;
      record.headers = FromKafkaHeaders(m.headers);
      if (Status s = feed.runner->Accept(record, m.partition, m.offset); !s.ok()) {
        feed.runner->Fail(std::move(s));
        break;
      }
    }
  }
  return Status::OK();
}

Status KafkaTransport::CommitSinks() {
  for (auto& feed : feeds_) {
    if (!feed.runner->failure().ok()) continue;
    std::vector<kafka::TopicPartitionOffset> offsets;
    for (const auto& [tp, durable] : feed.runner->durable()) {
      auto& committed = feed.committed[tp];
      if (durable > committed) {
        offsets.push_back({tp.first, tp.second, durable});
        committed = durable;
      }
    }
    if (!offsets.empty())
      TRIB_RETURN_IF_ERROR(feed.consumer->Commit(offsets).Annotate(
          fmt::format("sink connector '{}' committing offsets", feed.runner->connector().name)));
  }
  return Status::OK();
}

int64_t KafkaTransport::DurableEnd(const std::string&, int32_t) const {
  return in_flight_.empty() ? static_cast<int64_t>(next_ticket_)
                            : static_cast<int64_t>(*in_flight_.begin());
}

Result<std::unique_ptr<SourceTransaction>> KafkaTransport::OpenSourceTransaction(
    const std::string& transactional_id, const connect::Config& connector) {
  if (offset_topic_.empty())
    return Status::InvalidArgument(
        "exactly-once sources write their offsets in their transactions: set the worker key "
        "'offset.storage.topic' (distributed workers)");
  KafkaSourceTransaction::Options o;
  TRIB_ASSIGN_OR_RETURN(o.producer_config,
                        ConnectorClientConfig(*worker_, connector, "producer", producer_config_));
  o.transactional_id = transactional_id;
  o.offset_topic = offset_topic_;
  TRIB_ASSIGN_OR_RETURN(std::shared_ptr<kafka::Admin> own_admin, OpenConnectorAdmin(connector));
  kafka::Admin* admin = own_admin ? own_admin.get() : admin_.get();
  // own_admin is captured to keep the connector's admin client alive with the transaction.
  o.ensure_topic = [this, own_admin, admin](const std::string& topic) {
    return EnsureTopic(*admin, topic);
  };
  return KafkaSourceTransaction::Create(std::move(o));
}

Status KafkaTransport::Drain() {
  TRIB_RETURN_IF_ERROR(producer_->Flush(milliseconds(30000)));
  for (auto& destination : destinations_)
    TRIB_RETURN_IF_ERROR(destination->producer().Flush(milliseconds(30000)));
  return FirstDeliveryError();
}

}  // namespace tributary::runtime
