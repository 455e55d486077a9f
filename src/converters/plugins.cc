#include "converters/plugins.h"

#include "converters/avro_converter.h"
#include "converters/byte_array_converter.h"
#include "converters/converter_config_keys.h"
#include "converters/glue_avro_converter.h"
#include "converters/json_converter.h"
#include "converters/string_converter.h"

namespace tributary::converters {

void RegisterPlugins(connect::PluginRegistry& registry) {
  struct Entry {
    std::string class_name;
    connect::PluginRegistry::ConverterFactory factory;
    connect::ConfigDef keys;
  };
  const Entry entries[] = {
      {"org.apache.kafka.connect.storage.StringConverter",
       [] { return std::make_unique<StringConverter>(); }, StringConverterConfigDef()},
      {"org.apache.kafka.connect.converters.ByteArrayConverter",
       [] { return std::make_unique<ByteArrayConverter>(); }, ByteArrayConverterConfigDef()},
      {"org.apache.kafka.connect.json.JsonConverter",
       [] { return std::make_unique<JsonConverter>(); }, JsonConverterConfigDef()},
      {"io.confluent.connect.avro.AvroConverter",
       [] { return std::make_unique<AvroConverter>(); }, AvroConverterConfigDef()},
      {"com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter",
       [] { return std::make_unique<GlueAvroConverter>(); }, GlueAvroConverterConfigDef()},
  };
  for (const Entry& e : entries) {
    registry.AddConverter({e.class_name}, e.factory);
    registry.Declare({e.class_name}, e.keys);
  }
}

}  // namespace tributary::converters
