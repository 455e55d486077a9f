#include "transforms/cast.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "converters/decimal_text.h"
#include "converters/json_text.h"
#include "transforms/time_format.h"

namespace tributary::transforms {

using data::Type;
using data::Value;

namespace {

Result<Type> ParseType(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::pair<const char*, Type> kTypes[] = {
      {"int8", Type::kInt8},       {"int16", Type::kInt16},     {"int32", Type::kInt32},
      {"int64", Type::kInt64},     {"float32", Type::kFloat32}, {"float64", Type::kFloat64},
      {"boolean", Type::kBoolean}, {"string", Type::kString}};
  for (const auto& [name, type] : kTypes)
    if (text == name) return type;
  return Status::InvalidArgument(
      "invalid type '{}' in configuration spec: allowed types are int8, int16, int32, int64, "
      "float32, float64, boolean, string",
      text);
}

// Java's narrowing of a double to a long (NaN -> 0, saturating).
int64_t DoubleToLong(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

// Wraps a long to the width of `type`, as Java's (byte)/(short)/(int) casts.
int64_t Wrap(int64_t v, Type type) {
  switch (type) {
    case Type::kInt8: return static_cast<int8_t>(static_cast<uint8_t>(v));
    case Type::kInt16: return static_cast<int16_t>(static_cast<uint16_t>(v));
    case Type::kInt32: return static_cast<int32_t>(static_cast<uint32_t>(v));
    default: return v;
  }
}

// Java's intValue() etc. of a double: through int for int8/16/32, through long for int64.
int64_t NarrowDouble(double d, Type type) {
  if (type == Type::kInt64) return DoubleToLong(d);
  int64_t as_int = std::isnan(d) ? 0
                   : d >= 2147483647.0 ? 2147483647
                   : d <= -2147483648.0 ? -2147483648LL
                                        : static_cast<int64_t>(d);
  return Wrap(as_int, type);
}

// Values.dateFormatFor: time-only below one day, date-only at midnight, else a timestamp.
std::string IsoText(int64_t ms) {
  const char* pattern = ms < 86400000 && ms >= 0 ? "HH:mm:ss.SSS'Z'"
                        : ms % 86400000 == 0     ? "yyyy-MM-dd"
                                                 : "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
  return TimeFormat::Compile(pattern).value().Format(ms);
}

}  // namespace

Status Cast::Configure(const connect::Config& config) {
  TRIB_RETURN_IF_ERROR(CheckFieldSyntaxVersion(config));
  whole_value_.reset();
  fields_.clear();
  auto entries = config.GetList("spec");
  if (entries.empty())
    return Status::InvalidArgument(
        "missing required configuration spec (a type, or field:type pairs)");
  for (const auto& entry : entries) {
    size_t colon = entry.find(':');
    if (colon == std::string::npos) {
      if (entries.size() > 1)
        return Status::InvalidArgument(
            "invalid configuration spec '{}': a cast of the entire value cannot also name fields",
            config.GetString("spec"));
      TRIB_ASSIGN_OR_RETURN(Type type, ParseType(entry));
      whole_value_ = type;
      continue;
    }
    std::string field = entry.substr(0, colon);
    TRIB_ASSIGN_OR_RETURN(Type type, ParseType(entry.substr(colon + 1)));
    fields_[field] = type;
  }
  TRIB_ASSIGN_OR_RETURN(replace_null_with_default_,
                        config.GetBool("replace.null.with.default", true));
  return Status::OK();
}

Result<Value> Cast::CastValue(const data::Schema* schema, const Value& value, Type target) {
  if (value.is_null()) return Value();
  const bool is_decimal = schema && schema->IsNamed(data::names::kDecimal);
  const bool is_time = schema && (schema->IsNamed(data::names::kDate) ||
                                  schema->IsNamed(data::names::kTime) ||
                                  schema->IsNamed(data::names::kTimestamp));
  auto unsupported = [&] {
    return Status::InvalidArgument("Cast cannot convert {} to {}", value.DebugString(),
                                   data::TypeName(target));
  };
  if (value.kind() == Value::Kind::kStruct || value.kind() == Value::Kind::kArray ||
      value.kind() == Value::Kind::kMap)
    return unsupported();

  if (target == Type::kString) {
    std::string out;
    switch (value.kind()) {
      case Value::Kind::kBool: out = value.as_bool() ? "true" : "false"; break;
      case Value::Kind::kInt:
        if (is_time) {
          int64_t ms = value.as_int();
          if (schema->IsNamed(data::names::kDate)) ms *= 86400000;
          out = IsoText(ms);
        } else {
          out = std::to_string(value.as_int());
        }
        break;
      case Value::Kind::kDouble:
        if (schema && schema->type() == Type::kFloat32)
          converters::AppendJavaFloat(&out, static_cast<float>(value.as_double()));
        else
          converters::AppendJavaDouble(&out, value.as_double());
        if (!out.empty() && out.front() == '"') out = out.substr(1, out.size() - 2);  // NaN
        break;
      case Value::Kind::kString: out = value.as_string(); break;
      case Value::Kind::kBytes:
        if (is_decimal) {
          const std::string* scale = schema->parameter(data::names::kDecimalScaleParam);
          out = converters::DecimalToString(value.as_bytes(), scale ? std::atoi(scale->c_str()) : 0);
        } else {
          converters::AppendBase64(&out, value.as_bytes());
        }
        break;
      default: return unsupported();
    }
    return Value::String(std::move(out));
  }

  // Numeric and boolean targets: first the value as a number (or parsed text).
  double as_double = 0;
  int64_t as_long = 0;
  bool integral = true;
  switch (value.kind()) {
    case Value::Kind::kBool: as_long = value.as_bool() ? 1 : 0; break;
    case Value::Kind::kInt: as_long = value.as_int(); break;
    case Value::Kind::kDouble:
      integral = false;
      as_double = value.as_double();
      break;
    case Value::Kind::kBytes: {
      if (!is_decimal) return unsupported();
      const std::string* scale = schema->parameter(data::names::kDecimalScaleParam);
      std::string text =
          converters::DecimalToString(value.as_bytes(), scale ? std::atoi(scale->c_str()) : 0);
      integral = false;
      as_double = std::strtod(text.c_str(), nullptr);
      break;
    }
    case Value::Kind::kString: {
      const std::string& s = value.as_string();
      if (target == Type::kBoolean) {
        std::string lower = s;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return Value::Bool(lower == "true");
      }
      if (target == Type::kFloat32 || target == Type::kFloat64) {
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0')
          return Status::InvalidArgument("Cast cannot parse '{}' as {}", s, data::TypeName(target));
        return Value::Double(target == Type::kFloat32 ? static_cast<double>(static_cast<float>(d)) : d);
      }
      int64_t v = 0;
      auto r = std::from_chars(s.data(), s.data() + s.size(), v);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size() || Wrap(v, target) != v)
        return Status::InvalidArgument("Cast cannot parse '{}' as {}", s, data::TypeName(target));
      return Value::Int(v);
    }
    default: return unsupported();
  }
  switch (target) {
    case Type::kBoolean: return Value::Bool(integral ? as_long != 0 : DoubleToLong(as_double) != 0);
    case Type::kFloat32:
      return Value::Double(static_cast<double>(
          static_cast<float>(integral ? static_cast<double>(as_long) : as_double)));
    case Type::kFloat64: return Value::Double(integral ? static_cast<double>(as_long) : as_double);
    default: return Value::Int(integral ? Wrap(as_long, target) : NarrowDouble(as_double, target));
  }
}

data::SchemaPtr Cast::TargetSchema(const data::Schema& source, Type target) const {
  data::SchemaBuilder b(target);
  b.Optional(source.optional());
  if (source.default_value() && !source.default_value()->is_null()) {
    auto cast_default = CastValue(&source, *source.default_value(), target);
    if (cast_default.ok()) b.Default(std::move(cast_default).value());
  }
  return b.Build();
}

Status Cast::Apply(data::Record& record, bool* keep) {
  *keep = true;
  const data::SchemaPtr& schema = PartSchema(record, part_);
  Value& value = MutablePartValue(record, part_);
  auto annotate = [&](const Status& s, std::string_view field) {
    return s.Annotate(field.empty() ? fmt::format("casting the {}", PartName(part_))
                                    : fmt::format("casting field '{}'", field));
  };
  if (whole_value_) {
    Type target = *whole_value_;
    auto cast = CastValue(schema.get(), value, target);
    if (!cast.ok()) return annotate(cast.status(), "");
    data::SchemaPtr out_schema;
    if (schema) {
      const data::SchemaPtr* cached = cache_.Find(schema);
      out_schema = cached ? *cached : cache_.Put(schema, TargetSchema(*schema, target));
    }
    SetPart(record, part_, std::move(out_schema), std::move(cast).value());
    return Status::OK();
  }
  if (value.is_null() && schema == nullptr) return Status::OK();
  if (schema == nullptr) {
    TRIB_RETURN_IF_ERROR(RequireMap(value, "cast types"));
    data::Map out = value.as_map();
    for (auto& [k, v] : out) {
      if (k.kind() != Value::Kind::kString) continue;
      auto it = fields_.find(k.as_string());
      if (it == fields_.end()) continue;
      auto cast = CastValue(nullptr, v, it->second);
      if (!cast.ok()) return annotate(cast.status(), k.as_string());
      v = std::move(cast).value();
    }
    value = Value::MapOf(std::move(out));
    return Status::OK();
  }
  if (schema->type() != Type::kStruct)
    return Status::InvalidArgument("Cast with field:type pairs needs a struct {}, got {}",
                                   PartName(part_), schema->DebugString());
  const data::SchemaPtr* cached = cache_.Find(schema);
  if (cached == nullptr) {
    data::SchemaBuilder b = CopySchemaBasics(*schema, Type::kStruct);
    for (const auto& f : schema->fields()) {
      auto it = fields_.find(f.name);
      b.Field(f.name, it == fields_.end() ? f.schema : TargetSchema(*f.schema, it->second));
    }
    cached = &cache_.Put(schema, b.Build());
  }
  data::SchemaPtr out_schema = *cached;
  if (value.is_null()) {
    SetPart(record, part_, std::move(out_schema), Value());
    return Status::OK();
  }
  TRIB_RETURN_IF_ERROR(RequireStruct(value, "cast types"));
  data::StructValue out;
  out.schema = out_schema;
  out.values.reserve(schema->fields().size());
  const auto& in = value.as_struct();
  for (const auto& f : schema->fields()) {
    Value v = in.values[f.index];
    if (v.is_null() && replace_null_with_default_ && f.schema->default_value())
      v = *f.schema->default_value();
    auto it = fields_.find(f.name);
    if (it != fields_.end()) {
      auto cast = CastValue(f.schema.get(), v, it->second);
      if (!cast.ok()) return annotate(cast.status(), f.name);
      v = std::move(cast).value();
    }
    out.values.push_back(std::move(v));
  }
  SetPart(record, part_, std::move(out_schema), Value::Struct(std::move(out)));
  return Status::OK();
}

}  // namespace tributary::transforms
