#include "converters/plugins.h"

#include "converters/byte_array_converter.h"
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
  // Avro converters (registry engineer): register them here, next to the others.
}

}  // namespace tributary::converters
