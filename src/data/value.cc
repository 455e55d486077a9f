#include "data/value.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tributary::data {

bool StructValue::operator==(const StructValue& other) const {
  if (values != other.values) return false;
  if (schema == other.schema) return true;
  return schema && other.schema && schema->Equals(*other.schema);
}

Value Value::EmptyStruct(SchemaPtr schema) {
  StructValue s;
  s.values.resize(schema->fields().size());
  s.schema = std::move(schema);
  return Struct(std::move(s));
}

const Value* Value::field(std::string_view name) const {
  const StructValue& s = as_struct();
  const Field* f = s.schema->field(name);
  if (f == nullptr || static_cast<size_t>(f->index) >= s.values.size()) return nullptr;
  return &s.values[f->index];
}

bool Value::set(std::string_view name, Value v) {
  StructValue& s = mutable_struct();
  const Field* f = s.schema->field(name);
  if (f == nullptr) return false;
  if (s.values.size() < s.schema->fields().size()) s.values.resize(s.schema->fields().size());
  s.values[f->index] = std::move(v);
  return true;
}

namespace {

nlohmann::json ToJson(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return nullptr;
    case Value::Kind::kBool: return v.as_bool();
    case Value::Kind::kInt: return v.as_int();
    case Value::Kind::kDouble: return v.as_double();
    case Value::Kind::kString: return v.as_string();
    case Value::Kind::kBytes: {
      std::string hex = "0x";
      for (unsigned char c : v.as_bytes()) hex += fmt::format("{:02x}", c);
      return hex;
    }
    case Value::Kind::kStruct: {
      nlohmann::ordered_json o = nlohmann::ordered_json::object();
      const auto& s = v.as_struct();
      for (const auto& f : s.schema->fields())
        o[f.name] = ToJson(static_cast<size_t>(f.index) < s.values.size() ? s.values[f.index]
                                                                           : Value());
      return nlohmann::json::parse(o.dump());
    }
    case Value::Kind::kArray: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& e : v.as_array()) a.push_back(ToJson(e));
      return a;
    }
    case Value::Kind::kMap: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& [k, e] : v.as_map()) a.push_back({ToJson(k), ToJson(e)});
      return a;
    }
  }
  return nullptr;
}

bool KindMatches(Type type, Value::Kind kind) {
  switch (type) {
    case Type::kInt8:
    case Type::kInt16:
    case Type::kInt32:
    case Type::kInt64: return kind == Value::Kind::kInt;
    case Type::kFloat32:
    case Type::kFloat64: return kind == Value::Kind::kDouble;
    case Type::kBoolean: return kind == Value::Kind::kBool;
    case Type::kString: return kind == Value::Kind::kString;
    case Type::kBytes: return kind == Value::Kind::kBytes;
    case Type::kArray: return kind == Value::Kind::kArray;
    case Type::kMap: return kind == Value::Kind::kMap;
    case Type::kStruct: return kind == Value::Kind::kStruct;
  }
  return false;
}

std::string Validate(const Schema& schema, const Value& value, const std::string& path) {
  if (value.is_null()) {
    if (schema.optional() || schema.default_value() != nullptr) return "";
    return fmt::format("'{}' is null but its schema is not optional", path);
  }
  if (!KindMatches(schema.type(), value.kind()))
    return fmt::format("'{}' holds a {} value but its schema is {}", path,
                       static_cast<int>(value.kind()), TypeName(schema.type()));
  if (schema.type() == Type::kStruct) {
    const auto& s = value.as_struct();
    for (const auto& f : schema.fields()) {
      Value none;
      const Value& fv = static_cast<size_t>(f.index) < s.values.size() ? s.values[f.index] : none;
      std::string err = Validate(*f.schema, fv, path.empty() ? f.name : path + "." + f.name);
      if (!err.empty()) return err;
    }
  } else if (schema.type() == Type::kArray) {
    const auto& a = value.as_array();
    for (size_t i = 0; i < a.size(); ++i) {
      std::string err = Validate(*schema.value_schema(), a[i], fmt::format("{}[{}]", path, i));
      if (!err.empty()) return err;
    }
  }
  return "";
}

}  // namespace

std::string Value::DebugString() const { return ToJson(*this).dump(); }

std::string ValidateValue(const Schema& schema, const Value& value) {
  return Validate(schema, value, "");
}

}  // namespace tributary::data
