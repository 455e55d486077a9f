// MemoryStatusStore: StatusStore of a standalone worker (only it reports).
//
// Thread-safety: as StatusStore.
#pragma once

#include <mutex>

#include "runtime/status_store.h"

namespace tributary::runtime {

class MemoryStatusStore : public StatusStore {
 public:
  Status PutConnectorState(const std::string& connector, const ReportedState& state) override;
  Status PutTaskState(const std::string& connector, int task, const ReportedState& state) override;
  Status Remove(const std::string& connector, int task_count) override;
  std::optional<ReportedState> ConnectorState(const std::string& connector) const override;
  std::map<int, ReportedState> TaskStates(const std::string& connector) const override;
  Status Refresh(std::chrono::milliseconds) override { return Status::OK(); }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, ReportedState> connectors_;
  std::map<std::string, std::map<int, ReportedState>> tasks_;
};

}  // namespace tributary::runtime
