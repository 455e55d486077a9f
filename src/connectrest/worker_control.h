// WorkerControl: what the Kafka Connect REST API (connectrest/connect_rest_server.h) asks of a
// worker, whether embedded (standalone) or distributed. The REST layer maps these calls to
// Kafka Connect's paths, bodies and status codes; workers implement them.
//
// Thread-safety: implementations must accept calls from the REST server's threads while the
// worker runs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/plugins.h"

namespace tributary::connectrest {

// Kafka Connect's states: UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING.
struct TaskState {
  int id = 0;
  std::string state = "UNASSIGNED";
  std::string worker_id;
  std::string trace;  // set when FAILED
};

struct ConnectorState {
  std::string name;
  std::string type;  // "source" or "sink"
  std::string state = "UNASSIGNED";
  std::string worker_id;
  std::string trace;
  std::vector<TaskState> tasks;
};

struct ConnectorInfo {
  std::string name;
  std::string type;                           // "source" or "sink"
  std::map<std::string, std::string> config;  // secrets redacted by the implementation
  std::vector<int> task_ids;
};

class WorkerControl {
 public:
  virtual ~WorkerControl() = default;

  // "host:port" of this worker, and Kafka's cluster id (or a stable local id when embedded).
  virtual std::string WorkerId() const = 0;
  virtual std::string ClusterId() const = 0;

  virtual std::vector<std::string> ListConnectors() = 0;
  // NotFound when the connector does not exist (REST 404).
  virtual Result<ConnectorInfo> GetConnector(const std::string& name) = 0;
  virtual Result<ConnectorState> GetState(const std::string& name) = 0;
  // AlreadyExists (REST 409) when `name` exists; InvalidArgument (REST 400) for bad configs,
  // naming the key at fault.
  virtual Result<ConnectorInfo> CreateConnector(const std::string& name,
                                                std::map<std::string, std::string> config) = 0;
  // Creates or reconfigures; *created tells which (REST 201 vs 200).
  virtual Result<ConnectorInfo> PutConnectorConfig(const std::string& name,
                                                   std::map<std::string, std::string> config,
                                                   bool* created) = 0;
  virtual Status DeleteConnector(const std::string& name) = 0;
  virtual Status PauseConnector(const std::string& name) = 0;
  virtual Status ResumeConnector(const std::string& name) = 0;
  virtual Status StopConnector(const std::string& name) = 0;
  virtual Status RestartConnector(const std::string& name, bool include_tasks,
                                  bool only_failed) = 0;
  virtual Status RestartTask(const std::string& name, int task_id) = 0;
  // Kafka Connect's GET /connectors/{name}/offsets body:
  // {"offsets":[{"partition":{...},"offset":{...}}]} for sources; sink offsets by topic
  // partition ({"kafka_topic","kafka_partition"} -> {"kafka_offset"}).
  virtual Result<nlohmann::json> GetOffsets(const std::string& name) = 0;

  virtual std::vector<connect::PluginRegistry::PluginInfo> ListPlugins() = 0;
  // PUT /connector-plugins/{plugin}/config/validate: Kafka Connect's ConfigInfos body
  // {"name","error_count","groups","configs":[{"definition":{...},"value":{"name","value",
  // "recommended_values","errors","visible"}}]}.
  virtual Result<nlohmann::json> ValidateConfig(const std::string& plugin_class,
                                                const std::map<std::string, std::string>& config) = 0;
  // GET /connector-plugins/{plugin}/config: Kafka Connect's ConfigKeyInfo list [{"name","type",
  // "required","default_value","importance","documentation","group","width","display_name",
  // "dependents","order"}]; NotFound for an unknown plugin (full or simple class name).
  virtual Result<nlohmann::json> PluginConfig(const std::string& plugin_class) = 0;
};

}  // namespace tributary::connectrest
