// The configuration keys of the transformations and predicates Tributary ships (the keys after
// transforms.<alias>. / predicates.<alias>.), as Kafka's and Debezium's documentation lists
// them, including deprecated names (ReplaceField's blacklist/whitelist, ExtractNewRecordState's
// drop.tombstones, delete.handling.mode, operation.header, add.source.fields).
#pragma once

#include "connect/config_def.h"

namespace tributary::transforms {

connect::ConfigDef ExtractNewRecordStateConfigDef();
connect::ConfigDef RegexRouterConfigDef();
connect::ConfigDef FilterConfigDef();
connect::ConfigDef ValueToKeyConfigDef();
connect::ConfigDef InsertFieldConfigDef();
connect::ConfigDef ReplaceFieldConfigDef();
connect::ConfigDef ExtractFieldConfigDef();
connect::ConfigDef HoistFieldConfigDef();
connect::ConfigDef SetSchemaMetadataConfigDef();
connect::ConfigDef MaskFieldConfigDef();
connect::ConfigDef FlattenConfigDef();
connect::ConfigDef CastConfigDef();
connect::ConfigDef TimestampConverterConfigDef();

connect::ConfigDef TopicNameMatchesConfigDef();
connect::ConfigDef HasHeaderKeyConfigDef();
connect::ConfigDef RecordIsTombstoneConfigDef();

}  // namespace tributary::transforms
