// ConfigStore: the connector configurations a worker runs, with their target states
// (STARTED, PAUSED, STOPPED) and restart requests: in Kafka's config.storage.topic for
// distributed workers (KafkaConfigStore).
//
// Thread-safety: implementations are thread-safe. Writes come from REST threads; Refresh and
// TakeRestartRequests from the worker's loop thread.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace tributary::runtime {

struct StoredConnector {
  std::map<std::string, std::string> config;
  std::string target_state = "STARTED";  // STARTED, PAUSED or STOPPED
  int task_count = 1;
};

struct RestartRequest {
  std::string connector;
  bool include_tasks = false;
  bool only_failed = false;
  int task = -1;  // >= 0: restart only this task (POST /connectors/{c}/tasks/{t}/restart)
};

class ConfigStore {
 public:
  virtual ~ConfigStore() = default;
  // Creates or replaces a connector's config, with `task_count` tasks. Returns once the
  // change is durable and visible in Connectors().
  virtual Status PutConnector(const std::string& name, const std::map<std::string, std::string>& config,
                              int task_count) = 0;
  virtual Status RemoveConnector(const std::string& name) = 0;
  virtual Status PutTargetState(const std::string& name, const std::string& state) = 0;
  virtual Status RequestRestart(const RestartRequest& request) = 0;

  // Takes in what other workers wrote, waiting at most `wait` (loop thread).
  virtual Status Refresh(std::chrono::milliseconds wait) = 0;
  virtual std::map<std::string, StoredConnector> Connectors() const = 0;
  virtual std::vector<RestartRequest> TakeRestartRequests() = 0;
};

}  // namespace tributary::runtime
