#include "data/value.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tributary::data {

bool StructValue::operator==(const StructValue& other) const {
  if (values != other.values) return false;
  if (schema == other.schema) return true;
  return schema && other.schema && schema->Equals(*other.schema);
}

void Value::CopyPayload(const Value& other) {
  switch (kind_) {
    case Kind::kString: new (&string_) std::string(other.string_); break;
    case Kind::kBytes: new (&bytes_) Bytes(other.bytes_); break;
    case Kind::kStruct: new (&struct_) StructValue(other.struct_); break;
    case Kind::kArray: new (&array_) Array(other.array_); break;
    case Kind::kMap: new (&map_) Map(other.map_); break;
    default: scalar_ = other.scalar_; break;
  }
}

void Value::MovePayload(Value&& other) noexcept {
  switch (kind_) {
    case Kind::kString: new (&string_) std::string(std::move(other.string_)); break;
    case Kind::kBytes: new (&bytes_) Bytes(std::move(other.bytes_)); break;
    case Kind::kStruct: new (&struct_) StructValue(std::move(other.struct_)); break;
    case Kind::kArray: new (&array_) Array(std::move(other.array_)); break;
    case Kind::kMap: new (&map_) Map(std::move(other.map_)); break;
    default: scalar_ = other.scalar_; break;
  }
}

void Value::DestroyPayload() noexcept {
  switch (kind_) {
    case Kind::kString: string_.~basic_string(); break;
    case Kind::kBytes: bytes_.~Bytes(); break;
    case Kind::kStruct: struct_.~StructValue(); break;
    case Kind::kArray: array_.~Array(); break;
    case Kind::kMap: map_.~Map(); break;
    default: break;
  }
}

bool Value::operator==(const Value& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::kNull: return true;
    case Kind::kBool: return scalar_.b == other.scalar_.b;
    case Kind::kInt: return scalar_.i == other.scalar_.i;
    case Kind::kDouble: return scalar_.d == other.scalar_.d;
    case Kind::kString: return string_ == other.string_;
    case Kind::kBytes: return bytes_ == other.bytes_;
    case Kind::kStruct: return struct_ == other.struct_;
    case Kind::kArray: return array_ == other.array_;
    case Kind::kMap: return map_ == other.map_;
  }
  return false;
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
