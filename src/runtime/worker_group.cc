#include "runtime/worker_group.h"

#include <spdlog/spdlog.h>

namespace tributary::runtime {

using std::chrono::milliseconds;

Result<std::unique_ptr<WorkerGroup>> WorkerGroup::Join(
    std::map<std::string, std::string> client_config, const std::string& group_id,
    const std::string& worker_id, const std::string& topic, int partitions) {
  std::unique_ptr<WorkerGroup> group(new WorkerGroup());
  group->partitions_ = partitions;
  client_config["group.id"] = group_id;
  client_config["client.id"] = worker_id;
  client_config["partition.assignment.strategy"] = "roundrobin";
  // Membership only: the status records read here are dropped (KafkaStatusStore reads them).
  client_config["auto.offset.reset"] = "latest";
  client_config.try_emplace("session.timeout.ms", "10000");
  client_config.try_emplace("heartbeat.interval.ms", "3000");
  TRIB_ASSIGN_OR_RETURN(group->consumer_, kafka::Consumer::Create(client_config));
  TRIB_RETURN_IF_ERROR(group->consumer_->Subscribe({topic}).Annotate(
      fmt::format("worker key 'group.id' ('{}'): joining the worker group", group_id)));
  return group;
}

Status WorkerGroup::Poll(milliseconds wait) {
  // Broker hiccups come back as errors here; librdkafka retries on its own, and while the
  // session lasts the assignment stays valid.
  if (auto polled = consumer_->Poll(1000, wait); !polled.ok())
    spdlog::warn("worker group: {}", polled.status().message());
  TRIB_ASSIGN_OR_RETURN(auto assignment, consumer_->Assignment());
  std::set<int32_t> owned;
  for (const auto& tp : assignment) owned.insert(tp.partition);
  if (owned != owned_) {
    owned_ = std::move(owned);
    ++generation_;
    spdlog::info("worker group: this worker now holds {} of {} work partitions", owned_.size(),
                 partitions_);
  }
  return Status::OK();
}

bool WorkerGroup::Owns(size_t index) const {
  return owned_.count(static_cast<int32_t>(index % static_cast<size_t>(partitions_))) > 0;
}

void WorkerGroup::Leave() { (void)consumer_->Close(); }

}  // namespace tributary::runtime
