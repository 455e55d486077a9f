#include "kafka/admin.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace tributary::kafka {
namespace {

struct QueueDeleter {
  void operator()(rd_kafka_queue_t* queue) const { rd_kafka_queue_destroy(queue); }
};
struct OptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* options) const {
    rd_kafka_AdminOptions_destroy(options);
  }
};
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, void (*)(rd_kafka_event_t*)>;
using OptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter>;

Status TopicResults(const rd_kafka_topic_result_t** results, size_t count,
                    std::string_view what) {
  for (size_t i = 0; i < count; ++i) {
    rd_kafka_resp_err_t error = rd_kafka_topic_result_error(results[i]);
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* message = rd_kafka_topic_result_error_string(results[i]);
      return KafkaError(error, fmt::format("Kafka admin: cannot {} topic '{}': {}", what,
                                           rd_kafka_topic_result_name(results[i]),
                                           message ? message : ""));
    }
  }
  return Status::OK();
}

OptionsPtr Options(rd_kafka_t* handle, rd_kafka_admin_op_t op, std::chrono::milliseconds timeout) {
  OptionsPtr options(rd_kafka_AdminOptions_new(handle, op));
  char error[256];
  rd_kafka_AdminOptions_set_operation_timeout(options.get(), static_cast<int>(timeout.count()),
                                              error, sizeof(error));
  rd_kafka_AdminOptions_set_request_timeout(options.get(), static_cast<int>(timeout.count()),
                                            error, sizeof(error));
  return options;
}

}  // namespace

Result<std::unique_ptr<Admin>> Admin::Create(const std::map<std::string, std::string>& config) {
  if (!config.contains("bootstrap.servers")) {
    return Status::InvalidArgument("Kafka admin: bootstrap.servers is required");
  }
  TRIB_ASSIGN_OR_RETURN(ConfPtr conf, MakeConf(config, {}, "admin client"));
  std::unique_ptr<Admin> admin(new Admin());
  rd_kafka_conf_set_opaque(conf.get(), admin.get());
  rd_kafka_conf_set_error_cb(conf.get(), &Admin::OnError);
  TRIB_ASSIGN_OR_RETURN(admin->handle_,
                        MakeHandle(RD_KAFKA_PRODUCER, std::move(conf), "admin client"));
  return admin;
}

void Admin::OnError(rd_kafka_t*, int error, const char* reason, void* opaque) {
  if (error != RD_KAFKA_RESP_ERR__AUTHENTICATION) {
    spdlog::warn("Kafka admin client: {}", reason);
    return;
  }
  auto* admin = static_cast<Admin*>(opaque);
  std::lock_guard lock(admin->error_mutex_);
  admin->authentication_error_ = reason;
}

Status Admin::AuthenticationStatus() const {
  std::lock_guard lock(error_mutex_);
  if (authentication_error_.empty()) return Status::OK();
  return Status::InvalidArgument(
      "Kafka admin client: the brokers rejected our credentials ({}); check security.protocol, "
      "sasl.mechanism and sasl.jaas.config (or sasl.username / sasl.password)",
      authentication_error_);
}

Result<EventPtr> Admin::AwaitResult(rd_kafka_queue_t* queue, rd_kafka_event_type_t type,
                                    std::chrono::milliseconds timeout, std::string_view what) {
  // Polled in slices so that a rejected login ends the wait at once.
  const auto deadline = std::chrono::steady_clock::now() + timeout + std::chrono::seconds(1);
  EventPtr event(nullptr, &rd_kafka_event_destroy);
  while (!event) {
    rd_kafka_poll(handle_.get(), 0);  // serves OnError
    TRIB_RETURN_IF_ERROR(AuthenticationStatus());
    if (std::chrono::steady_clock::now() >= deadline)
      return Status::Unavailable("Kafka admin: {} timed out", what);
    event.reset(rd_kafka_queue_poll(queue, 100));
  }
  if (rd_kafka_event_type(event.get()) != type) {
    return Status::Internal("Kafka admin: {}: unexpected event {}", what,
                            rd_kafka_event_name(event.get()));
  }
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaError(rd_kafka_event_error(event.get()),
                      fmt::format("Kafka admin: {}: {}", what,
                                  rd_kafka_event_error_string(event.get())));
  }
  return event;
}

