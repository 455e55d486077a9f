#include "kafka/producer.h"

#include <cstring>

namespace tributary::kafka {

Result<std::unique_ptr<Producer>> Producer::Create(
    const std::map<std::string, std::string>& config, DeliveryCallback on_delivery) {
  if (!config.contains("bootstrap.servers")) {
    return Status::InvalidArgument("Kafka producer: bootstrap.servers is required");
  }
  // Kafka's Java producer buffers at most buffer.memory = 32 MiB before send() waits;
  // librdkafka's 1 GiB default let a source that outruns the broker hold a gigabyte.
  TRIB_ASSIGN_OR_RETURN(ConfPtr conf, MakeConf(config,
                                               {{"enable.idempotence", "true"},
                                                {"acks", "all"},
                                                {"queue.buffering.max.kbytes", "32768"}},
                                               "producer"));
  std::unique_ptr<Producer> producer(new Producer());
  producer->on_delivery_ = std::move(on_delivery);
  rd_kafka_conf_set_opaque(conf.get(), producer.get());
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &Producer::OnDelivery);
  TRIB_ASSIGN_OR_RETURN(producer->handle_,
                        MakeHandle(RD_KAFKA_PRODUCER, std::move(conf), "producer"));
  return producer;
}

Producer::~Producer() {
  if (handle_) rd_kafka_flush(handle_.get(), 10'000);
}

void Producer::OnDelivery(rd_kafka_t* /*handle*/, const rd_kafka_message_t* message,
                          void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  DeliveryReport report;
  report.topic = rd_kafka_topic_name(message->rkt);
  report.partition = message->partition;
  report.offset = message->offset;
  report.cookie = reinterpret_cast<uintptr_t>(message->_private);
  if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    report.status = KafkaError(message->err, fmt::format("delivery to {} partition {} failed",
                                                         report.topic, report.partition));
  }
  {
    std::lock_guard lock(self->mutex_);
    if (report.status.ok()) {
      ++self->delivered_;
    } else if (self->first_error_.ok()) {
      self->first_error_ = report.status;
    }
  }
  if (self->on_delivery_) self->on_delivery_(report);
}

Status Producer::Produce(std::string_view topic, int32_t partition,
                         std::optional<std::string_view> key,
                         std::optional<std::string_view> value,
                         const std::vector<Header>& headers, int64_t timestamp_ms,
                         uint64_t cookie) {
  rd_kafka_headers_t* kafka_headers = nullptr;
  if (!headers.empty()) {
    kafka_headers = rd_kafka_headers_new(headers.size());
    for (const auto& header : headers) {
      rd_kafka_header_add(kafka_headers, header.key.data(),
                          static_cast<ssize_t>(header.key.size()),
                          header.value ? header.value->data() : nullptr,
                          header.value ? static_cast<ssize_t>(header.value->size()) : 0);
    }
  }
  std::string topic_name(topic);
  // librdkafka's macros cast their arguments unparenthesized: pass plain variables.
  void* key_data = key ? const_cast<char*>(key->data()) : nullptr;
  size_t key_size = key ? key->size() : 0;
  void* value_data = value ? const_cast<char*>(value->data()) : nullptr;
  size_t value_size = value ? value->size() : 0;
  void* opaque = reinterpret_cast<void*>(static_cast<uintptr_t>(cookie));
  while (true) {
    rd_kafka_resp_err_t error = rd_kafka_producev(
        handle_.get(), RD_KAFKA_V_TOPIC(topic_name.c_str()), RD_KAFKA_V_PARTITION(partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key_data, key_size), RD_KAFKA_V_VALUE(value_data, value_size),
        RD_KAFKA_V_HEADERS(kafka_headers), RD_KAFKA_V_TIMESTAMP(timestamp_ms),
        RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
    if (error == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::OK();  // headers now owned
    if (error == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(handle_.get(), 100);  // make room by serving delivery reports
      continue;
    }
    if (kafka_headers != nullptr) rd_kafka_headers_destroy(kafka_headers);
    return KafkaError(error, fmt::format("cannot produce to {}", topic));
  }
}

void Producer::Poll(std::chrono::milliseconds timeout) {
  rd_kafka_poll(handle_.get(), static_cast<int>(timeout.count()));
}

Status Producer::Flush(std::chrono::milliseconds timeout) {
  rd_kafka_resp_err_t error = rd_kafka_flush(handle_.get(), static_cast<int>(timeout.count()));
  std::lock_guard lock(mutex_);
  Status first_error = std::move(first_error_);
  first_error_ = Status::OK();
  if (!first_error.ok()) return first_error;
  if (error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::Unavailable("Kafka producer: {} messages still undelivered after {} ms",
                               rd_kafka_outq_len(handle_.get()), timeout.count());
  }
  return Status::OK();
}

namespace {

// Takes ownership of `error`. Fatal errors (fenced by a newer producer with the same
// transactional.id, ...) are kCancelled: the producer is unusable and must be recreated.
Status TransactionError(rd_kafka_error_t* error, std::string_view what) {
  if (error == nullptr) return Status::OK();
  std::string message = fmt::format("Kafka transaction: {} failed: {} ({})", what,
                                    rd_kafka_error_string(error), rd_kafka_error_name(error));
  bool fatal = rd_kafka_error_is_fatal(error);
  bool retriable = rd_kafka_error_is_retriable(error);
  rd_kafka_error_destroy(error);
  if (fatal) return Status(StatusCode::kCancelled, message + "; the producer is fenced or broken");
  if (retriable) return Status::Unavailable("{}", message);
  return Status::IOError("{}", message);
}

}  // namespace

Status Producer::InitTransactions(std::chrono::milliseconds timeout) {
  return TransactionError(
      rd_kafka_init_transactions(handle_.get(), static_cast<int>(timeout.count())),
      "init_transactions");
}

Status Producer::BeginTransaction() {
  return TransactionError(rd_kafka_begin_transaction(handle_.get()), "begin_transaction");
}

Status Producer::CommitTransaction(std::chrono::milliseconds timeout) {
  Status committed = TransactionError(
      rd_kafka_commit_transaction(handle_.get(), static_cast<int>(timeout.count())),
      "commit_transaction");
  std::lock_guard lock(mutex_);
  // A failed delivery fails the commit; its report is part of this transaction's outcome.
  Status first_error = std::move(first_error_);
  first_error_ = Status::OK();
  return committed.ok() ? first_error : committed;
}

Status Producer::AbortTransaction(std::chrono::milliseconds timeout) {
  Status aborted = TransactionError(
      rd_kafka_abort_transaction(handle_.get(), static_cast<int>(timeout.count())),
      "abort_transaction");
  std::lock_guard lock(mutex_);
  first_error_ = Status::OK();
  return aborted;
}

int64_t Producer::delivered_count() const {
  std::lock_guard lock(mutex_);
  return delivered_;
}

}  // namespace tributary::kafka
