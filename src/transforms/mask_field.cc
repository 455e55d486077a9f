#include "transforms/mask_field.h"

#include <charconv>
#include <cstdlib>

#include "converters/decimal_text.h"

namespace tributary::transforms {

using data::Type;
using data::Value;

Status MaskField::Configure(const connect::Config& config) {
  TRIB_RETURN_IF_ERROR(CheckFieldSyntaxVersion(config));
  auto list = config.GetList("fields");
  if (list.empty())
    return Status::InvalidArgument("missing required configuration fields (the fields to mask)");
  fields_ = std::set<std::string>(list.begin(), list.end());
  replacement_.reset();
  if (auto r = config.Get("replacement"); r && !r->empty()) replacement_ = *r;
  TRIB_ASSIGN_OR_RETURN(replace_null_with_default_,
                        config.GetBool("replace.null.with.default", true));
  return Status::OK();
}

Result<Value> MaskField::Masked(const data::Schema* schema, const Value& value,
                                const std::string& field) const {
  if (value.is_null()) return Value();
  auto cannot = [&](std::string_view what) {
    return Status::InvalidArgument("cannot mask field '{}': values of type {} cannot be masked{}",
                                   field, what, replacement_ ? " with a custom replacement" : "");
  };
  auto parse_int = [&]() -> Result<Value> {
    int64_t v = 0;
    const std::string& r = *replacement_;
    auto res = std::from_chars(r.data(), r.data() + r.size(), v);
    if (res.ec != std::errc() || res.ptr != r.data() + r.size())
      return Status::InvalidArgument("replacement '{}' for field '{}' is not an integer", r, field);
    return Value::Int(v);
  };
  auto parse_double = [&]() -> Result<Value> {
    char* end = nullptr;
    double v = std::strtod(replacement_->c_str(), &end);
    if (end == replacement_->c_str() || *end != '\0')
      return Status::InvalidArgument("replacement '{}' for field '{}' is not a number",
                                     *replacement_, field);
    return Value::Double(v);
  };
  Type type;
  if (schema != nullptr) {
    type = schema->type();
  } else {
    switch (value.kind()) {
      case Value::Kind::kBool: type = Type::kBoolean; break;
      case Value::Kind::kInt: type = Type::kInt64; break;
      case Value::Kind::kDouble: type = Type::kFloat64; break;
      case Value::Kind::kString: type = Type::kString; break;
      case Value::Kind::kBytes: type = Type::kBytes; break;
      case Value::Kind::kArray: type = Type::kArray; break;
      case Value::Kind::kMap: type = Type::kMap; break;
      default: type = Type::kStruct;
    }
  }
  bool logical_time = schema && (schema->IsNamed(data::names::kDate) ||
                                 schema->IsNamed(data::names::kTime) ||
                                 schema->IsNamed(data::names::kTimestamp));
  switch (type) {
    case Type::kInt8:
    case Type::kInt16:
    case Type::kInt32:
    case Type::kInt64:
      if (!replacement_) return Value::Int(0);
      if (logical_time) return cannot("Date");
      return parse_int();
    case Type::kFloat32:
    case Type::kFloat64:
      return replacement_ ? parse_double() : Result<Value>(Value::Double(0));
    case Type::kBoolean:
      if (replacement_) return cannot("Boolean");
      return Value::Bool(false);
    case Type::kString: return Value::String(replacement_ ? *replacement_ : "");
    case Type::kBytes: {
      if (!schema || !schema->IsNamed(data::names::kDecimal)) return cannot("bytes");
      const std::string* scale = schema->parameter(data::names::kDecimalScaleParam);
      auto zero = converters::DecimalFromString(replacement_ ? *replacement_ : "0",
                                                scale ? std::atoi(scale->c_str()) : 0);
      if (!zero.ok()) return zero.status().Annotate("replacement for field '" + field + "'");
      return Value::BytesOf(std::move(zero).value());
    }
    case Type::kArray:
      if (replacement_) return cannot("List");
      return Value::ArrayOf({});
    case Type::kMap:
      if (replacement_) return cannot("Map");
      return Value::MapOf({});
    case Type::kStruct: return cannot("Struct");
  }
  return Value();
}

Status MaskField::Apply(data::Record& record, bool* keep) {
  *keep = true;
  const data::SchemaPtr& schema = PartSchema(record, part_);
  Value& value = MutablePartValue(record, part_);
  if (value.is_null()) return Status::OK();
  if (schema == nullptr) {
    TRIB_RETURN_IF_ERROR(RequireMap(value, "masking fields"));
    data::Map out = value.as_map();
    for (auto& [k, v] : out) {
      if (k.kind() != Value::Kind::kString || !fields_.count(k.as_string())) continue;
      TRIB_ASSIGN_OR_RETURN(v, Masked(nullptr, v, k.as_string()));
    }
    value = Value::MapOf(std::move(out));
    return Status::OK();
  }
  TRIB_RETURN_IF_ERROR(RequireStruct(value, "masking fields"));
  auto& s = value.mutable_struct();
  for (const auto& f : s.schema->fields()) {
    Value& v = s.values[f.index];
    if (v.is_null() && replace_null_with_default_ && f.schema->default_value())
      v = *f.schema->default_value();
    if (!fields_.count(f.name)) continue;
    TRIB_ASSIGN_OR_RETURN(v, Masked(f.schema.get(), v, f.name));
  }
  return Status::OK();
}

}  // namespace tributary::transforms
