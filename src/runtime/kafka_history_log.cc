#include "runtime/kafka_history_log.h"

namespace tributary::runtime {

using std::chrono::milliseconds;

const std::map<std::string, std::string>& KafkaHistoryLog::TopicConfigs() {
  static const std::map<std::string, std::string> configs{
      {"cleanup.policy", "delete"}, {"retention.ms", "-1"}, {"retention.bytes", "-1"}};
  return configs;
}

Result<std::unique_ptr<KafkaHistoryLog>> KafkaHistoryLog::Open(const KafkaClientConfigs& clients,
                                                               const std::string& topic) {
  std::unique_ptr<KafkaHistoryLog> history(new KafkaHistoryLog());
  KafkaLog::Options options;
  options.clients = clients;
  options.topic = topic;
  options.topic_key = "schema.history.internal.kafka.topic";
  options.key_owner = "connector";
  options.partitions = 1;
  options.replication_factor = -1;
  options.topic_configs = TopicConfigs();
  auto* entries = &history->entries_;
  TRIB_ASSIGN_OR_RETURN(
      history->log_, KafkaLog::Open(std::move(options), [entries](const kafka::ConsumedMessage& m) {
        if (m.value) entries->push_back(*m.value);
      }));
  if (history->log_->partitions() != 1) {
    return Status::InvalidArgument(
        "the schema history topic '{}' has {} partitions; it needs exactly one so that its "
        "entries keep their order. Set schema.history.internal.kafka.topic to a new topic "
        "(Tributary creates it with one partition)",
        topic, history->log_->partitions());
  }
  return history;
}

Result<std::vector<std::string>> KafkaHistoryLog::ReadAll() {
  TRIB_RETURN_IF_ERROR(log_->ReadToEnd(milliseconds(60000)));
  return entries_;
}

Status KafkaHistoryLog::Append(const std::vector<std::string>& entries) {
  for (const auto& entry : entries) TRIB_RETURN_IF_ERROR(log_->Append({}, entry, 0));
  return log_->Flush();
}

}  // namespace tributary::runtime
