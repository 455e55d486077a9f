// KafkaStatusStore: StatusStore in status.storage.topic (compacted), in Kafka Connect's record
// format:
//   status-connector-<name>   {"state":"RUNNING","trace":null,"worker_id":"host:port","generation":N}
//   status-task-<name>-<n>    the same, for task n
// A worker's own reports are visible at once; others' after Refresh.
//
// Thread-safety: as StatusStore.
#pragma once

#include <memory>
#include <mutex>

#include "runtime/kafka_log.h"
#include "runtime/status_store.h"

namespace tributary::runtime {

class KafkaStatusStore : public StatusStore {
 public:
  // Reads the topic to its end before returning.
  static Result<std::unique_ptr<KafkaStatusStore>> Open(KafkaLog::Options options);

  Status PutConnectorState(const std::string& connector, const ReportedState& state) override;
  Status PutTaskState(const std::string& connector, int task, const ReportedState& state) override;
  Status Remove(const std::string& connector, int task_count) override;
  std::optional<ReportedState> ConnectorState(const std::string& connector) const override;
  std::map<int, ReportedState> TaskStates(const std::string& connector) const override;
  Status Refresh(std::chrono::milliseconds wait) override;
  int partitions() const { return log_->partitions(); }

 private:
  KafkaStatusStore() = default;
  void Apply(const kafka::ConsumedMessage& message);
  void Store(const std::string& key, const std::optional<ReportedState>& state);
  Status Write(const std::string& key, const std::optional<ReportedState>& state);

  std::unique_ptr<KafkaLog> log_;
  mutable std::mutex mutex_;
  std::map<std::string, ReportedState> connectors_;
  std::map<std::string, std::map<int, ReportedState>> tasks_;
};

}  // namespace tributary::runtime
