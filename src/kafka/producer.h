// Producer: a librdkafka producer, idempotent by default (enable.idempotence=true, acks=all),
// so retries never duplicate or reorder messages within a partition.
//
// Produce queues a message and returns at once (blocking only while the local queue is full);
// the broker's answer arrives as a DeliveryReport through the callback given at creation, which
// runs inside Poll, Flush or Produce on the calling thread. Flush waits for every queued message
// and returns the first delivery failure since the previous Flush.
//
// Transactions (set transactional.id): InitTransactions once, then per transaction
// BeginTransaction, Produce..., CommitTransaction (or AbortTransaction). InitTransactions fences
// every older producer with the same transactional.id (a zombie) and aborts its open
// transaction. A fenced or otherwise fatal producer answers kCancelled from then on.
//
// Thread-safety: Produce, Poll and Flush may be called from several threads; the delivery
// callback then runs on whichever thread polls. The transaction calls from one thread.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "kafka/client_config.h"
#include "kafka/message.h"

namespace tributary::kafka {

class Producer {
 public:
  using DeliveryCallback = std::function<void(const DeliveryReport&)>;

  // `config`: librdkafka or Kafka Java producer properties; bootstrap.servers is required.
  // Defaults as the Java producer: idempotent, acks=all, 32 MiB of buffered records.
  static Result<std::unique_ptr<Producer>> Create(const std::map<std::string, std::string>& config,
                                                  DeliveryCallback on_delivery = nullptr);
  // Waits up to 10 s for queued messages, then drops what is left.
  ~Producer();

  // Queues one message. `partition` kAnyPartition lets the partitioner choose by key.
  // `timestamp_ms` 0 means now.
  Status Produce(std::string_view topic, int32_t partition, std::optional<std::string_view> key,
                 std::optional<std::string_view> value, const std::vector<Header>& headers = {},
                 int64_t timestamp_ms = 0, uint64_t cookie = 0);

  // Serves delivery reports that are ready, waiting up to `timeout` for the first.
  void Poll(std::chrono::milliseconds timeout);

  // Waits until all queued messages are delivered or failed. Returns the first delivery error
  // since the previous Flush, or Unavailable if messages remain after `timeout`.
  Status Flush(std::chrono::milliseconds timeout);

  Status InitTransactions(std::chrono::milliseconds timeout);
  Status BeginTransaction();
  // Flushes, then commits everything produced since BeginTransaction atomically.
  Status CommitTransaction(std::chrono::milliseconds timeout);
  Status AbortTransaction(std::chrono::milliseconds timeout);

  // Messages acknowledged by the broker since creation.
  int64_t delivered_count() const;

 private:
  Producer() = default;
  static void OnDelivery(rd_kafka_t* handle, const rd_kafka_message_t* message, void* opaque);

  HandlePtr handle_;
  DeliveryCallback on_delivery_;
  mutable std::mutex mutex_;
  Status first_error_;
  int64_t delivered_ = 0;
};

}  // namespace tributary::kafka
