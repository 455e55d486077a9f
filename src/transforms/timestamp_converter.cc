#include "transforms/timestamp_converter.h"

#include <fmt/format.h>

namespace tributary::transforms {

using data::Type;
using data::Value;

Status TimestampConverter::Configure(const connect::Config& config) {
  TRIB_RETURN_IF_ERROR(CheckFieldSyntaxVersion(config));
  field_ = config.GetString("field");
  if (!config.Has("target.type"))
    return Status::InvalidArgument(
        "missing required configuration target.type: allowed values are string, unix, Date, "
        "Time, Timestamp");
  std::string target = config.GetString("target.type");
  if (target == "string") target_ = Kind::kString;
  else if (target == "unix") target_ = Kind::kUnix;
  else if (target == "Date") target_ = Kind::kDate;
  else if (target == "Time") target_ = Kind::kTime;
  else if (target == "Timestamp") target_ = Kind::kTimestamp;
  else
    return Status::InvalidArgument(
        "invalid value '{}' for configuration target.type: allowed values are string, unix, "
        "Date, Time, Timestamp",
        target);
  format_.reset();
  if (std::string pattern = config.GetString("format"); !pattern.empty()) {
    auto compiled = TimeFormat::Compile(pattern);
    if (!compiled.ok()) return compiled.status().Annotate("configuration format");
    format_ = std::move(compiled).value();
  }
  if (target_ == Kind::kString && !format_)
    return Status::InvalidArgument(
        "TimestampConverter requires configuration format when target.type is string");
  TRIB_ASSIGN_OR_RETURN(std::string precision,
                        GetEnum(config, "unix.precision",
                                {"nanoseconds", "microseconds", "milliseconds", "seconds"},
                                "milliseconds"));
  unix_per_ms_num_ = precision == "nanoseconds" ? 1000000 : precision == "microseconds" ? 1000 : 1;
  unix_per_ms_den_ = precision == "seconds" ? 1000 : 1;
  TRIB_ASSIGN_OR_RETURN(replace_null_with_default_,
                        config.GetBool("replace.null.with.default", true));
  return Status::OK();
}

Result<TimestampConverter::Kind> TimestampConverter::KindOf(const data::Schema* schema,
                                                            const Value& value) const {
  if (schema != nullptr) {
    if (schema->IsNamed(data::names::kTimestamp)) return Kind::kTimestamp;
    if (schema->IsNamed(data::names::kDate)) return Kind::kDate;
    if (schema->IsNamed(data::names::kTime)) return Kind::kTime;
    if (schema->type() == Type::kString) return Kind::kString;
    if (schema->type() == Type::kInt64) return Kind::kUnix;
    return Status::InvalidArgument("schema {} does not correspond to a known timestamp type format",
                                   schema->DebugString());
  }
  if (value.kind() == Value::Kind::kInt) return Kind::kUnix;
  if (value.kind() == Value::Kind::kString) return Kind::kString;
  return Status::InvalidArgument("TimestampConverter does not support {} without a schema",
                                 value.DebugString());
}

data::SchemaPtr TimestampConverter::TargetSchema(bool optional) const {
  switch (target_) {
    case Kind::kString: return optional ? data::OptionalStringSchema() : data::StringSchema();
    case Kind::kUnix: return optional ? data::OptionalInt64Schema() : data::Int64Schema();
    case Kind::kDate: return data::SchemaBuilder::Date().Optional(optional).Build();
    case Kind::kTime: return data::SchemaBuilder::Time().Optional(optional).Build();
    case Kind::kTimestamp: return data::SchemaBuilder::Timestamp().Optional(optional).Build();
  }
  return nullptr;
}

Result<Value> TimestampConverter::Convert(const data::Schema* schema, const Value& value) const {
  if (value.is_null()) return Value();
  TRIB_ASSIGN_OR_RETURN(Kind kind, KindOf(schema, value));
  int64_t ms = 0;
  switch (kind) {
    case Kind::kString: {
      if (!format_)
        return Status::InvalidArgument(
            "TimestampConverter requires configuration format to parse string timestamps");
      TRIB_ASSIGN_OR_RETURN(ms, format_->Parse(value.as_string()));
      break;
    }
    case Kind::kUnix:
      // TimeUnit conversions truncate toward zero.
      ms = value.as_int() * unix_per_ms_den_ / unix_per_ms_num_;
      break;
    case Kind::kDate: ms = value.as_int() * 86400000; break;
    case Kind::kTime:
    case Kind::kTimestamp: ms = value.as_int(); break;
  }
  switch (target_) {
    case Kind::kString: return Value::String(format_->Format(ms));
    case Kind::kUnix: return Value::Int(ms * unix_per_ms_num_ / unix_per_ms_den_);
    case Kind::kDate: return Value::Int(FloorDiv(ms, 86400000));
    case Kind::kTime: return Value::Int(ms - FloorDiv(ms, 86400000) * 86400000);
    case Kind::kTimestamp: return Value::Int(ms);
  }
  return Value();
}

Status TimestampConverter::Apply(data::Record& record, bool* keep) {
  *keep = true;
  const data::SchemaPtr& schema = PartSchema(record, part_);
  Value& value = MutablePartValue(record, part_);
  if (field_.empty()) {
    auto converted = Convert(schema.get(), value);
    if (!converted.ok()) return converted.status().Annotate(fmt::format("converting the {}", PartName(part_)));
    data::SchemaPtr out_schema;
    if (schema) {
      const data::SchemaPtr* cached = cache_.Find(schema);
      out_schema = cached ? *cached : cache_.Put(schema, TargetSchema(schema->optional()));
    }
    SetPart(record, part_, std::move(out_schema), std::move(converted).value());
    return Status::OK();
  }
  if (schema == nullptr) {
    if (value.is_null()) return Status::OK();
    TRIB_RETURN_IF_ERROR(RequireMap(value, "converting timestamp formats"));
    data::Map out = value.as_map();
    for (auto& [k, v] : out) {
      if (k.kind() != Value::Kind::kString || k.as_string() != field_) continue;
      auto converted = Convert(nullptr, v);
      if (!converted.ok()) return converted.status().Annotate("field '" + field_ + "'");
      v = std::move(converted).value();
    }
    value = Value::MapOf(std::move(out));
    return Status::OK();
  }
  if (schema->type() != Type::kStruct || schema->field(field_) == nullptr)
    return Status::InvalidArgument("field '{}' (configuration field) is not in the {} schema {}",
                                   field_, PartName(part_), schema->DebugString());
  const data::SchemaPtr* cached = cache_.Find(schema);
  if (cached == nullptr) {
    data::SchemaBuilder b = CopySchemaBasics(*schema, Type::kStruct);
    for (const auto& f : schema->fields())
      b.Field(f.name, f.name == field_ ? TargetSchema(f.schema->optional()) : f.schema);
    cached = &cache_.Put(schema, b.Build());
  }
  data::SchemaPtr out_schema = *cached;
  if (value.is_null()) {
    SetPart(record, part_, std::move(out_schema), Value());
    return Status::OK();
  }
  TRIB_RETURN_IF_ERROR(RequireStruct(value, "converting timestamp formats"));
  data::StructValue out;
  out.schema = out_schema;
  out.values = value.as_struct().values;
  const data::Field* f = schema->field(field_);
  Value& v = out.values[f->index];
  if (v.is_null() && replace_null_with_default_ && f->schema->default_value())
    v = *f->schema->default_value();
  auto converted = Convert(f->schema.get(), v);
  if (!converted.ok()) return converted.status().Annotate("field '" + field_ + "'");
  v = std::move(converted).value();
  SetPart(record, part_, std::move(out_schema), Value::Struct(std::move(out)));
  return Status::OK();
}

}  // namespace tributary::transforms
