#include "runtime/worker_config.h"

#include <unistd.h>

#include <filesystem>

namespace tributary::runtime {

namespace {

// Top-level worker keys Kafka Connect hands to every client it makes (its CommonClientConfigs
// and the security configs): a key equal to an entry, or starting with one ending in '.'.
constexpr std::string_view kCommonClientKeyPrefixes[] = {
    "security.protocol",
    "sasl.",
    "ssl.",
    "client.dns.lookup",
    "client.id",
    "request.timeout.ms",
    "retry.backoff.ms",
    "retry.backoff.max.ms",
    "metadata.max.age.ms",
    "connections.max.idle.ms",
    "reconnect.backoff.ms",
    "reconnect.backoff.max.ms",
    "socket.connection.setup.timeout.ms",
    "socket.connection.setup.timeout.max.ms",
    "send.buffer.bytes",
    "receive.buffer.bytes",
    "default.api.timeout.ms",
};

bool IsCommonClientKey(std::string_view key) {
  for (std::string_view entry : kCommonClientKeyPrefixes) {
    if (entry.ends_with('.') ? key.starts_with(entry) : key == entry) return true;
  }
  return false;
}

KafkaClientConfigs BuildKafkaClientConfigs(const connect::Config& raw,
                                           const std::string& bootstrap_servers) {
  std::map<std::string, std::string> common{{"bootstrap.servers", bootstrap_servers}};
  for (const auto& [key, value] : raw.values())
    if (IsCommonClientKey(key)) common[key] = value;
  auto with_prefix = [&](std::string_view prefix) {
    auto config = common;
    const connect::Config specific = raw.WithPrefix(prefix);
    for (const auto& [key, value] : specific.values()) config[key] = value;
    return config;
  };
  return {with_prefix("producer."), with_prefix("consumer."), with_prefix("admin.")};
}

Result<ClientOverridePolicy> ParseOverridePolicy(const connect::Config& raw) {
  const std::string key = "connector.client.config.override.policy";
  std::string name = raw.GetString(key, "All");
  // Kafka Connect takes the class name or its alias (the simple name without the suffix).
  constexpr std::string_view kPackage = "org.apache.kafka.connect.connector.policy.";
  constexpr std::string_view kSuffix = "ConnectorClientConfigOverridePolicy";
  std::string_view alias = name;
  if (alias.starts_with(kPackage)) alias.remove_prefix(kPackage.size());
  if (alias.ends_with(kSuffix)) alias.remove_suffix(kSuffix.size());
  if (alias == "All") return ClientOverridePolicy::kAll;
  if (alias == "None") return ClientOverridePolicy::kNone;
  if (alias == "Principal") return ClientOverridePolicy::kPrincipal;
  return Status::InvalidArgument("worker key '{}' must be All, None or Principal, got '{}'", key,
                                 name);
}

}  // namespace

Result<WorkerConfig> WorkerConfig::FromConfig(connect::Config raw) {
  WorkerConfig w;
  w.bootstrap_servers = raw.Get("bootstrap.servers");
  if (w.bootstrap_servers && w.bootstrap_servers->empty()) w.bootstrap_servers.reset();
  if (w.bootstrap_servers)
    w.kafka_clients = BuildKafkaClientConfigs(raw, *w.bootstrap_servers);
  TRIB_ASSIGN_OR_RETURN(w.client_override_policy, ParseOverridePolicy(raw));
  w.data_dir = raw.GetString("data.dir", "tributary-data");
  w.offset_file = raw.GetString("offset.storage.file.filename",
                                (std::filesystem::path(w.data_dir) / "connect.offsets").string());
  w.rest_listeners = raw.Get("listeners");
  w.registry_listeners = raw.Get("registry.listeners");
  TRIB_ASSIGN_OR_RETURN(w.poll_wait_ms, raw.GetInt("tributary.poll.wait.ms", 100));
  if (w.poll_wait_ms < 0)
    return Status::InvalidArgument("worker key 'tributary.poll.wait.ms' must be >= 0");
  std::string eos = raw.GetString("exactly.once.source.support", "disabled");
  if (eos == "enabled") {
    w.exactly_once_source = ExactlyOnceSourceSupport::kEnabled;
  } else if (eos == "preparing") {
    w.exactly_once_source = ExactlyOnceSourceSupport::kPreparing;
  } else if (eos != "disabled") {
    return Status::InvalidArgument(
        "worker key 'exactly.once.source.support' must be disabled, preparing or enabled, got "
        "'{}'",
        eos);
  }
  w.raw = std::move(raw);
  return w;
}

Result<std::map<std::string, std::string>> ConnectorClientOverrides(
    const WorkerConfig& worker, const connect::Config& connector, std::string_view client) {
  const std::string prefix = fmt::format("{}.override.", client);
  std::map<std::string, std::string> overrides = connector.WithPrefix(prefix).values();
  for (const auto& [key, value] : overrides) {
    bool allowed = worker.client_override_policy == ClientOverridePolicy::kAll ||
                   (worker.client_override_policy == ClientOverridePolicy::kPrincipal &&
                    (key == "security.protocol" || key == "sasl.jaas.config" ||
                     key == "sasl.mechanism"));
    if (!allowed)
      return Status::InvalidArgument(
          "connector key '{}{}' is not allowed by the worker's "
          "connector.client.config.override.policy ({}); remove the key or change the policy",
          prefix, key,
          worker.client_override_policy == ClientOverridePolicy::kNone
              ? "None: no client overrides"
              : "Principal: only security.protocol, sasl.jaas.config and sasl.mechanism");
  }
  return overrides;
}

Result<std::map<std::string, std::string>> ConnectorClientConfig(
    const WorkerConfig& worker, const connect::Config& connector, std::string_view client,
    const std::map<std::string, std::string>& base) {
  TRIB_ASSIGN_OR_RETURN(auto overrides, ConnectorClientOverrides(worker, connector, client));
  auto config = base;
  for (auto& [key, value] : overrides) config[key] = std::move(value);
  return config;
}

Result<std::string> AdvertisedRestAddress(const WorkerConfig& worker, const std::string& bound_host,
                                          int bound_port) {
  std::string host = worker.raw.GetString("rest.advertised.host.name", bound_host);
  if (host.empty() || host == "0.0.0.0") {
    char name[256] = {};
    host = ::gethostname(name, sizeof(name) - 1) == 0 ? name : "localhost";
  }
  TRIB_ASSIGN_OR_RETURN(int64_t port, worker.raw.GetInt("rest.advertised.port", bound_port));
  return fmt::format("{}:{}", host, port);
}

}  // namespace tributary::runtime
