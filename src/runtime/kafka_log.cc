#include "runtime/kafka_log.h"

#include <unistd.h>

#include <thread>

namespace tributary::runtime {

using std::chrono::milliseconds;

Result<std::unique_ptr<KafkaLog>> KafkaLog::Open(Options options, RecordCallback on_record) {
  std::unique_ptr<KafkaLog> log(new KafkaLog());
  log->options_ = std::move(options);
  log->on_record_ = std::move(on_record);
  const auto& o = log->options_;
  auto where = [&o] {
    return fmt::format("{} key '{}' (topic '{}')", o.key_owner, o.topic_key, o.topic);
  };

  TRIB_ASSIGN_OR_RETURN(auto admin, kafka::Admin::Create(o.clients.admin));
  Status created = admin->CreateTopics(
      {{o.topic, o.partitions, o.replication_factor, o.topic_configs}},
      milliseconds(30000));
  if (!created.ok() && created.code() != StatusCode::kAlreadyExists)
    return created.Annotate(fmt::format(
        "{}: cannot create the topic; check the brokers, the worker's security.protocol, "
        "sasl.* and ssl.* keys (librdkafka logs authentication failures above) and the key's "
        "replication.factor",
        where()));
  // A topic just created takes a moment to appear in the brokers' metadata.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (log->partitions_ == 0) {
    TRIB_ASSIGN_OR_RETURN(auto topics, admin->ListTopics(milliseconds(30000)));
    for (const auto& t : topics)
      if (t.name == o.topic) log->partitions_ = t.partitions;
    if (log->partitions_ > 0) break;
    if (std::chrono::steady_clock::now() > deadline)
      return Status::Unavailable("{}: the brokers do not list the topic 30 s after creating it",
                                 where());
    std::this_thread::sleep_for(milliseconds(200));
  }

  auto producer_config = o.clients.producer;
  // Each record of these topics is flushed at once; the partitioner places keys as Kafka
  // Connect does.
  producer_config["linger.ms"] = "0";
  producer_config["partitioner"] = "murmur2_random";
  TRIB_ASSIGN_OR_RETURN(log->producer_, kafka::Producer::Create(producer_config));
  auto consumer_config = o.clients.consumer;
  // A consumer needs a group id, but this one only reads assigned partitions and never
  // commits, so the group is never joined.
  consumer_config["group.id"] = fmt::format("tributary-log-reader-{}", ::getpid());
  // Requests on a broker connection are answered in order, so a fetch waiting for data would
  // hold up ReadToEnd's end-offset queries behind it; these topics are small, so fetching
  // eagerly costs little.
  consumer_config["fetch.wait.max.ms"] = "10";
  consumer_config["isolation.level"] = o.read_committed ? "read_committed" : "read_uncommitted";
  TRIB_ASSIGN_OR_RETURN(log->consumer_, kafka::Consumer::Create(consumer_config));
  std::vector<kafka::TopicPartitionOffset> partitions;
  for (int32_t p = 0; p < log->partitions_; ++p) {
    partitions.push_back({o.topic, p, kafka::kOffsetBeginning});
    log->next_offset_[p] = 0;
  }
  TRIB_RETURN_IF_ERROR(log->consumer_->Assign(partitions).Annotate(where()));
  return log;
}

Result<std::unique_ptr<KafkaLog>> KafkaLog::OpenAndRead(Options options, RecordCallback on_record) {
  TRIB_ASSIGN_OR_RETURN(auto log, Open(std::move(options), std::move(on_record)));
  TRIB_RETURN_IF_ERROR(log->ReadToEnd(milliseconds(60000)));
  return log;
}

KafkaLog::~KafkaLog() {
  if (producer_) (void)producer_->Flush(milliseconds(10000));
}

Status KafkaLog::Append(const std::string& key, const std::optional<std::string>& value,
                        int32_t partition) {
  std::optional<std::string_view> v;
  if (value) v = *value;
  return producer_->Produce(options_.topic, partition, key, v);
}

Status KafkaLog::Flush() {
  return producer_->Flush(milliseconds(30000))
      .Annotate(fmt::format("writing topic '{}' ({})", options_.topic, options_.topic_key));
}

Status KafkaLog::Poll(milliseconds wait) {
  TRIB_ASSIGN_OR_RETURN(auto messages, consumer_->Poll(10000, wait));
  for (const auto& m : messages) {
    next_offset_[m.partition] = m.offset + 1;
    on_record_(m);
  }
  return Status::OK();
}

Status KafkaLog::ReadToEnd(milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::map<int32_t, int64_t> end;
  for (int32_t p = 0; p < partitions_; ++p) {
    // A topic just created may have no leader yet for a moment: retry until the deadline.
    for (;;) {
      auto high = consumer_->HighWatermark(options_.topic, p, milliseconds(5000));
      if (high.ok()) {
        end[p] = *high;
        break;
      }
      if (std::chrono::steady_clock::now() > deadline)
        return high.status().Annotate(fmt::format("reading topic '{}' ({}) to its end",
                                                  options_.topic, options_.topic_key));
      std::this_thread::sleep_for(milliseconds(200));
    }
  }
  for (;;) {
    bool done = true;
    for (const auto& [p, offset] : end)
      if (next_offset_[p] < offset) done = false;
    if (done) return Status::OK();
    if (std::chrono::steady_clock::now() > deadline)
      return Status::Unavailable("reading topic '{}' ({}) to its end took longer than {} ms",
                                 options_.topic, options_.topic_key, timeout.count());
    TRIB_RETURN_IF_ERROR(Poll(milliseconds(100)));
    // Transaction markers take offsets but are never handed out: the consumer's position
    // steps over them.
    for (const auto& [p, offset] : end) {
      auto position = consumer_->Position(options_.topic, p);
      if (position.ok() && *position > next_offset_[p]) next_offset_[p] = *position;
    }
  }
}

}  // namespace tributary::runtime
