// Registers this module's converters under their Kafka Connect class names:
//   org.apache.kafka.connect.storage.StringConverter
//   org.apache.kafka.connect.converters.ByteArrayConverter
//   org.apache.kafka.connect.json.JsonConverter
// and the Avro converters of the registry issue (io.confluent.connect.avro.AvroConverter,
// com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter) once present.
#pragma once

#include "connect/plugins.h"

namespace tributary::converters {

void RegisterPlugins(connect::PluginRegistry& registry);

}  // namespace tributary::converters
