// Herder: a worker's control loop (Kafka Connect's "herder") and the REST API's view of the
// cluster (connectrest::WorkerControl). A distributed worker's herder works on Kafka-backed
// stores and the worker group; a standalone worker's on memory stores, the offset file and
// SoleMember.
//
// Every Tick it reads what changed in the stores (configs, statuses), serves the membership,
// and reconciles: the tasks it owns (Membership) whose connector's target state is STARTED
// run here; tasks it no longer owns, or that are paused, stopped, deleted
// or reconfigured, stop; restart requests restart what they name. Then it runs one round of
// the Worker and reports every change of state (RUNNING, PAUSED, STOPPED, FAILED with its
// trace) to the status store. REST calls never touch tasks: they write the config store and
// every worker, this one included, acts on what it reads back.
//
// Thread-safety: Tick and Shutdown from the loop thread; the WorkerControl methods from any
// thread (they use only the thread-safe stores and const state).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "connect/plugins.h"
#include "connectrest/worker_control.h"
#include "runtime/config_store.h"
#include "runtime/membership.h"
#include "runtime/source_offset_store.h"
#include "runtime/status_store.h"
#include "runtime/worker.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

class Herder : public connectrest::WorkerControl {
 public:
  struct Parts {
    const WorkerConfig* worker_config = nullptr;
    const connect::PluginRegistry* plugins = nullptr;
    ConfigStore* configs = nullptr;
    StatusStore* statuses = nullptr;
    SourceOffsetStore* offsets = nullptr;
    Worker* worker = nullptr;
    std::string cluster_id;  // the Kafka cluster's id, or a standalone worker's own
    // Nobody could restart a failed task (a standalone worker without the REST API): a failed
    // task stops the worker. Embedded mode stops it anyway (Worker::must_stop).
    bool stop_on_task_failure = false;
  };
  explicit Herder(Parts parts) : p_(std::move(parts)) {}

  // Set once the REST listener is bound (its address is the worker's id) and before Tick.
  void SetWorkerId(std::string id) {
    std::lock_guard lock(worker_id_mutex_);
    worker_id_ = std::move(id);
  }
  // Which tasks are this worker's; set before the first Tick.
  void SetMembership(Membership* membership) { group_ = membership; }

  // One round of the loop above; *any tells whether a source returned records. An error is
  // the worker's own (it cannot reach Kafka, save offsets or deliver records), or a task's
  // with stop_on_task_failure or Worker::must_stop: the caller stops the worker.
  Status Tick(bool* any);
  // Stops every task, commits what is durable and leaves the group.
  Status Shutdown();

  // connectrest::WorkerControl
  std::string WorkerId() const override {
    std::lock_guard lock(worker_id_mutex_);
    return worker_id_;
  }
  std::string ClusterId() const override { return p_.cluster_id; }
  std::vector<std::string> ListConnectors() override;
  Result<connectrest::ConnectorInfo> GetConnector(const std::string& name) override;
  Result<connectrest::ConnectorState> GetState(const std::string& name) override;
  Result<connectrest::ConnectorInfo> CreateConnector(
      const std::string& name, std::map<std::string, std::string> config) override;
  Result<connectrest::ConnectorInfo> PutConnectorConfig(const std::string& name,
                                                        std::map<std::string, std::string> config,
                                                        bool* created) override;
  Status DeleteConnector(const std::string& name) override;
  Status PauseConnector(const std::string& name) override;
  Status ResumeConnector(const std::string& name) override;
  Status StopConnector(const std::string& name) override;
  Status RestartConnector(const std::string& name, bool include_tasks, bool only_failed) override;
  Status RestartTask(const std::string& name, int task_id) override;
  Result<nlohmann::json> GetOffsets(const std::string& name) override;
  std::vector<connect::PluginRegistry::PluginInfo> ListPlugins() override;
  Result<nlohmann::json> ValidateConfig(const std::string& plugin_class,
                                        const std::map<std::string, std::string>& config) override;
  Result<nlohmann::json> PluginConfig(const std::string& plugin_class) override;

 private:
  using TaskKey = std::pair<std::string, int>;

  Result<StoredConnector> Find(const std::string& name) const;
  Status Store(const std::string& name, std::map<std::string, std::string> config);
  connectrest::ConnectorInfo Info(const std::string& name, const StoredConnector& c) const;

  // Loop thread only.
  Status Reconcile();
  void HandleRestarts(const std::map<std::string, StoredConnector>& connectors);
  Status StartOwnedTask(const TaskKey& task, const StoredConnector& connector);
  Status Report(const std::string& connector, int task, const std::string& state,
                const std::string& trace = "");
  Status ReportConnector(const std::string& connector, const std::string& state,
                         const std::string& trace = "");

  Parts p_;
  Membership* group_ = nullptr;
  mutable std::mutex worker_id_mutex_;
  std::string worker_id_;
  // Loop thread only: the config each running task was started with, the tasks that failed
  // under their current config (not restarted until asked), and the last state reported per
  // task (-1: the connector itself), so unchanged states are not written again.
  std::map<TaskKey, std::map<std::string, std::string>> running_;
  std::map<TaskKey, std::map<std::string, std::string>> failed_;
  std::map<TaskKey, std::string> reported_;
};

}  // namespace tributary::runtime
