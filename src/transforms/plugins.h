// Registers this module's transformations and predicates under their Kafka Connect class
// names: io.debezium.transforms.ExtractNewRecordState; org.apache.kafka.connect.transforms.
// RegexRouter, Filter, ValueToKey, and the $Key/$Value variants of InsertField, ReplaceField,
// MaskField, Cast, TimestampConverter, ExtractField, HoistField, Flatten, SetSchemaMetadata;
// org.apache.kafka.connect.transforms.predicates.TopicNameMatches, HasHeaderKey,
// RecordIsTombstone.
#pragma once

#include "connect/plugins.h"

namespace tributary::transforms {

void RegisterPlugins(connect::PluginRegistry& registry);

}  // namespace tributary::transforms
