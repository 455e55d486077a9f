#include "runtime/kafka_config_store.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "runtime/connector_task_key.h"

namespace tributary::runtime {

namespace {

using std::chrono::milliseconds;
using Json = nlohmann::json;

constexpr std::string_view kConnectorPrefix = "connector-";
constexpr std::string_view kTaskPrefix = "task-";
constexpr std::string_view kCommitPrefix = "commit-";
constexpr std::string_view kTargetStatePrefix = "target-state-";
constexpr std::string_view kRestartPrefix = "restart-connector-";
constexpr std::string_view kRestartTaskPrefix = "restart-task-";

bool TakePrefix(std::string_view key, std::string_view prefix, std::string* rest) {
  if (!key.starts_with(prefix)) return false;
  *rest = std::string(key.substr(prefix.size()));
  return true;
}

std::optional<Json> ParseValue(const kafka::ConsumedMessage& m) {
  if (!m.value) return std::nullopt;
  Json value = Json::parse(*m.value, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) {
    spdlog::warn("config topic: ignoring record '{}' at offset {}: its value is not a JSON object",
                 m.key.value_or(""), m.offset);
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<std::unique_ptr<KafkaConfigStore>> KafkaConfigStore::Open(KafkaLog::Options options) {
  std::unique_ptr<KafkaConfigStore> store(new KafkaConfigStore());
  options.partitions = 1;
  KafkaConfigStore* self = store.get();
  std::string key = options.topic_key;
  TRIB_ASSIGN_OR_RETURN(store->log_, KafkaLog::OpenAndRead(std::move(options),
                                                           [self](const kafka::ConsumedMessage& m) {
                                                             self->Apply(m);
                                                           }));
  if (store->log_->partitions() != 1)
    return Status::InvalidArgument(
        "worker key '{}': topic '{}' has {} partitions; the config topic must have exactly one "
        "so that every worker reads changes in the same order (delete it or name another)",
        key, store->log_->topic(), store->log_->partitions());
  store->replay_restarts_ = true;
  return store;
}

void KafkaConfigStore::Apply(const kafka::ConsumedMessage& m) {
  if (!m.key) return;
  std::string name;
  std::optional<Json> value = ParseValue(m);
  std::lock_guard lock(mutex_);
  if (TakePrefix(*m.key, kConnectorPrefix, &name)) {
    if (!value) {
      connectors_.erase(name);
      return;
    }
    StoredConnector& c = connectors_[name];
    c.config.clear();
    const Json properties = value->value("properties", Json::object());
    for (const auto& [k, v] : properties.items())
      if (v.is_string()) c.config[k] = v.get<std::string>();
  } else if (TakePrefix(*m.key, kCommitPrefix, &name)) {
    auto it = connectors_.find(name);
    if (it != connectors_.end() && value) it->second.task_count = value->value("tasks", 1);
  } else if (TakePrefix(*m.key, kTargetStatePrefix, &name)) {
    auto it = connectors_.find(name);
    if (it == connectors_.end()) return;
    it->second.target_state =
        value ? value->value("state.v2", value->value("state", std::string("STARTED")))
              : "STARTED";
  } else if (TakePrefix(*m.key, kRestartPrefix, &name)) {
    if (!replay_restarts_ || !value) return;
    restarts_.push_back(
        {name, value->value("include-tasks", false), value->value("only-failed", false)});
  } else if (TakePrefix(*m.key, kRestartTaskPrefix, &name)) {
    auto task = ParseConnectorTask(name);
    if (!replay_restarts_ || !task) return;
    restarts_.push_back({task->connector, true, false, task->task});
  }
  // task-<name>-<n> records carry each task's config; every task here runs the connector's.
}

Status KafkaConfigStore::WriteAndWait(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& records) {
  for (const auto& [key, value] : records) TRIB_RETURN_IF_ERROR(log_->Append(key, value));
  TRIB_RETURN_IF_ERROR(log_->Flush());
  std::unique_lock lock(mutex_);
  int64_t generation = ++sync_requested_;
  if (!read_back_.wait_for(lock, std::chrono::seconds(30),
                           [&] { return sync_done_ >= generation; }))
    return Status::Unavailable(
        "the change is written to topic '{}' but this worker has not read it back within 30 s; "
        "it takes effect once the worker catches up",
        log_->topic());
  return Status::OK();
}

Status KafkaConfigStore::PutConnector(const std::string& name,
                                      const std::map<std::string, std::string>& config,
                                      int task_count) {
  Json properties = Json::object();
  for (const auto& [k, v] : config) properties[k] = v;
  std::string value = Json{{"properties", properties}}.dump();
  std::vector<std::pair<std::string, std::optional<std::string>>> records;
  records.emplace_back(std::string(kConnectorPrefix) + name, value);
  for (int task = 0; task < task_count; ++task)
    records.emplace_back(fmt::format("{}{}-{}", kTaskPrefix, name, task), value);
  records.emplace_back(std::string(kCommitPrefix) + name,
                       Json{{"tasks", task_count}}.dump());
  return WriteAndWait(records);
}

Status KafkaConfigStore::RemoveConnector(const std::string& name) {
  return WriteAndWait({{std::string(kConnectorPrefix) + name, std::nullopt},
                       {std::string(kTargetStatePrefix) + name, std::nullopt}});
}

Status KafkaConfigStore::PutTargetState(const std::string& name, const std::string& state) {
  // Workers that only know "state" read STOPPED as PAUSED, as Kafka Connect writes it.
  Json value{{"state", state == "STOPPED" ? "PAUSED" : state}, {"state.v2", state}};
  return WriteAndWait({{std::string(kTargetStatePrefix) + name, value.dump()}});
}

Status KafkaConfigStore::RequestRestart(const RestartRequest& request) {
  if (request.task >= 0)
    return WriteAndWait(
        {{fmt::format("{}{}-{}", kRestartTaskPrefix, request.connector, request.task), "{}"}});
  Json value{{"include-tasks", request.include_tasks}, {"only-failed", request.only_failed}};
  return WriteAndWait({{std::string(kRestartPrefix) + request.connector, value.dump()}});
}

Status KafkaConfigStore::Refresh(milliseconds wait) {
  int64_t wanted;
  {
    std::lock_guard lock(mutex_);
    wanted = sync_requested_;
  }
  if (wanted > sync_done_) {
    TRIB_RETURN_IF_ERROR(log_->ReadToEnd(milliseconds(30000)));
    std::lock_guard lock(mutex_);
    sync_done_ = wanted;
    read_back_.notify_all();
    return Status::OK();
  }
  return log_->Poll(wait);
}

std::map<std::string, StoredConnector> KafkaConfigStore::Connectors() const {
  std::lock_guard lock(mutex_);
  return connectors_;
}

std::vector<RestartRequest> KafkaConfigStore::TakeRestartRequests() {
  std::lock_guard lock(mutex_);
  std::vector<RestartRequest> out;
  out.swap(restarts_);
  return out;
}

}  // namespace tributary::runtime
