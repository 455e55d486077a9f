#include "transforms/plugins.h"

#include "transforms/cast.h"
#include "transforms/extract_field.h"
#include "transforms/extract_new_record_state.h"
#include "transforms/filter.h"
#include "transforms/flatten.h"
#include "transforms/hoist_field.h"
#include "transforms/insert_field.h"
#include "transforms/mask_field.h"
#include "transforms/predicates.h"
#include "transforms/regex_router.h"
#include "transforms/replace_field.h"
#include "transforms/set_schema_metadata.h"
#include "transforms/timestamp_converter.h"
#include "transforms/transform_config_keys.h"
#include "transforms/value_to_key.h"

namespace tributary::transforms {

namespace {

constexpr const char* kKafka = "org.apache.kafka.connect.transforms.";

template <typename T>
void AddSimple(connect::PluginRegistry& registry, const std::string& name,
               connect::ConfigDef keys) {
  registry.AddTransformation({std::string(kKafka) + name}, [] { return std::make_unique<T>(); });
  registry.Declare({std::string(kKafka) + name}, std::move(keys));
}

// Registers T's $Key and $Value variants.
template <typename T>
void AddKeyValue(connect::PluginRegistry& registry, const std::string& name,
                 connect::ConfigDef keys) {
  registry.AddTransformation({std::string(kKafka) + name + "$Key"},
                             [] { return std::make_unique<T>(RecordPart::kKey); });
  registry.AddTransformation({std::string(kKafka) + name + "$Value"},
                             [] { return std::make_unique<T>(RecordPart::kValue); });
  registry.Declare({std::string(kKafka) + name + "$Key", std::string(kKafka) + name + "$Value"},
                   std::move(keys));
}

}  // namespace

void RegisterPlugins(connect::PluginRegistry& registry) {
  registry.AddTransformation({"io.debezium.transforms.ExtractNewRecordState"},
                             [] { return std::make_unique<ExtractNewRecordState>(); });
  registry.Declare({"io.debezium.transforms.ExtractNewRecordState"},
                   ExtractNewRecordStateConfigDef());
  AddSimple<RegexRouter>(registry, "RegexRouter", RegexRouterConfigDef());
  AddSimple<Filter>(registry, "Filter", FilterConfigDef());
  AddSimple<ValueToKey>(registry, "ValueToKey", ValueToKeyConfigDef());
  AddKeyValue<InsertField>(registry, "InsertField", InsertFieldConfigDef());
  AddKeyValue<ReplaceField>(registry, "ReplaceField", ReplaceFieldConfigDef());
  AddKeyValue<ExtractField>(registry, "ExtractField", ExtractFieldConfigDef());
  AddKeyValue<HoistField>(registry, "HoistField", HoistFieldConfigDef());
  AddKeyValue<SetSchemaMetadata>(registry, "SetSchemaMetadata", SetSchemaMetadataConfigDef());
  AddKeyValue<MaskField>(registry, "MaskField", MaskFieldConfigDef());
  AddKeyValue<Flatten>(registry, "Flatten", FlattenConfigDef());
  AddKeyValue<Cast>(registry, "Cast", CastConfigDef());
  AddKeyValue<TimestampConverter>(registry, "TimestampConverter", TimestampConverterConfigDef());

  const std::string predicates = std::string(kKafka) + "predicates.";
  registry.AddPredicate({predicates + "TopicNameMatches"},
                        [] { return std::make_unique<TopicNameMatches>(); });
  registry.Declare({predicates + "TopicNameMatches"}, TopicNameMatchesConfigDef());
  registry.AddPredicate({predicates + "HasHeaderKey"},
                        [] { return std::make_unique<HasHeaderKey>(); });
  registry.Declare({predicates + "HasHeaderKey"}, HasHeaderKeyConfigDef());
  registry.AddPredicate({predicates + "RecordIsTombstone"},
                        [] { return std::make_unique<RecordIsTombstone>(); });
  registry.Declare({predicates + "RecordIsTombstone"}, RecordIsTombstoneConfigDef());
}

}  // namespace tributary::transforms
