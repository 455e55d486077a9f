// WorkerConfig: the keys of a Kafka Connect worker .properties file that Tributary reads.
// Unknown keys are kept (plugins may read them) but never rejected, as Kafka Connect does.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "connect/config.h"

namespace tributary::runtime {

// exactly.once.source.support (Kafka Connect's KIP-618 worker key): disabled; preparing (reads
// of the worker's own topics see only committed records, sources still at least once: the
// step of a rolling upgrade); enabled (each source task writes its records and offsets in
// Kafka transactions).
enum class ExactlyOnceSourceSupport { kDisabled, kPreparing, kEnabled };

// The configurations of the Kafka clients a worker makes, built as Kafka Connect builds them:
// bootstrap.servers and the worker's top-level Kafka client keys (kCommonClientKeyPrefixes:
// security.protocol, sasl.*, ssl.*, timeouts, buffers, ...) for every client, then the
// worker's producer.* / consumer.* / admin.* keys (prefix removed) for that kind of client.
// Worker-only keys (group.id, key.converter, offset.storage.*, ...) are never passed. Values
// may use Kafka's Java client names; kafka::MakeConf translates them.
struct KafkaClientConfigs {
  std::map<std::string, std::string> producer;
  std::map<std::string, std::string> consumer;
  std::map<std::string, std::string> admin;
};

// connector.client.config.override.policy: which <client>.override.* keys a connector may set
// (Kafka Connect's All, the default since Kafka 3.0; None; Principal: only
// security.protocol, sasl.jaas.config and sasl.mechanism).
enum class ClientOverridePolicy { kAll, kNone, kPrincipal };

struct WorkerConfig {
  connect::Config raw;
  std::optional<std::string> bootstrap_servers;  // set: Kafka mode; unset: embedded
  std::string data_dir;                          // data.dir (default ./tributary-data)
  std::string offset_file;                       // offset.storage.file.filename
  std::optional<std::string> rest_listeners;     // listeners (REST API), off when unset
  std::optional<std::string> registry_listeners; // registry.listeners (embedded registry REST)
  int64_t poll_wait_ms = 100;
  ExactlyOnceSourceSupport exactly_once_source = ExactlyOnceSourceSupport::kDisabled;
  KafkaClientConfigs kafka_clients;  // empty maps in embedded mode
  ClientOverridePolicy client_override_policy = ClientOverridePolicy::kAll;

  bool reads_committed_only() const {
    return exactly_once_source != ExactlyOnceSourceSupport::kDisabled;
  }

  static Result<WorkerConfig> FromConfig(connect::Config raw);
};

// The connector's `<client>.override.*` keys (client: producer, consumer or admin), prefix
// removed, after checking each against the worker's connector.client.config.override.policy:
// InvalidArgument naming the connector key the policy forbids.
Result<std::map<std::string, std::string>> ConnectorClientOverrides(
    const WorkerConfig& worker, const connect::Config& connector, std::string_view client);

// `base` (one of worker.kafka_clients) with the connector's `<client>.override.*` keys on top.
Result<std::map<std::string, std::string>> ConnectorClientConfig(
    const WorkerConfig& worker, const connect::Config& connector, std::string_view client,
    const std::map<std::string, std::string>& base);

// "host:port" by which other workers and users reach this worker's REST API, its id in
// statuses: rest.advertised.host.name / rest.advertised.port when set, else the bound address
// (the machine's host name when bound to every interface).
Result<std::string> AdvertisedRestAddress(const WorkerConfig& worker, const std::string& bound_host,
                                          int bound_port);

}  // namespace tributary::runtime
