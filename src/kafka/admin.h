// Admin: topic administration over librdkafka's Admin API.
//
// Thread-safety: safe to call from several threads at once.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kafka/client_config.h"
#include "kafka/message.h"

namespace tributary::kafka {

struct NewTopic {
  std::string name;
  int partitions = 1;
  int replication_factor = 1;
  std::map<std::string, std::string> configs;  // e.g. cleanup.policy=compact
};

struct TopicInfo {
  std::string name;
  int partitions = 0;
};

// One member of a consumer group as the group coordinator describes it.
struct GroupMember {
  std::string member_id;
  std::string client_id;  // the member's client.id
  std::string host;
  std::vector<TopicPartitionOffset> assignment;  // offsets not filled
};

class Admin {
 public:
  // `config`: librdkafka client properties; bootstrap.servers is required. Every call fails
  // at once, naming the credential keys, when the brokers reject our credentials, instead of
  // waiting out its timeout.
  static Result<std::unique_ptr<Admin>> Create(const std::map<std::string, std::string>& config);

  // Creates every topic; the first failure is returned (AlreadyExists when a topic exists,
  // which callers that "ensure" topics may treat as success).
  Status CreateTopics(const std::vector<NewTopic>& topics, std::chrono::milliseconds timeout);
  Status DeleteTopics(const std::vector<std::string>& names, std::chrono::milliseconds timeout);
  // All topics the cluster reports, internal ones included, sorted by name.
  Result<std::vector<TopicInfo>> ListTopics(std::chrono::milliseconds timeout);
  // The current members of consumer group `group_id` and their partitions (empty while the
  // group is empty or rebalancing).
  Result<std::vector<GroupMember>> DescribeConsumerGroup(const std::string& group_id,
                                                        std::chrono::milliseconds timeout);

 private:
  Admin() = default;
  static void OnError(rd_kafka_t* handle, int error, const char* reason, void* opaque);
  // Waits for the admin result event of `type` on `queue`.
  Result<std::unique_ptr<rd_kafka_event_t, void (*)(rd_kafka_event_t*)>> AwaitResult(
      rd_kafka_queue_t* queue, rd_kafka_event_type_t type, std::chrono::milliseconds timeout,
      std::string_view what);
  // InvalidArgument naming the credential keys once the brokers rejected them, else OK.
  Status AuthenticationStatus() const;

  HandlePtr handle_;
  mutable std::mutex error_mutex_;
  std::string authentication_error_;  // guarded by error_mutex_
};

}  // namespace tributary::kafka
