#include "transforms/flatten.h"

namespace tributary::transforms {

using data::SchemaBuilder;
using data::Type;
using data::Value;

Status Flatten::Configure(const connect::Config& config) {
  delimiter_ = config.GetString("delimiter", ".");
  return Status::OK();
}

void Flatten::FlattenSchema(const data::Schema& schema, const std::string& prefix,
                            bool optional_parent, const Value* parent_default,
                            SchemaBuilder& out) const {
  for (const auto& f : schema.fields()) {
    std::string name = prefix.empty() ? f.name : prefix + delimiter_ + f.name;
    bool optional = optional_parent || f.schema->optional();
    const Value* field_default = f.schema->default_value();
    if (field_default == nullptr && parent_default != nullptr &&
        parent_default->kind() == Value::Kind::kStruct)
      field_default = parent_default->field(f.name);
    if (f.schema->type() == Type::kStruct) {
      FlattenSchema(*f.schema, name, optional, field_default, out);
      continue;
    }
    SchemaBuilder b = f.schema->type() == Type::kArray ? SchemaBuilder::Array(f.schema->value_schema())
                      : f.schema->type() == Type::kMap
                          ? SchemaBuilder::Map(f.schema->key_schema(), f.schema->value_schema())
                          : SchemaBuilder(f.schema->type());
    if (f.schema->name()) b.Name(*f.schema->name());
    if (f.schema->version()) b.Version(*f.schema->version());
    if (f.schema->doc()) b.Doc(*f.schema->doc());
    for (const auto& [k, v] : f.schema->parameters()) b.Parameter(k, v);
    b.Optional(optional);
    if (field_default != nullptr && !field_default->is_null()) b.Default(*field_default);
    out.Field(std::move(name), b.Build());
  }
}

void Flatten::FlattenStruct(const data::Schema& schema, const Value* value,
                            std::vector<Value>& out) const {
  for (const auto& f : schema.fields()) {
    const Value* v = value && !value->is_null() ? &value->as_struct().values[f.index] : nullptr;
    if (f.schema->type() == Type::kStruct) {
      FlattenStruct(*f.schema, v, out);
    } else {
      out.push_back(v ? *v : Value());
    }
  }
}

void Flatten::FlattenMap(const Value& map, const std::string& prefix, data::Map& out) const {
  for (const auto& [k, v] : map.as_map()) {
    std::string key = k.kind() == Value::Kind::kString ? k.as_string() : k.DebugString();
    std::string name = prefix.empty() ? key : prefix + delimiter_ + key;
    if (v.kind() == Value::Kind::kMap) {
      FlattenMap(v, name, out);
    } else {
      out.emplace_back(Value::String(std::move(name)), v);
    }
  }
}

Status Flatten::Apply(data::Record& record, bool* keep) {
  *keep = true;
  const data::SchemaPtr& schema = PartSchema(record, part_);
  const Value& value = PartValue(record, part_);
  if (schema == nullptr) {
    if (value.is_null()) return Status::OK();
    TRIB_RETURN_IF_ERROR(RequireMap(value, "flattening"));
    data::Map out;
    FlattenMap(value, "", out);
    SetPart(record, part_, nullptr, Value::MapOf(std::move(out)));
    return Status::OK();
  }
  if (!value.is_null()) TRIB_RETURN_IF_ERROR(RequireStruct(value, "flattening"));
  if (schema->type() != Type::kStruct)
    return Status::InvalidArgument("Flatten needs a struct {} schema, got {}", PartName(part_),
                                   schema->DebugString());
  const data::SchemaPtr* cached = cache_.Find(schema);
  if (cached == nullptr) {
    SchemaBuilder b = CopySchemaBasics(*schema, Type::kStruct);
    FlattenSchema(*schema, "", schema->optional(), schema->default_value(), b);
    cached = &cache_.Put(schema, b.Build());
  }
  data::SchemaPtr out_schema = *cached;
  if (value.is_null()) {
    SetPart(record, part_, std::move(out_schema), Value());
    return Status::OK();
  }
  data::StructValue out;
  out.schema = out_schema;
  out.values.reserve(out_schema->fields().size());
  FlattenStruct(*schema, &value, out.values);
  SetPart(record, part_, std::move(out_schema), Value::Struct(std::move(out)));
  return Status::OK();
}

}  // namespace tributary::transforms
