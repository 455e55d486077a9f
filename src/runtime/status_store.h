// StatusStore: the last reported state of every connector and task, whichever worker runs
// it: in Kafka's status.storage.topic for distributed workers (KafkaStatusStore).
//
// Thread-safety: implementations are thread-safe. Puts come from the loop thread and from
// REST threads (deletions); reads from REST threads.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace tributary::runtime {

struct ReportedState {
  std::string state;  // RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING
  std::string trace;  // why it FAILED
  std::string worker_id;
  int64_t generation = 0;
};

class StatusStore {
 public:
  virtual ~StatusStore() = default;
  virtual Status PutConnectorState(const std::string& connector, const ReportedState& state) = 0;
  virtual Status PutTaskState(const std::string& connector, int task, const ReportedState& state) = 0;
  // Forgets a deleted connector and its tasks.
  virtual Status Remove(const std::string& connector, int task_count) = 0;

  virtual std::optional<ReportedState> ConnectorState(const std::string& connector) const = 0;
  virtual std::map<int, ReportedState> TaskStates(const std::string& connector) const = 0;
  // Takes in what other workers reported, waiting at most `wait` (loop thread).
  virtual Status Refresh(std::chrono::milliseconds wait) = 0;
};

}  // namespace tributary::runtime
