#include "runtime/memory_config_store.h"

#include <thread>

namespace tributary::runtime {

Status MemoryConfigStore::PutConnector(const std::string& name,
                                       const std::map<std::string, std::string>& config,
                                       int task_count) {
  std::lock_guard lock(mutex_);
  StoredConnector& c = connectors_[name];
  c.config = config;
  c.task_count = task_count;
  return Status::OK();
}

Status MemoryConfigStore::RemoveConnector(const std::string& name) {
  std::lock_guard lock(mutex_);
  connectors_.erase(name);
  return Status::OK();
}

Status MemoryConfigStore::PutTargetState(const std::string& name, const std::string& state) {
  std::lock_guard lock(mutex_);
  auto it = connectors_.find(name);
  if (it != connectors_.end()) it->second.target_state = state;
  return Status::OK();
}

Status MemoryConfigStore::RequestRestart(const RestartRequest& request) {
  std::lock_guard lock(mutex_);
  restarts_.push_back(request);
  return Status::OK();
}

Status MemoryConfigStore::Refresh(std::chrono::milliseconds wait) {
  // Nothing to read from elsewhere; an idle worker still should not spin.
  std::this_thread::sleep_for(wait);
  return Status::OK();
}

std::map<std::string, StoredConnector> MemoryConfigStore::Connectors() const {
  std::lock_guard lock(mutex_);
  return connectors_;
}

std::vector<RestartRequest> MemoryConfigStore::TakeRestartRequests() {
  std::lock_guard lock(mutex_);
  std::vector<RestartRequest> out;
  out.swap(restarts_);
  return out;
}

}  // namespace tributary::runtime
