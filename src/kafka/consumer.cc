#include "kafka/consumer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <tuple>

namespace tributary::kafka {
namespace {

bool IsTopicNotYetAvailable(rd_kafka_resp_err_t error) {
  return error == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
         error == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC || error == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION;
}

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};
using PartitionListPtr =
    std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

PartitionListPtr ToList(const std::vector<TopicPartitionOffset>& partitions) {
  PartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  for (const auto& p : partitions) {
    rd_kafka_topic_partition_list_add(list.get(), p.topic.c_str(), p.partition)->offset = p.offset;
  }
  return list;
}

std::optional<std::string> Bytes(const void* data, size_t size) {
  if (data == nullptr) return std::nullopt;
  return std::string(static_cast<const char*>(data), size);
}

}  // namespace

Result<std::unique_ptr<Consumer>> Consumer::Create(
    const std::map<std::string, std::string>& config) {
  for (const char* required : {"bootstrap.servers", "group.id"}) {
    if (!config.contains(required)) {
      return Status::InvalidArgument("Kafka consumer: {} is required", required);
    }
  }
  TRIB_ASSIGN_OR_RETURN(ConfPtr conf, MakeConf(config,
                                               {{"enable.auto.commit", "false"},
                                                {"auto.offset.reset", "earliest"},
                                                {"enable.partition.eof", "false"}},
                                               "consumer"));
  std::unique_ptr<Consumer> consumer(new Consumer());
  rd_kafka_conf_set_opaque(conf.get(), consumer.get());
  rd_kafka_conf_set_rebalance_cb(conf.get(), &Consumer::OnRebalance);
  TRIB_ASSIGN_OR_RETURN(consumer->handle_,
                        MakeHandle(RD_KAFKA_CONSUMER, std::move(conf), "consumer"));
  rd_kafka_poll_set_consumer(consumer->handle_.get());
  return consumer;
}

void Consumer::OnRebalance(rd_kafka_t* handle, rd_kafka_resp_err_t error,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* self = static_cast<Consumer*>(opaque);
  // The eager protocol, as librdkafka does without a callback; the callback exists to count.
  if (error == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    rd_kafka_assign(handle, partitions);
  } else {
    ++self->revocations_;
    rd_kafka_assign(handle, nullptr);
  }
}

Consumer::~Consumer() {
  if (handle_ && !closed_) (void)Close();
}

Status Consumer::Subscribe(const std::vector<std::string>& topics) {
  std::vector<TopicPartitionOffset> list;
  for (const auto& topic : topics) list.push_back({topic, RD_KAFKA_PARTITION_UA, 0});
  return KafkaError(rd_kafka_subscribe(handle_.get(), ToList(list).get()),
                    "Kafka consumer cannot subscribe");
}

Status Consumer::Assign(const std::vector<TopicPartitionOffset>& partitions) {
  return KafkaError(rd_kafka_assign(handle_.get(), ToList(partitions).get()),
                    "Kafka consumer cannot assign partitions");
}

Result<std::vector<ConsumedMessage>> Consumer::Poll(size_t max_messages,
                                                    std::chrono::milliseconds timeout) {
  if (!pending_error_.ok()) return std::exchange(pending_error_, Status::OK());
  std::vector<ConsumedMessage> batch;
  int wait_ms = static_cast<int>(timeout.count());
  int64_t revocations_before = revocations_;
  while (batch.size() < max_messages) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(handle_.get(), wait_ms);
    if (revocations_ != revocations_before) {
      batch.clear();
      revocations_before = revocations_;
    }
    if (message == nullptr) break;
    wait_ms = 0;  // only the first message is waited for
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      rd_kafka_message_destroy(message);
      continue;
    }
    if (IsTopicNotYetAvailable(message->err)) {
      // A subscribed topic that does not exist yet (a sink started before its source wrote):
      // Kafka's consumer waits for it, and so does librdkafka once the topic appears.
      std::string topic = message->rkt ? rd_kafka_topic_name(message->rkt) : "";
      if (missing_topics_warned_.insert(topic).second)
        spdlog::warn("Kafka consumer: topic '{}' does not exist yet; waiting for it", topic);
      rd_kafka_message_destroy(message);
      continue;
    }
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::string topic = message->rkt ? rd_kafka_topic_name(message->rkt) : "";
      Status error = KafkaError(message->err, fmt::format("Kafka consumer on {} partition {}: {}",
                                                          topic, message->partition,
                                                          rd_kafka_message_errstr(message)));
      rd_kafka_message_destroy(message);
      if (error.code() == StatusCode::kUnavailable) {
        // Broker down or unreachable: librdkafka reconnects and resumes by itself (its consumer
        // errors are informational unless fatal), as Kafka's consumer does.
        spdlog::warn("{}; the consumer keeps retrying", error.message());
        continue;
      }
      if (batch.empty()) return error;
      pending_error_ = std::move(error);  // deliver what was read first
      break;
    }
    ConsumedMessage& out = batch.emplace_back();
    out.topic = rd_kafka_topic_name(message->rkt);
    out.partition = message->partition;
    out.offset = message->offset;
    rd_kafka_timestamp_type_t type;
    out.timestamp_ms = rd_kafka_message_timestamp(message, &type);
    out.key = Bytes(message->key, message->key_len);
    out.value = Bytes(message->payload, message->len);
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* name;
      const void* value;
      size_t size;
      for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) ==
                         RD_KAFKA_RESP_ERR_NO_ERROR;
           ++i) {
        out.headers.push_back({name, Bytes(value, size)});
      }
    }
    rd_kafka_message_destroy(message);
  }
  return batch;
}

