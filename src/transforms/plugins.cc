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
#include "transforms/value_to_key.h"

namespace tributary::transforms {

namespace {

constexpr const char* kKafka = "org.apache.kafka.connect.transforms.";

template <typename T>
void AddSimple(connect::PluginRegistry& registry, const std::string& name) {
  registry.AddTransformation({std::string(kKafka) + name}, [] { return std::make_unique<T>(); });
}

// Registers T's $Key and $Value variants.
template <typename T>
void AddKeyValue(connect::PluginRegistry& registry, const std::string& name) {
  registry.AddTransformation({std::string(kKafka) + name + "$Key"},
                             [] { return std::make_unique<T>(RecordPart::kKey); });
  registry.AddTransformation({std::string(kKafka) + name + "$Value"},
                             [] { return std::make_unique<T>(RecordPart::kValue); });
}

}  // namespace

void RegisterPlugins(connect::PluginRegistry& registry) {
  registry.AddTransformation({"io.debezium.transforms.ExtractNewRecordState"},
                             [] { return std::make_unique<ExtractNewRecordState>(); });
  AddSimple<RegexRouter>(registry, "RegexRouter");
  AddSimple<Filter>(registry, "Filter");
  AddSimple<ValueToKey>(registry, "ValueToKey");
  AddKeyValue<InsertField>(registry, "InsertField");
  AddKeyValue<ReplaceField>(registry, "ReplaceField");
  AddKeyValue<ExtractField>(registry, "ExtractField");
  AddKeyValue<HoistField>(registry, "HoistField");
  AddKeyValue<SetSchemaMetadata>(registry, "SetSchemaMetadata");
  AddKeyValue<MaskField>(registry, "MaskField");
  AddKeyValue<Flatten>(registry, "Flatten");
  AddKeyValue<Cast>(registry, "Cast");
  AddKeyValue<TimestampConverter>(registry, "TimestampConverter");

  const std::string predicates = std::string(kKafka) + "predicates.";
  registry.AddPredicate({predicates + "TopicNameMatches"},
                        [] { return std::make_unique<TopicNameMatches>(); });
  registry.AddPredicate({predicates + "HasHeaderKey"},
                        [] { return std::make_unique<HasHeaderKey>(); });
  registry.AddPredicate({predicates + "RecordIsTombstone"},
                        [] { return std::make_unique<RecordIsTombstone>(); });
}

}  // namespace tributary::transforms
