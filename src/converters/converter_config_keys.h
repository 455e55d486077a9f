// The configuration keys of the converters Tributary ships, as their Java originals define
// them (the keys after key.converter. / value.converter.): Kafka's JsonConverter,
// StringConverter and ByteArrayConverter, Confluent's AvroConverter (its serializer, schema
// registry client and AvroData keys) and AWS Glue's AWSKafkaAvroConverter. Keys Tributary
// accepts but does not act on say so in their doc.
#pragma once

#include "connect/config_def.h"

namespace tributary::converters {

connect::ConfigDef JsonConverterConfigDef();
connect::ConfigDef StringConverterConfigDef();
connect::ConfigDef ByteArrayConverterConfigDef();
connect::ConfigDef AvroConverterConfigDef();
connect::ConfigDef GlueAvroConverterConfigDef();

}  // namespace tributary::converters
