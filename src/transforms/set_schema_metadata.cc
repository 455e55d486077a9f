#include "transforms/set_schema_metadata.h"

namespace tributary::transforms {

Status SetSchemaMetadata::Configure(const connect::Config& config) {
  name_.reset();
  version_.reset();
  if (auto name = config.Get("schema.name"); name && !name->empty()) name_ = *name;
  if (config.Has("schema.version") && !config.GetString("schema.version").empty()) {
    TRIB_ASSIGN_OR_RETURN(int64_t version, config.GetInt("schema.version", 0));
    version_ = static_cast<int32_t>(version);
  }
  if (!name_ && !version_)
    return Status::InvalidArgument("neither schema.name nor schema.version is configured");
  return Status::OK();
}

Status SetSchemaMetadata::Apply(data::Record& record, bool* keep) {
  *keep = true;
  const data::SchemaPtr& schema = PartSchema(record, part_);
  if (schema == nullptr)
    return Status::InvalidArgument("schema required for [updating schema metadata] of the {}",
                                   PartName(part_));
  const data::SchemaPtr* cached = cache_.Find(schema);
  if (cached == nullptr) {
    data::SchemaBuilder b = data::SchemaBuilder::From(*schema);
    if (name_) b.Name(*name_);
    if (version_) b.Version(*version_);
    cached = &cache_.Put(schema, b.Build());
  }
  data::SchemaPtr out_schema = *cached;
  data::Value& value = MutablePartValue(record, part_);
  if (value.kind() == data::Value::Kind::kStruct) value.mutable_struct().schema = out_schema;
  if (part_ == RecordPart::kKey) record.key_schema = std::move(out_schema);
  else record.value_schema = std::move(out_schema);
  return Status::OK();
}

}  // namespace tributary::transforms
