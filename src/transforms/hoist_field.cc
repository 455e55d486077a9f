#include "transforms/hoist_field.h"

namespace tributary::transforms {

using data::Value;

Status HoistField::Configure(const connect::Config& config) {
  TRIB_RETURN_IF_ERROR(CheckFieldSyntaxVersion(config));
  TRIB_ASSIGN_OR_RETURN(field_, GetRequired(config, "field", "the wrapper field's name"));
  return Status::OK();
}

Status HoistField::Apply(data::Record& record, bool* keep) {
  *keep = true;
  data::SchemaPtr schema = PartSchema(record, part_);
  Value input = std::move(MutablePartValue(record, part_));
  if (schema == nullptr) {
    SetPart(record, part_, nullptr, Value::MapOf({{Value::String(field_), std::move(input)}}));
    return Status::OK();
  }
  const data::SchemaPtr* cached = cache_.Find(schema);
  const data::SchemaPtr& out_schema =
      cached ? *cached : cache_.Put(schema, data::SchemaBuilder::Struct().Field(field_, schema).Build());
  data::StructValue out;
  out.schema = out_schema;
  out.values.push_back(std::move(input));
  SetPart(record, part_, out_schema, Value::Struct(std::move(out)));
  return Status::OK();
}

}  // namespace tributary::transforms
