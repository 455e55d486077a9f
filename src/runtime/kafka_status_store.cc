#include "runtime/kafka_status_store.h"

#include <nlohmann/json.hpp>

#include "runtime/connector_task_key.h"

namespace tributary::runtime {

namespace {

using std::chrono::milliseconds;
using Json = nlohmann::json;

constexpr std::string_view kConnectorPrefix = "status-connector-";
constexpr std::string_view kTaskPrefix = "status-task-";

std::string ConnectorKey(const std::string& connector) {
  return std::string(kConnectorPrefix) + connector;
}
std::string TaskKey(const std::string& connector, int task) {
  return fmt::format("{}{}-{}", kTaskPrefix, connector, task);
}

}  // namespace

Result<std::unique_ptr<KafkaStatusStore>> KafkaStatusStore::Open(KafkaLog::Options options) {
  std::unique_ptr<KafkaStatusStore> store(new KafkaStatusStore());
  KafkaStatusStore* self = store.get();
  TRIB_ASSIGN_OR_RETURN(store->log_, KafkaLog::OpenAndRead(std::move(options),
                                                           [self](const kafka::ConsumedMessage& m) {
                                                             self->Apply(m);
                                                           }));
  return store;
}

void KafkaStatusStore::Store(const std::string& key, const std::optional<ReportedState>& state) {
  std::lock_guard lock(mutex_);
  if (key.starts_with(kConnectorPrefix)) {
    std::string name = key.substr(kConnectorPrefix.size());
    if (state) connectors_[name] = *state;
    else connectors_.erase(name);
    return;
  }
  if (!key.starts_with(kTaskPrefix)) return;
  auto parsed = ParseConnectorTask(std::string_view(key).substr(kTaskPrefix.size()));
  if (!parsed) return;
  const auto& [name, task] = *parsed;
  if (state) {
    tasks_[name][task] = *state;
  } else if (auto it = tasks_.find(name); it != tasks_.end()) {
    it->second.erase(task);
    if (it->second.empty()) tasks_.erase(it);
  }
}

void KafkaStatusStore::Apply(const kafka::ConsumedMessage& m) {
  if (!m.key) return;
  if (!m.value) {
    Store(*m.key, std::nullopt);
    return;
  }
  Json value = Json::parse(*m.value, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) return;
  ReportedState state;
  state.state = value.value("state", std::string("UNASSIGNED"));
  if (value.contains("trace") && value["trace"].is_string()) state.trace = value["trace"];
  state.worker_id = value.value("worker_id", std::string());
  state.generation = value.value("generation", int64_t{0});
  Store(*m.key, state);
}

Status KafkaStatusStore::Write(const std::string& key, const std::optional<ReportedState>& state) {
  std::optional<std::string> value;
  if (state) {
    Json json{{"state", state->state},
              {"trace", state->trace.empty() ? Json() : Json(state->trace)},
              {"worker_id", state->worker_id},
              {"generation", state->generation}};
    value = json.dump();
  }
  Store(key, state);
  TRIB_RETURN_IF_ERROR(log_->Append(key, value));
  return log_->Flush();
}

Status KafkaStatusStore::PutConnectorState(const std::string& connector,
                                           const ReportedState& state) {
  return Write(ConnectorKey(connector), state);
}

Status KafkaStatusStore::PutTaskState(const std::string& connector, int task,
                                      const ReportedState& state) {
  return Write(TaskKey(connector, task), state);
}

Status KafkaStatusStore::Remove(const std::string& connector, int task_count) {
  TRIB_RETURN_IF_ERROR(Write(ConnectorKey(connector), std::nullopt));
  for (int task = 0; task < task_count; ++task)
    TRIB_RETURN_IF_ERROR(Write(TaskKey(connector, task), std::nullopt));
  return Status::OK();
}

std::optional<ReportedState> KafkaStatusStore::ConnectorState(const std::string& connector) const {
  std::lock_guard lock(mutex_);
  auto it = connectors_.find(connector);
  if (it == connectors_.end()) return std::nullopt;
  return it->second;
}

std::map<int, ReportedState> KafkaStatusStore::TaskStates(const std::string& connector) const {
  std::lock_guard lock(mutex_);
  auto it = tasks_.find(connector);
  if (it == tasks_.end()) return {};
  return it->second;
}

Status KafkaStatusStore::Refresh(milliseconds wait) { return log_->Poll(wait); }

}  // namespace tributary::runtime
