// Consumer: a librdkafka group consumer (group.id required). Offsets are committed only when
// the caller says so (enable.auto.commit defaults to false), so a sink commits exactly what it
// has made durable; a group without committed offsets starts at the earliest offset
// (auto.offset.reset defaults to earliest).
//
// Close (or destroy) a consumer before deleting the topics it reads: librdkafka 2.0 (Debian 12)
// can hang in destroy when an assigned partition disappears under it.
//
// Thread-safety: one thread at a time (librdkafka consumers are not meant to be polled from
// several threads).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kafka/client_config.h"
#include "kafka/message.h"

namespace tributary::kafka {

class Consumer {
 public:
  // `config`: librdkafka / Kafka consumer properties; bootstrap.servers and group.id required.
  static Result<std::unique_ptr<Consumer>> Create(const std::map<std::string, std::string>& config);
  // Leaves the group (Close) if the caller did not.
  ~Consumer();

  // Joins the group for `topics`; a name starting with '^' is a regular expression.
  Status Subscribe(const std::vector<std::string>& topics);
  // Reads exactly these partitions from these offsets, without group rebalancing.
  Status Assign(const std::vector<TopicPartitionOffset>& partitions);

  // Up to `max_messages` messages, waiting at most `timeout` for the first; an empty batch when
  // none arrived. Reaching the end of a partition is not an error.
  Result<std::vector<ConsumedMessage>> Poll(size_t max_messages, std::chrono::milliseconds timeout);

  // Commits synchronously; each offset is the next one the group should read.
  Status Commit(const std::vector<TopicPartitionOffset>& offsets);
  // The group's committed offsets for `partitions` (kOffsetInvalid where none).
  Result<std::vector<TopicPartitionOffset>> Committed(
      const std::vector<TopicPartitionOffset>& partitions, std::chrono::milliseconds timeout);

  // The partitions this consumer reads now (its share of the group after the latest
  // rebalance, or what Assign set), sorted by topic and partition; offsets are not filled.
  // Changes only inside Poll, when the group rebalances.
  Result<std::vector<TopicPartitionOffset>> Assignment();

  // Leaves the group; later calls fail.
  Status Close();

 private:
  Consumer() = default;
  HandlePtr handle_;
  bool closed_ = false;
};

}  // namespace tributary::kafka