Status Admin::CreateTopics(const std::vector<NewTopic>& topics,
                           std::chrono::milliseconds timeout) {
  std::vector<rd_kafka_NewTopic_t*> new_topics;
  auto destroy = [&] { rd_kafka_NewTopic_destroy_array(new_topics.data(), new_topics.size()); };
  char error[512];
  for (const auto& topic : topics) {
    rd_kafka_NewTopic_t* new_topic = rd_kafka_NewTopic_new(
        topic.name.c_str(), topic.partitions, topic.replication_factor, error, sizeof(error));
    if (new_topic == nullptr) {
      destroy();
      return Status::InvalidArgument("Kafka admin: topic '{}': {}", topic.name, error);
    }
    new_topics.push_back(new_topic);
    for (const auto& [key, value] : topic.configs) {
      rd_kafka_resp_err_t set_error =
          rd_kafka_NewTopic_set_config(new_topic, key.c_str(), value.c_str());
      if (set_error != RD_KAFKA_RESP_ERR_NO_ERROR) {
        destroy();
        return KafkaError(set_error,
                          fmt::format("Kafka admin: topic '{}' config '{}'", topic.name, key));
      }
    }
  }
  QueuePtr queue(rd_kafka_queue_new(handle_.get()));
  auto options = Options(handle_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout);
  rd_kafka_CreateTopics(handle_.get(), new_topics.data(), new_topics.size(), options.get(),
                        queue.get());
  destroy();
  TRIB_ASSIGN_OR_RETURN(EventPtr event, AwaitResult(queue.get(),
                                                    RD_KAFKA_EVENT_CREATETOPICS_RESULT, timeout,
                                                    "create topics"));
  size_t count = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(
      rd_kafka_event_CreateTopics_result(event.get()), &count);
  return TopicResults(results, count, "create");
}

Status Admin::DeleteTopics(const std::vector<std::string>& names,
                           std::chrono::milliseconds timeout) {
  std::vector<rd_kafka_DeleteTopic_t*> delete_topics;
  for (const auto& name : names) delete_topics.push_back(rd_kafka_DeleteTopic_new(name.c_str()));
  QueuePtr queue(rd_kafka_queue_new(handle_.get()));
  auto options = Options(handle_.get(), RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout);
  rd_kafka_DeleteTopics(handle_.get(), delete_topics.data(), delete_topics.size(), options.get(),
                        queue.get());
  rd_kafka_DeleteTopic_destroy_array(delete_topics.data(), delete_topics.size());
  TRIB_ASSIGN_OR_RETURN(EventPtr event, AwaitResult(queue.get(),
                                                    RD_KAFKA_EVENT_DELETETOPICS_RESULT, timeout,
                                                    "delete topics"));
  size_t count = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_DeleteTopics_result_topics(
      rd_kafka_event_DeleteTopics_result(event.get()), &count);
  return TopicResults(results, count, "delete");
}

Result<std::vector<TopicInfo>> Admin::ListTopics(std::chrono::milliseconds timeout) {
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t error = rd_kafka_metadata(handle_.get(), /*all_topics=*/1, nullptr,
                                                &metadata, static_cast<int>(timeout.count()));
  if (error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    TRIB_RETURN_IF_ERROR(AuthenticationStatus());
    return KafkaError(error, "Kafka admin: cannot list topics");
  }
  std::vector<TopicInfo> topics;
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    topics.push_back({metadata->topics[i].topic, metadata->topics[i].partition_cnt});
  }
  rd_kafka_metadata_destroy(metadata);
  std::sort(topics.begin(), topics.end(),
            [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
  return topics;
}

Result<std::vector<GroupMember>> Admin::DescribeConsumerGroup(const std::string& group_id,
                                                             std::chrono::milliseconds timeout) {
  QueuePtr queue(rd_kafka_queue_new(handle_.get()));
  auto options = Options(handle_.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeout);
  const char* groups[] = {group_id.c_str()};
  rd_kafka_DescribeConsumerGroups(handle_.get(), groups, 1, options.get(), queue.get());
  std::string what = fmt::format("describe consumer group '{}'", group_id);
  TRIB_ASSIGN_OR_RETURN(EventPtr event,
                        AwaitResult(queue.get(), RD_KAFKA_EVENT_DESCRIBECONSUMERGROUPS_RESULT,
                                    timeout, what));
  size_t count = 0;
  const rd_kafka_ConsumerGroupDescription_t** descriptions =
      rd_kafka_DescribeConsumerGroups_result_groups(
          rd_kafka_event_DescribeConsumerGroups_result(event.get()), &count);
  std::vector<GroupMember> members;
  for (size_t i = 0; i < count; ++i) {
    const rd_kafka_error_t* error = rd_kafka_ConsumerGroupDescription_error(descriptions[i]);
    if (error != nullptr)
      return KafkaError(rd_kafka_error_code(error),
                        fmt::format("Kafka admin: {}: {}", what, rd_kafka_error_string(error)));
    size_t member_count = rd_kafka_ConsumerGroupDescription_member_count(descriptions[i]);
    for (size_t m = 0; m < member_count; ++m) {
      const rd_kafka_MemberDescription_t* member =
          rd_kafka_ConsumerGroupDescription_member(descriptions[i], m);
      GroupMember& out = members.emplace_back();
      out.member_id = rd_kafka_MemberDescription_consumer_id(member);
      out.client_id = rd_kafka_MemberDescription_client_id(member);
      out.host = rd_kafka_MemberDescription_host(member);
      const rd_kafka_topic_partition_list_t* partitions = rd_kafka_MemberAssignment_partitions(
          rd_kafka_MemberDescription_assignment(member));
      for (int p = 0; partitions != nullptr && p < partitions->cnt; ++p)
        out.assignment.push_back({partitions->elems[p].topic, partitions->elems[p].partition, 0});
    }
  }
  return members;
}

}  // namespace tributary::kafka
