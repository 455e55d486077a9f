// KafkaConfigStore: ConfigStore in config.storage.topic (one partition, compacted), in Kafka
// Connect's record format, so the topic reads the same as a Kafka Connect cluster's:
//   connector-<name>          {"properties":{...}}   (null: the connector was deleted)
//   task-<name>-<n>           {"properties":{...}}
//   commit-<name>             {"tasks":<count>}
//   target-state-<name>       {"state":"STARTED"|"PAUSED","state.v2":"STARTED"|"PAUSED"|"STOPPED"}
//   restart-connector-<name>  {"include-tasks":bool,"only-failed":bool}
//   restart-task-<name>-<n>   {}   (Tributary's own: Kafka Connect forwards a task restart
//                                   over REST instead, and skips this key)
// A write returns after the loop thread has read it back, so the REST call that made it
// answers with the state every worker will see.
//
// Thread-safety: as ConfigStore.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>

#include "runtime/config_store.h"
#include "runtime/kafka_log.h"

namespace tributary::runtime {

class KafkaConfigStore : public ConfigStore {
 public:
  // Reads the topic to its end before returning. Restart requests already in the topic are
  // history and are not replayed.
  static Result<std::unique_ptr<KafkaConfigStore>> Open(KafkaLog::Options options);

  Status PutConnector(const std::string& name, const std::map<std::string, std::string>& config,
                      int task_count) override;
  Status RemoveConnector(const std::string& name) override;
  Status PutTargetState(const std::string& name, const std::string& state) override;
  Status RequestRestart(const RestartRequest& request) override;
  Status Refresh(std::chrono::milliseconds wait) override;
  std::map<std::string, StoredConnector> Connectors() const override;
  std::vector<RestartRequest> TakeRestartRequests() override;

 private:
  KafkaConfigStore() = default;
  void Apply(const kafka::ConsumedMessage& message);
  // Flushes, then waits until the loop thread has read the topic to its end.
  Status WriteAndWait(const std::vector<std::pair<std::string, std::optional<std::string>>>& records);

  std::unique_ptr<KafkaLog> log_;
  mutable std::mutex mutex_;
  std::condition_variable read_back_;
  std::map<std::string, StoredConnector> connectors_;
  std::vector<RestartRequest> restarts_;
  bool replay_restarts_ = false;
  int64_t sync_requested_ = 0;  // generations asked for by writers
  int64_t sync_done_ = 0;       // generations the loop thread completed
};

}  // namespace tributary::runtime