Status Consumer::Commit(const std::vector<TopicPartitionOffset>& offsets) {
  if (offsets.empty()) return Status::OK();
  auto list = ToList(offsets);
  TRIB_RETURN_IF_ERROR(KafkaError(rd_kafka_commit(handle_.get(), list.get(), /*async=*/0),
                                  "Kafka consumer cannot commit offsets"));
  for (int i = 0; i < list->cnt; ++i) {
    const auto& element = list->elems[i];
    if (element.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return KafkaError(element.err, fmt::format("Kafka consumer cannot commit {} partition {}",
                                                 element.topic, element.partition));
    }
  }
  return Status::OK();
}

Result<std::vector<TopicPartitionOffset>> Consumer::Committed(
    const std::vector<TopicPartitionOffset>& partitions, std::chrono::milliseconds timeout) {
  auto list = ToList(partitions);
  TRIB_RETURN_IF_ERROR(KafkaError(
      rd_kafka_committed(handle_.get(), list.get(), static_cast<int>(timeout.count())),
      "Kafka consumer cannot read committed offsets"));
  std::vector<TopicPartitionOffset> result;
  for (int i = 0; i < list->cnt; ++i) {
    const auto& element = list->elems[i];
    result.push_back({element.topic, element.partition, element.offset});
  }
  return result;
}

Result<std::vector<TopicPartitionOffset>> Consumer::Assignment() {
  rd_kafka_topic_partition_list_t* raw = nullptr;
  TRIB_RETURN_IF_ERROR(KafkaError(rd_kafka_assignment(handle_.get(), &raw),
                                  "Kafka consumer cannot read its assignment"));
  PartitionListPtr list(raw);
  std::vector<TopicPartitionOffset> result;
  for (int i = 0; i < list->cnt; ++i)
    result.push_back({list->elems[i].topic, list->elems[i].partition, 0});
  std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
    return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
  });
  return result;
}

Result<int64_t> Consumer::HighWatermark(const std::string& topic, int32_t partition,
                                        std::chrono::milliseconds timeout) {
  int64_t low = 0, high = 0;
  TRIB_RETURN_IF_ERROR(KafkaError(
      rd_kafka_query_watermark_offsets(handle_.get(), topic.c_str(), partition, &low, &high,
                                       static_cast<int>(timeout.count())),
      fmt::format("Kafka consumer cannot read the end offset of {} partition {}", topic,
                  partition)));
  return high;
}

Result<int64_t> Consumer::Position(const std::string& topic, int32_t partition) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic.c_str(), partition);
  rd_kafka_resp_err_t error = rd_kafka_position(handle_.get(), list);
  int64_t offset = list->elems[0].offset;
  rd_kafka_topic_partition_list_destroy(list);
  TRIB_RETURN_IF_ERROR(KafkaError(
      error, fmt::format("Kafka consumer cannot tell its position in {} partition {}", topic,
                         partition)));
  return offset;
}

Result<std::string> Consumer::ClusterId(std::chrono::milliseconds timeout) {
  char* id = rd_kafka_clusterid(handle_.get(), static_cast<int>(timeout.count()));
  if (id == nullptr) return Status::Unavailable("the Kafka cluster did not tell its id in time");
  std::string result(id);
  rd_kafka_mem_free(handle_.get(), id);
  return result;
}

Status Consumer::Close() {
  if (closed_) return Status::OK();
  closed_ = true;
  return KafkaError(rd_kafka_consumer_close(handle_.get()), "Kafka consumer cannot close");
}

}  // namespace tributary::kafka
