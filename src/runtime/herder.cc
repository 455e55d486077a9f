#include "runtime/herder.h"

#include <spdlog/spdlog.h>


#include "connect/config.h"
#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "runtime/connector_setup.h"
#include "runtime/connector_validation.h"

namespace tributary::runtime {

namespace {

using std::chrono::milliseconds;

Status ConnectorNotFound(const std::string& name) {
  return Status::NotFound("Connector {} not found", name);
}

std::string ReportedStateFor(const std::string& target_state) {
  return target_state == "STARTED" ? "RUNNING" : target_state;
}

}  // namespace

// ---- loop thread ----------------------------------------------------------------------

Status Herder::Tick(bool* any) {
  bool idle = running_.empty();
  int wait_ms = static_cast<int>(p_.worker_config->poll_wait_ms);
  TRIB_RETURN_IF_ERROR(p_.configs->Refresh(milliseconds(idle ? wait_ms : 0)));
  TRIB_RETURN_IF_ERROR(p_.statuses->Refresh(milliseconds(0)));
  TRIB_RETURN_IF_ERROR(group_->Poll(milliseconds(0)));
  TRIB_RETURN_IF_ERROR(Reconcile());
  TRIB_RETURN_IF_ERROR(p_.worker->Iterate(wait_ms, any));
  for (auto& failure : p_.worker->TakeFailures()) {
    if (p_.stop_on_task_failure || p_.worker->must_stop()) return failure.error;
    TaskKey key{failure.connector, failure.task_id};
    auto it = running_.find(key);
    if (it != running_.end()) {
      failed_[key] = std::move(it->second);
      running_.erase(it);
    }
    TRIB_RETURN_IF_ERROR(Report(failure.connector, failure.task_id, "FAILED",
                                failure.error.message()));
  }
  return Status::OK();
}

void Herder::HandleRestarts(const std::map<std::string, StoredConnector>& connectors) {
  for (const auto& request : p_.configs->TakeRestartRequests()) {
    auto c = connectors.find(request.connector);
    if (c == connectors.end()) continue;
    // The connector's own state is re-reported by its owner below; forget it so it is.
    reported_.erase({request.connector, -1});
    if (!request.include_tasks) continue;
    for (int task = 0; task < c->second.task_count; ++task) {
      if (request.task >= 0 && task != request.task) continue;
      TaskKey key{request.connector, task};
      bool failed = failed_.count(key) > 0;
      if (request.only_failed && !failed) continue;
      failed_.erase(key);
      if (running_.erase(key)) {
        p_.worker->StopTask(key.first, key.second);
        reported_.erase(key);  // restarted below, and reported RUNNING again
      }
    }
  }
}

Status Herder::StartOwnedTask(const TaskKey& task, const StoredConnector& connector) {
  // A source resumes from the newest offsets, whichever worker committed them.
  TRIB_RETURN_IF_ERROR(p_.offsets->CatchUp());
  Status started = p_.worker->StartTask(connect::Config(connector.config), task.second);
  if (!started.ok()) {
    if (p_.stop_on_task_failure) return started;
    failed_[task] = connector.config;
    return Report(task.first, task.second, "FAILED", started.message());
  }
  running_[task] = connector.config;
  return Report(task.first, task.second, "RUNNING");
}

Status Herder::Reconcile() {
  const auto connectors = p_.configs->Connectors();
  HandleRestarts(connectors);

  // Tasks of deleted connectors stop; their statuses were removed by the deleting call.
  for (auto it = running_.begin(); it != running_.end();) {
    if (connectors.count(it->first.first)) {
      ++it;
      continue;
    }
    p_.worker->StopTask(it->first.first, it->first.second);
    it = running_.erase(it);
  }
  std::erase_if(failed_, [&](const auto& f) { return !connectors.count(f.first.first); });
  std::erase_if(reported_, [&](const auto& r) { return !connectors.count(r.first.first); });

  // Work units in one order on every worker: connectors by name, then task number.
  size_t index = 0;
  for (const auto& [name, connector] : connectors) {
    for (int task = 0; task < connector.task_count; ++task, ++index) {
      TaskKey key{name, task};
      bool owned = group_->Owns(index);
      if (owned && task == 0)
        TRIB_RETURN_IF_ERROR(ReportConnector(name, ReportedStateFor(connector.target_state)));
      bool should_run = owned && connector.target_state == "STARTED";
      auto running = running_.find(key);
      if (running != running_.end() && (!should_run || running->second != connector.config)) {
        p_.worker->StopTask(name, task);
        running_.erase(running);
        running = running_.end();
      }
      auto failed = failed_.find(key);
      if (failed != failed_.end() && (!owned || failed->second != connector.config)) {
        failed_.erase(failed);
        failed = failed_.end();
      }
      if (!owned) {
        reported_.erase(key);  // the new owner reports it
        continue;
      }
      if (!should_run) {
        TRIB_RETURN_IF_ERROR(Report(name, task, ReportedStateFor(connector.target_state)));
        continue;
      }
      if (running == running_.end() && failed == failed_.end())
        TRIB_RETURN_IF_ERROR(StartOwnedTask(key, connector));
    }
  }
  return Status::OK();
}

Status Herder::Report(const std::string& connector, int task, const std::string& state,
                                 const std::string& trace) {
  TaskKey key{connector, task};
  std::string summary = state + "\n" + trace;
  auto it = reported_.find(key);
  if (it != reported_.end() && it->second == summary) return Status::OK();
  reported_[key] = summary;
  ReportedState reported{state, trace, WorkerId(), group_->generation()};
  if (task < 0) return p_.statuses->PutConnectorState(connector, reported);
  spdlog::info("connector '{}' task {}: {}{}", connector, task, state,
               trace.empty() ? "" : " (" + trace + ")");
  return p_.statuses->PutTaskState(connector, task, reported);
}

Status Herder::ReportConnector(const std::string& connector, const std::string& state,
                                          const std::string& trace) {
  return Report(connector, -1, state, trace);
}

Status Herder::Shutdown() {
  // Commit before stopping: with the sinks gone, nothing would hold the sources' offsets
  // back in embedded mode.
  Status s = p_.worker->DrainAndCommit();
  for (const auto& [key, config] : running_) p_.worker->StopTask(key.first, key.second);
  running_.clear();
  group_->Leave();
  return s;
}

// ---- REST threads -----------------------------------------------------------------------

Result<StoredConnector> Herder::Find(const std::string& name) const {
  auto connectors = p_.configs->Connectors();
  auto it = connectors.find(name);
  if (it == connectors.end()) return ConnectorNotFound(name);
  return it->second;
}

connectrest::ConnectorInfo Herder::Info(const std::string& name,
                                                   const StoredConnector& c) const {
  connectrest::ConnectorInfo info;
  info.name = name;
  connect::Config config(c.config);
  auto kind = ClassifyConnector(config, *p_.plugins);
  info.type = !kind.ok() ? "unknown" : *kind == ConnectorKind::kSource ? "source" : "sink";
  info.config = config.Redacted();
  for (int task = 0; task < c.task_count; ++task) info.task_ids.push_back(task);
  return info;
}

std::vector<std::string> Herder::ListConnectors() {
  std::vector<std::string> names;
  for (const auto& [name, c] : p_.configs->Connectors()) names.push_back(name);
  return names;
}

Result<connectrest::ConnectorInfo> Herder::GetConnector(const std::string& name) {
  TRIB_ASSIGN_OR_RETURN(StoredConnector c, Find(name));
  return Info(name, c);
}

Result<connectrest::ConnectorState> Herder::GetState(const std::string& name) {
  TRIB_ASSIGN_OR_RETURN(StoredConnector c, Find(name));
  connectrest::ConnectorState state;
  state.name = name;
  state.type = Info(name, c).type;
  if (auto reported = p_.statuses->ConnectorState(name)) {
    state.state = reported->state;
    state.worker_id = reported->worker_id;
    state.trace = reported->trace;
  }
  auto tasks = p_.statuses->TaskStates(name);
  for (int task = 0; task < c.task_count; ++task) {
    connectrest::TaskState t;
    t.id = task;
    if (auto it = tasks.find(task); it != tasks.end()) {
      t.state = it->second.state;
      t.worker_id = it->second.worker_id;
      t.trace = it->second.trace;
    }
    state.tasks.push_back(std::move(t));
  }
  return state;
}

Status Herder::Store(const std::string& name,
                                std::map<std::string, std::string> config) {
  if (auto it = config.find("name"); it != config.end() && it->second != name)
    return Status::InvalidArgument(
        "Connector name configuration ({}) doesn't match connector name in the URL ({})",
        it->second, name);
  config["name"] = name;
  TRIB_RETURN_IF_ERROR(CheckConnectorConfig(*p_.worker_config, *p_.plugins, config));
  return p_.configs->PutConnector(name, config, TaskCount(*p_.plugins, config));
}

Result<connectrest::ConnectorInfo> Herder::CreateConnector(
    const std::string& name, std::map<std::string, std::string> config) {
  if (Find(name).ok()) return Status::AlreadyExists("Connector {} already exists", name);
  TRIB_RETURN_IF_ERROR(Store(name, std::move(config)));
  return GetConnector(name);
}

Result<connectrest::ConnectorInfo> Herder::PutConnectorConfig(
    const std::string& name, std::map<std::string, std::string> config, bool* created) {
  *created = !Find(name).ok();
  TRIB_RETURN_IF_ERROR(Store(name, std::move(config)));
  return GetConnector(name);
}

Status Herder::DeleteConnector(const std::string& name) {
  TRIB_ASSIGN_OR_RETURN(StoredConnector c, Find(name));
  TRIB_RETURN_IF_ERROR(p_.configs->RemoveConnector(name));
  return p_.statuses->Remove(name, c.task_count);
}

Status Herder::PauseConnector(const std::string& name) {
  TRIB_RETURN_IF_ERROR(Find(name).status());
  return p_.configs->PutTargetState(name, "PAUSED");
}

Status Herder::ResumeConnector(const std::string& name) {
  TRIB_RETURN_IF_ERROR(Find(name).status());
  return p_.configs->PutTargetState(name, "STARTED");
}

Status Herder::StopConnector(const std::string& name) {
  TRIB_RETURN_IF_ERROR(Find(name).status());
  return p_.configs->PutTargetState(name, "STOPPED");
}

Status Herder::RestartConnector(const std::string& name, bool include_tasks,
                                           bool only_failed) {
  TRIB_RETURN_IF_ERROR(Find(name).status());
  return p_.configs->RequestRestart({name, include_tasks, only_failed, -1});
}

Status Herder::RestartTask(const std::string& name, int task_id) {
  TRIB_ASSIGN_OR_RETURN(StoredConnector c, Find(name));
  if (task_id < 0 || task_id >= c.task_count)
    return Status::NotFound("Task {}-{} not found", name, task_id);
  return p_.configs->RequestRestart({name, true, false, task_id});
}

Result<nlohmann::json> Herder::GetOffsets(const std::string& name) {
  TRIB_ASSIGN_OR_RETURN(StoredConnector c, Find(name));
  nlohmann::json offsets = nlohmann::json::array();
  if (Info(name, c).type == "source" || !p_.worker_config->bootstrap_servers) {
    for (const auto& [partition, offset] : p_.offsets->SourceOffsets(name))
      offsets.push_back({{"partition", nlohmann::json::parse(partition)}, {"offset", offset}});
    return nlohmann::json{{"offsets", offsets}};
  }
  // A sink's offsets are its consumer group's committed offsets.
  TRIB_ASSIGN_OR_RETURN(auto admin, kafka::Admin::Create(p_.worker_config->kafka_clients.admin));
  TRIB_ASSIGN_OR_RETURN(auto topics, admin->ListTopics(milliseconds(10000)));
  TRIB_ASSIGN_OR_RETURN(auto subscription,
                        TopicSubscription::FromConfig(connect::Config(c.config), name));
  std::vector<kafka::TopicPartitionOffset> partitions;
  for (const auto& t : topics) {
    if (!subscription.Matches(t.name)) continue;
    for (int32_t p = 0; p < t.partitions; ++p) partitions.push_back({t.name, p, 0});
  }
  const WorkerConfig& worker = *p_.worker_config;
  TRIB_ASSIGN_OR_RETURN(auto client, ConnectorClientConfig(worker, connect::Config(c.config),
                                                           "consumer",
                                                           worker.kafka_clients.consumer));
  client["group.id"] = "connect-" + name;
  TRIB_ASSIGN_OR_RETURN(auto consumer, kafka::Consumer::Create(client));
  TRIB_ASSIGN_OR_RETURN(auto committed, consumer->Committed(partitions, milliseconds(10000)));
  for (const auto& tp : committed) {
    if (tp.offset < 0) continue;
    offsets.push_back({{"partition", {{"kafka_topic", tp.topic}, {"kafka_partition", tp.partition}}},
                       {"offset", {{"kafka_offset", tp.offset}}}});
  }
  return nlohmann::json{{"offsets", offsets}};
}

std::vector<connect::PluginRegistry::PluginInfo> Herder::ListPlugins() {
  return p_.plugins->List();
}

Result<nlohmann::json> Herder::ValidateConfig(
    const std::string& plugin_class, const std::map<std::string, std::string>& config) {
  return ValidateConnectorConfig(*p_.worker_config, *p_.plugins, plugin_class, config);
}

Result<nlohmann::json> Herder::PluginConfig(const std::string& plugin_class) {
  return PluginConfigDefinitions(*p_.plugins, plugin_class);
}

}  // namespace tributary::runtime
