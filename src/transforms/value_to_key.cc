#include "transforms/value_to_key.h"

namespace tributary::transforms {

using data::Value;

Status ValueToKey::Configure(const connect::Config& config) {
  TRIB_RETURN_IF_ERROR(CheckFieldSyntaxVersion(config));
  fields_ = config.GetList("fields");
  if (fields_.empty())
    return Status::InvalidArgument(
        "missing required configuration fields (the value fields that form the key)");
  TRIB_ASSIGN_OR_RETURN(replace_null_with_default_,
                        config.GetBool("replace.null.with.default", true));
  return Status::OK();
}

Status ValueToKey::Apply(data::Record& record, bool* keep) {
  *keep = true;
  if (record.value.is_null()) return Status::OK();
  if (record.value_schema == nullptr) {
    TRIB_RETURN_IF_ERROR(RequireMap(record.value, "copying fields from value to key"));
    data::Map key;
    for (const auto& name : fields_) {
      const Value* v = MapGet(record.value, name);
      key.emplace_back(Value::String(name), v ? *v : Value());
    }
    record.key_schema = nullptr;
    record.key = Value::MapOf(std::move(key));
    return Status::OK();
  }
  TRIB_RETURN_IF_ERROR(RequireStruct(record.value, "copying fields from value to key"));
  const data::SchemaPtr& schema = record.value_schema;
  const data::SchemaPtr* cached = cache_.Find(schema);
  if (cached == nullptr) {
    data::SchemaBuilder b = data::SchemaBuilder::Struct();
    for (const auto& name : fields_) {
      const data::Field* f = schema->field(name);
      if (f == nullptr)
        return Status::InvalidArgument("field '{}' listed in configuration fields does not exist "
                                       "in the value schema {}",
                                       name, schema->DebugString());
      b.Field(name, f->schema);
    }
    cached = &cache_.Put(schema, b.Build());
  }
  data::StructValue key;
  key.schema = *cached;
  for (const auto& name : fields_) {
    const data::Field* f = schema->field(name);
    Value v = record.value.as_struct().values[f->index];
    if (v.is_null() && replace_null_with_default_ && f->schema->default_value())
      v = *f->schema->default_value();
    key.values.push_back(std::move(v));
  }
  record.key_schema = *cached;
  record.key = Value::Struct(std::move(key));
  return Status::OK();
}

}  // namespace tributary::transforms
