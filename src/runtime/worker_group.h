// WorkerGroup: this worker's membership in the group of distributed workers (worker key
// group.id), through Kafka's own consumer-group protocol rather than a consensus of our own.
// Every worker subscribes the group to status.storage.topic; the round-robin assignor deals
// its partitions out among the live members, and work unit i (a connector's task) belongs to
// whoever holds partition i mod P. A worker that dies stops heartbeating, and after
// session.timeout.ms the group deals its partitions, and so its tasks, to the others.
//
// Rebalancing is eager: while the group rebalances a member owns nothing, so a task is never
// run by two live members at once (a member cut off from the brokers stops its tasks when
// its session expires, as Kafka Connect's do).
//
// Thread-safety: one thread (the worker's loop) drives it.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "common/status.h"
#include "kafka/consumer.h"
#include "runtime/membership.h"

namespace tributary::runtime {

class WorkerGroup : public Membership {
 public:
  // `client_config` has bootstrap.servers; `group_id`, `topic` (with `partitions`) and the
  // session settings come from the worker config.
  static Result<std::unique_ptr<WorkerGroup>> Join(std::map<std::string, std::string> client_config,
                                                   const std::string& group_id,
                                                   const std::string& worker_id,
                                                   const std::string& topic, int partitions);

  // Serves heartbeats and rebalances; call often (well within session.timeout.ms).
  Status Poll(std::chrono::milliseconds wait) override;
  bool Owns(size_t index) const override;
  // Changes every time the group deals out partitions.
  int64_t generation() const override { return generation_; }
  // Leaves the group at once, so the others take over without waiting for a timeout.
  void Leave() override;

 private:
  WorkerGroup() = default;
  std::unique_ptr<kafka::Consumer> consumer_;
  int partitions_ = 1;
  std::set<int32_t> owned_;
  int64_t generation_ = 0;
};

}  // namespace tributary::runtime
