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
#include <set>
#include <string>
#include <utility>
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
  // none arrived. Reaching the end of a partition is not an error. When the group takes
  // partitions away during the call, the messages read before are dropped (the next owner
  // reads them again from the committed offsets) and revocations() grows. A subscribed topic
  // that does not exist yet is waited for (one warning), as Kafka's consumer does.
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

  // How many times the group took this member's partitions away (eager rebalancing revokes
  // all of them, even those it gives back). A caller holding uncommitted work for its
  // partitions drops it when this changes: reading resumes at the committed offsets.
  int64_t revocations() const { return revocations_; }

  // The offset after the last message of (topic, partition) on the broker.
  Result<int64_t> HighWatermark(const std::string& topic, int32_t partition,
                                std::chrono::milliseconds timeout);

  // The next offset this consumer will read from an assigned (topic, partition), past any
  // transaction markers it skipped; kOffsetInvalid before it read anything there.
  Result<int64_t> Position(const std::string& topic, int32_t partition);

  // The id of the Kafka cluster the consumer talks to.
  Result<std::string> ClusterId(std::chrono::milliseconds timeout);

  // Leaves the group; later calls fail.
  Status Close();

 private:
  Consumer() = default;
  static void OnRebalance(rd_kafka_t* handle, rd_kafka_resp_err_t error,
                          rd_kafka_topic_partition_list_t* partitions, void* opaque);
  HandlePtr handle_;
  int64_t revocations_ = 0;
  std::set<std::string> missing_topics_warned_;  // each warned about once
  Status pending_error_;  // met after messages the last Poll returned; the next Poll reports it
  bool closed_ = false;
};

}  // namespace tributary::kafka
