#include "transforms/insert_field.h"

namespace tributary::transforms {

using data::SchemaBuilder;
using data::Value;

std::optional<InsertField::Spec> InsertField::ParseSpec(const std::string& text) {
  if (text.empty()) return std::nullopt;
  Spec spec{text, true};
  if (text.back() == '!' || text.back() == '?') {
    spec.optional = text.back() == '?';
    spec.name = text.substr(0, text.size() - 1);
  }
  return spec;
}

Status InsertField::Configure(const connect::Config& config) {
  TRIB_RETURN_IF_ERROR(CheckFieldSyntaxVersion(config));
  topic_ = ParseSpec(config.GetString("topic.field"));
  partition_ = ParseSpec(config.GetString("partition.field"));
  offset_ = ParseSpec(config.GetString("offset.field"));
  timestamp_ = ParseSpec(config.GetString("timestamp.field"));
  static_ = ParseSpec(config.GetString("static.field"));
  static_value_ = config.GetString("static.value");
  TRIB_ASSIGN_OR_RETURN(replace_null_with_default_,
                        config.GetBool("replace.null.with.default", true));
  if (!topic_ && !partition_ && !offset_ && !timestamp_ && !static_)
    return Status::InvalidArgument(
        "no field insertion configured: set at least one of topic.field, partition.field, "
        "offset.field, timestamp.field, static.field");
  if (static_ && !config.Has("static.value"))
    return Status::InvalidArgument("static.field is set but static.value is not");
  return Status::OK();
}

data::SchemaPtr InsertField::BuildSchema(const data::Schema& input) const {
  SchemaBuilder b = CopySchemaBasics(input, data::Type::kStruct);
  for (const auto& f : input.fields()) b.Field(f.name, f.schema);
  auto add = [&](const std::optional<Spec>& spec, SchemaBuilder type) {
    if (spec) b.Field(spec->name, type.Optional(spec->optional).Build());
  };
  add(topic_, SchemaBuilder::String());
  add(partition_, SchemaBuilder::Int32());
  add(offset_, SchemaBuilder::Int64());
  add(timestamp_, SchemaBuilder::Timestamp());
  add(static_, SchemaBuilder::String());
  return b.Build();
}

Status InsertField::Apply(data::Record& record, bool* keep) {
  *keep = true;
  const Value& input = PartValue(record, part_);
  if (input.is_null()) return Status::OK();
  if (offset_ && record.kafka_offset < 0)
    return Status::InvalidArgument(
        "offset.field '{}' can only be used on sink records (this record has no Kafka offset)",
        offset_->name);
  Value topic = Value::String(record.topic);
  Value partition = record.partition >= 0 ? Value::Int(record.partition) : Value();
  Value offset = Value::Int(record.kafka_offset);
  Value timestamp = record.timestamp_ms >= 0 ? Value::Int(record.timestamp_ms) : Value();
  Value static_value = Value::String(static_value_);

  const data::SchemaPtr& schema = PartSchema(record, part_);
  if (schema == nullptr) {
    TRIB_RETURN_IF_ERROR(RequireMap(input, "field insertion"));
    data::Map map = input.as_map();
    auto put = [&](const std::optional<Spec>& spec, const Value& v) {
      if (!spec) return;
      for (auto& [k, existing] : map) {
        if (k.kind() == Value::Kind::kString && k.as_string() == spec->name) {
          existing = v;
          return;
        }
      }
      map.emplace_back(Value::String(spec->name), v);
    };
    put(topic_, topic);
    put(partition_, partition);
    if (offset_) put(offset_, offset);
    put(timestamp_, timestamp);
    put(static_, static_value);
    SetPart(record, part_, nullptr, Value::MapOf(std::move(map)));
    return Status::OK();
  }

  TRIB_RETURN_IF_ERROR(RequireStruct(input, "field insertion"));
  const data::SchemaPtr* cached = cache_.Find(schema);
  const data::SchemaPtr& out_schema = cached ? *cached : cache_.Put(schema, BuildSchema(*schema));
  data::StructValue out;
  out.schema = out_schema;
  out.values.resize(out_schema->fields().size());
  const auto& in = input.as_struct();
  for (const auto& f : schema->fields()) {
    Value v = static_cast<size_t>(f.index) < in.values.size() ? in.values[f.index] : Value();
    if (v.is_null() && replace_null_with_default_ && f.schema->default_value())
      v = *f.schema->default_value();
    out.values[out_schema->field(f.name)->index] = std::move(v);
  }
  auto put = [&](const std::optional<Spec>& spec, const Value& v) -> Status {
    if (!spec) return Status::OK();
    if (v.is_null() && !spec->optional)
      return Status::InvalidArgument("required field '{}' has no value to insert", spec->name);
    out.values[out_schema->field(spec->name)->index] = v;
    return Status::OK();
  };
  TRIB_RETURN_IF_ERROR(put(topic_, topic));
  TRIB_RETURN_IF_ERROR(put(partition_, partition));
  TRIB_RETURN_IF_ERROR(put(offset_, offset));
  TRIB_RETURN_IF_ERROR(put(timestamp_, timestamp));
  TRIB_RETURN_IF_ERROR(put(static_, static_value));
  SetPart(record, part_, out_schema, Value::Struct(std::move(out)));
  return Status::OK();
}

}  // namespace tributary::transforms
