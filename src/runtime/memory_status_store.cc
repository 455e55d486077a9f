#include "runtime/memory_status_store.h"

namespace tributary::runtime {

Status MemoryStatusStore::PutConnectorState(const std::string& connector,
                                            const ReportedState& state) {
  std::lock_guard lock(mutex_);
  connectors_[connector] = state;
  return Status::OK();
}

Status MemoryStatusStore::PutTaskState(const std::string& connector, int task,
                                       const ReportedState& state) {
  std::lock_guard lock(mutex_);
  tasks_[connector][task] = state;
  return Status::OK();
}

Status MemoryStatusStore::Remove(const std::string& connector, int) {
  std::lock_guard lock(mutex_);
  connectors_.erase(connector);
  tasks_.erase(connector);
  return Status::OK();
}

std::optional<ReportedState> MemoryStatusStore::ConnectorState(const std::string& connector) const {
  std::lock_guard lock(mutex_);
  auto it = connectors_.find(connector);
  if (it == connectors_.end()) return std::nullopt;
  return it->second;
}

std::map<int, ReportedState> MemoryStatusStore::TaskStates(const std::string& connector) const {
  std::lock_guard lock(mutex_);
  auto it = tasks_.find(connector);
  return it == tasks_.end() ? std::map<int, ReportedState>{} : it->second;
}

}  // namespace tributary::runtime
