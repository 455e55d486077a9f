// MemoryConfigStore: ConfigStore of a standalone worker. The connector files given on the
// command line fill it at start; REST changes live until the process ends, as in Kafka
// Connect's standalone mode.
//
// Thread-safety: as ConfigStore.
#pragma once

#include <mutex>

#include "runtime/config_store.h"

namespace tributary::runtime {

class MemoryConfigStore : public ConfigStore {
 public:
  Status PutConnector(const std::string& name, const std::map<std::string, std::string>& config,
                      int task_count) override;
  Status RemoveConnector(const std::string& name) override;
  Status PutTargetState(const std::string& name, const std::string& state) override;
  Status RequestRestart(const RestartRequest& request) override;
  Status Refresh(std::chrono::milliseconds wait) override;
  std::map<std::string, StoredConnector> Connectors() const override;
  std::vector<RestartRequest> TakeRestartRequests() override;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, StoredConnector> connectors_;
  std::vector<RestartRequest> restarts_;
};

}  // namespace tributary::runtime
