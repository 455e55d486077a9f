#include "converters/plugins.h"

#include "converters/avro_converter.h"
#include "converters/byte_array_converter.h"
#include "converters/glue_avro_converter.h"
#include "converters/json_converter.h"
#include "converters/string_converter.h"

namespace tributary::converters {

void RegisterPlugins(connect::PluginRegistry& registry) {
  registry.AddConverter({"org.apache.kafka.connect.storage.StringConverter"},
                        [] { return std::make_unique<StringConverter>(); });
  registry.AddConverter({"org.apache.kafka.connect.converters.ByteArrayConverter"},
                        [] { return std::make_unique<ByteArrayConverter>(); });
  registry.AddConverter({"org.apache.kafka.connect.json.JsonConverter"},
                        [] { return std::make_unique<JsonConverter>(); });
  registry.AddConverter({"io.confluent.connect.avro.AvroConverter"},
                        [] { return std::make_unique<AvroConverter>(); });
  registry.AddConverter({"com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter"},
                        [] { return std::make_unique<GlueAvroConverter>(); });
}

}  // namespace tributary::converters
