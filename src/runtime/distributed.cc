#include "runtime/distributed.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>

#include "connectrest/connect_rest_server.h"
#include "http/listener_address.h"
#include "runtime/herder.h"
#include "runtime/kafka_config_store.h"
#include "runtime/kafka_offset_store.h"
#include "runtime/kafka_status_store.h"
#include "runtime/kafka_transport.h"
#include "runtime/worker.h"
#include "runtime/worker_group.h"
#include "runtime/worker_services.h"

namespace tributary::runtime {

namespace {

std::atomic<bool> g_stop_requested{false};
void OnSignal(int) { g_stop_requested.store(true); }

Result<std::string> RequiredKey(const WorkerConfig& worker, const std::string& key,
                                const std::string& example) {
  auto value = worker.raw.Get(key);
  if (!value || value->empty())
    return Status::InvalidArgument(
        "worker key '{}' is required by a distributed worker (e.g. {}={})", key, key, example);
  return *value;
}

// One of the three shared topics: its name, partitions and replication factor, with Kafka
// Connect's keys and defaults.
Result<KafkaLog::Options> TopicOptions(const WorkerConfig& worker, const std::string& prefix,
                                       const std::string& example, int default_partitions) {
  KafkaLog::Options o;
  o.clients = worker.kafka_clients;
  o.read_committed = worker.reads_committed_only();
  o.topic_key = prefix + ".topic";
  TRIB_ASSIGN_OR_RETURN(o.topic, RequiredKey(worker, o.topic_key, example));
  TRIB_ASSIGN_OR_RETURN(int64_t partitions,
                        worker.raw.GetInt(prefix + ".partitions", default_partitions));
  TRIB_ASSIGN_OR_RETURN(int64_t replication, worker.raw.GetInt(prefix + ".replication.factor", 3));
  if (partitions < 1)
    return Status::InvalidArgument("worker key '{}.partitions' must be at least 1", prefix);
  if (replication < 1 && replication != -1)
    return Status::InvalidArgument(
        "worker key '{}.replication.factor' must be at least 1, or -1 for the brokers' default",
        prefix);
  o.partitions = static_cast<int>(partitions);
  o.replication_factor = static_cast<int>(replication);
  return o;
}

}  // namespace

Status RunDistributed(const std::string& worker_file, const connect::PluginRegistry& plugins) {
  TRIB_ASSIGN_OR_RETURN(connect::Config raw, connect::Config::LoadPropertiesFile(worker_file));
  TRIB_ASSIGN_OR_RETURN(WorkerConfig worker, WorkerConfig::FromConfig(std::move(raw)));
  if (!worker.bootstrap_servers)
    return Status::InvalidArgument(
        "worker key 'bootstrap.servers' is required by a distributed worker; without Kafka, "
        "run `tributary standalone`");
  TRIB_ASSIGN_OR_RETURN(std::string group_id, RequiredKey(worker, "group.id", "connect-cluster"));
  TRIB_ASSIGN_OR_RETURN(auto config_topic,
                        TopicOptions(worker, "config.storage", "connect-configs", 1));
  TRIB_ASSIGN_OR_RETURN(auto offset_topic,
                        TopicOptions(worker, "offset.storage", "connect-offsets", 25));
  TRIB_ASSIGN_OR_RETURN(auto status_topic,
                        TopicOptions(worker, "status.storage", "connect-status", 5));

  // The REST listener first: its address is this worker's id in statuses.
  TRIB_ASSIGN_OR_RETURN(http::ListenerAddress listener,
                        http::ParseListeners("worker key 'listeners'",
                                             worker.rest_listeners.value_or("http://:8083"), 8083));

  TRIB_ASSIGN_OR_RETURN(auto services, WorkerServices::Start(worker));
  TRIB_ASSIGN_OR_RETURN(auto configs, KafkaConfigStore::Open(config_topic));
  TRIB_ASSIGN_OR_RETURN(auto statuses, KafkaStatusStore::Open(status_topic));
  TRIB_ASSIGN_OR_RETURN(auto offsets, KafkaOffsetStore::Open(offset_topic));
  TRIB_ASSIGN_OR_RETURN(auto transport, KafkaTransport::Create(worker));
  Worker tasks(&worker, &plugins, transport.get(), offsets.get(), nullptr);

  auto cluster_client_config = worker.kafka_clients.consumer;
  cluster_client_config["group.id"] = group_id;
  TRIB_ASSIGN_OR_RETURN(auto cluster_client, kafka::Consumer::Create(cluster_client_config));
  Herder::Parts parts;
  parts.worker_config = &worker;
  parts.plugins = &plugins;
  parts.configs = configs.get();
  parts.statuses = statuses.get();
  parts.offsets = offsets.get();
  parts.worker = &tasks;
  TRIB_ASSIGN_OR_RETURN(parts.cluster_id, cluster_client->ClusterId(std::chrono::seconds(30)));
  cluster_client.reset();
  Herder herder(std::move(parts));

  connectrest::ConnectRestServer rest(&herder, &tasks);
  TRIB_RETURN_IF_ERROR(
      rest.Start(listener.host, listener.port).Annotate("worker key 'listeners'"));
  TRIB_ASSIGN_OR_RETURN(std::string worker_id,
                        AdvertisedRestAddress(worker, listener.host, rest.port()));
  herder.SetWorkerId(worker_id);
  spdlog::info("worker {} (group '{}') serves the Connect REST API on http://{}:{}", worker_id,
               group_id, listener.host, rest.port());

  // The worker's own session.timeout.ms / heartbeat.interval.ms are its membership's.
  auto membership_config = worker.kafka_clients.consumer;
  membership_config["session.timeout.ms"] = worker.raw.GetString("session.timeout.ms", "10000");
  membership_config["heartbeat.interval.ms"] =
      worker.raw.GetString("heartbeat.interval.ms", "3000");
  TRIB_ASSIGN_OR_RETURN(
      auto group, WorkerGroup::Join(std::move(membership_config), group_id, worker_id,
                                    status_topic.topic,
                                    statuses->partitions()));
  herder.SetMembership(group.get());

  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  Status result;
  while (!g_stop_requested.load()) {
    bool any = false;
    result = herder.Tick(&any);
    if (!result.ok()) break;
  }
  if (result.ok()) spdlog::info("stop requested; stopping tasks and committing what is durable");
  else spdlog::error("worker stopping: {}", result.message());
  Status shutdown = herder.Shutdown();
  rest.Stop();
  return result.ok() ? shutdown : result;
}

}  // namespace tributary::runtime
