// The keys Kafka Connect's runtime reads from every connector config (ConnectorConfig,
// SourceConnectorConfig, SinkConnectorConfig), whatever the connector: name, connector.class,
// tasks.max, converters, transforms, predicates, errors.*, topic.creation.*, exactly-once and
// client overrides. Plugins declare only their own keys (connect::PluginRegistry::Declare).
//
// Thread-safety: built once on first use, then read-only.
#pragma once

#include "connect/config_def.h"

namespace tributary::runtime {

const connect::ConfigDef& SourceConnectorConfigDef();
const connect::ConfigDef& SinkConnectorConfigDef();

}  // namespace tributary::runtime
