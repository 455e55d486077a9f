// Checking a connector config without running it: what POST /connectors refuses with 400 and
// what PUT /connector-plugins/{plugin}/config/validate reports.
//
// Bad values are errors. Unknown keys (declared by neither Kafka Connect's runtime nor the
// plugins the config names, see connect::PluginRegistry::Declare) are reported by validate
// and logged as warnings on create, update and standalone start, never refused: Kafka Connect
// ignores them, and a key Tributary failed to declare must not break a working config.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/plugins.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

// Builds (but does not start) the connector's task, converters, transforms and error policy:
// InvalidArgument naming the connector and the key at fault when any of them rejects it. Then
// logs one WARN line per unknown key (FindUnknownKeys).
Status CheckConnectorConfig(const WorkerConfig& worker, const connect::PluginRegistry& plugins,
                            const std::map<std::string, std::string>& config);

// How many tasks the connector runs: tasks.max for sinks (they share partitions through their
// consumer group); one for sources, which read one ordered stream (Debezium's MySQL connector
// runs a single task whatever tasks.max says).
int TaskCount(const connect::PluginRegistry& plugins,
              const std::map<std::string, std::string>& config);

struct UnknownKey {
  std::string key;
  std::string suggestion;  // the nearest declared key, "" when none is near
  std::string message;     // names the connector, the key, the plugin and the suggestion
};

// The keys of `config` nobody declares. Keys under transforms.<alias>., predicates.<alias>.,
// key.converter., value.converter. and header.converter. are matched against that plugin's own
// declaration (the converter the connector names, else the worker's); keys of a plugin that
// declared nothing are not checked. Empty when connector.class is not a known connector.
std::vector<UnknownKey> FindUnknownKeys(const WorkerConfig& worker,
                                        const connect::PluginRegistry& plugins,
                                        const std::map<std::string, std::string>& config);

// Kafka Connect's ConfigInfos body for `config` of `plugin_class`: one entry per given key
// (values of secret keys hidden) with its declared definition and allowed values
// (recommended_values), the value error attached to the key it names (else to
// connector.class), one error per unknown key, and error_count counting them all.
nlohmann::json ValidateConnectorConfig(const WorkerConfig& worker,
                                       const connect::PluginRegistry& plugins,
                                       const std::string& plugin_class,
                                       std::map<std::string, std::string> config);

// Kafka Connect's ConfigKeyInfo list for GET /connector-plugins/{plugin}/config: the plugin's
// declared keys, after the runtime's own keys for connectors. NotFound naming the plugin when
// no plugin of that name (full or simple class name) is registered.
Result<nlohmann::json> PluginConfigDefinitions(const connect::PluginRegistry& plugins,
                                               const std::string& plugin_class);

}  // namespace tributary::runtime
