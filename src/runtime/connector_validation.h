// Checking a connector config without running it: what POST /connectors refuses with 400 and
// what PUT /connector-plugins/{plugin}/config/validate reports.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "common/status.h"
#include "connect/plugins.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

// Builds (but does not start) the connector's task, converters, transforms and error policy:
// InvalidArgument naming the connector and the key at fault when any of them rejects it.
Status CheckConnectorConfig(const WorkerConfig& worker, const connect::PluginRegistry& plugins,
                            const std::map<std::string, std::string>& config);

// How many tasks the connector runs: tasks.max for sinks (they share partitions through their
// consumer group); one for sources, which read one ordered stream (Debezium's MySQL connector
// runs a single task whatever tasks.max says).
int TaskCount(const connect::PluginRegistry& plugins,
              const std::map<std::string, std::string>& config);

// Kafka Connect's ConfigInfos body for `config` of `plugin_class`: one entry per given key
// (values of secret keys hidden), the error attached to the key it names (else to
// connector.class), and error_count.
nlohmann::json ValidateConnectorConfig(const WorkerConfig& worker,
                                       const connect::PluginRegistry& plugins,
                                       const std::string& plugin_class,
                                       std::map<std::string, std::string> config);

}  // namespace tributary::runtime
