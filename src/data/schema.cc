#include "data/schema.h"

#include <fmt/format.h>

#include <algorithm>

#include "data/value.h"

namespace tributary::data {

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kInt8: return "int8";
    case Type::kInt16: return "int16";
    case Type::kInt32: return "int32";
    case Type::kInt64: return "int64";
    case Type::kFloat32: return "float32";
    case Type::kFloat64: return "float64";
    case Type::kBoolean: return "boolean";
    case Type::kString: return "string";
    case Type::kBytes: return "bytes";
    case Type::kArray: return "array";
    case Type::kMap: return "map";
    case Type::kStruct: return "struct";
  }
  return "unknown";
}

bool IsPrimitive(Type type) {
  return type != Type::kArray && type != Type::kMap && type != Type::kStruct;
}

const std::string* Schema::parameter(std::string_view key) const {
  for (const auto& [k, v] : parameters_)
    if (k == key) return &v;
  return nullptr;
}

const Field* Schema::field(std::string_view name) const {
  for (const auto& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

namespace {
bool SameSchema(const SchemaPtr& a, const SchemaPtr& b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return a->Equals(*b);
}
}  // namespace

bool Schema::Equals(const Schema& o) const {
  if (this == &o) return true;
  if (type_ != o.type_ || optional_ != o.optional_ || name_ != o.name_ ||
      version_ != o.version_ || doc_ != o.doc_ || parameters_ != o.parameters_)
    return false;
  if ((default_value_ == nullptr) != (o.default_value_ == nullptr)) return false;
  if (default_value_ && !(*default_value_ == *o.default_value_)) return false;
  if (fields_.size() != o.fields_.size()) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name != o.fields_[i].name ||
        !SameSchema(fields_[i].schema, o.fields_[i].schema))
      return false;
  }
  return SameSchema(key_schema_, o.key_schema_) && SameSchema(value_schema_, o.value_schema_);
}

std::string Schema::DebugString() const {
  std::string out;
  if (name_) out += *name_ + ":";
  switch (type_) {
    case Type::kStruct: {
      out += "struct<";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) out += ",";
        out += fields_[i].name + ":" + fields_[i].schema->DebugString();
      }
      out += ">";
      break;
    }
    case Type::kArray: out += "array<" + value_schema_->DebugString() + ">"; break;
    case Type::kMap:
      out += "map<" + key_schema_->DebugString() + "," + value_schema_->DebugString() + ">";
      break;
    default: out += TypeName(type_);
  }
  if (optional_) out += "?";
  return out;
}

SchemaBuilder::SchemaBuilder(Type type) : schema_(new Schema()) { schema_->type_ = type; }

SchemaBuilder SchemaBuilder::Array(SchemaPtr element) {
  SchemaBuilder b(Type::kArray);
  b.schema_->value_schema_ = std::move(element);
  return b;
}

SchemaBuilder SchemaBuilder::Map(SchemaPtr key, SchemaPtr value) {
  SchemaBuilder b(Type::kMap);
  b.schema_->key_schema_ = std::move(key);
  b.schema_->value_schema_ = std::move(value);
  return b;
}

SchemaBuilder SchemaBuilder::From(const Schema& schema) {
  SchemaBuilder b(schema.type());
  *b.schema_ = schema;
  return b;
}

SchemaBuilder SchemaBuilder::Decimal(int32_t scale) {
  SchemaBuilder b(Type::kBytes);
  b.Name(std::string(names::kDecimal)).Version(1);
  b.Parameter(std::string(names::kDecimalScaleParam), std::to_string(scale));
  return b;
}

SchemaBuilder SchemaBuilder::Date() {
  SchemaBuilder b(Type::kInt32);
  b.Name(std::string(names::kDate)).Version(1);
  return b;
}

SchemaBuilder SchemaBuilder::Time() {
  SchemaBuilder b(Type::kInt32);
  b.Name(std::string(names::kTime)).Version(1);
  return b;
}

SchemaBuilder SchemaBuilder::Timestamp() {
  SchemaBuilder b(Type::kInt64);
  b.Name(std::string(names::kTimestamp)).Version(1);
  return b;
}

SchemaBuilder& SchemaBuilder::Optional(bool optional) {
  schema_->optional_ = optional;
  return *this;
}
SchemaBuilder& SchemaBuilder::Name(std::string name) {
  schema_->name_ = std::move(name);
  return *this;
}
SchemaBuilder& SchemaBuilder::Version(int32_t version) {
  schema_->version_ = version;
  return *this;
}
SchemaBuilder& SchemaBuilder::Doc(std::string doc) {
  schema_->doc_ = std::move(doc);
  return *this;
}
SchemaBuilder& SchemaBuilder::Parameter(std::string key, std::string value) {
  for (auto& [k, v] : schema_->parameters_) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  schema_->parameters_.emplace_back(std::move(key), std::move(value));
  return *this;
}
SchemaBuilder& SchemaBuilder::Default(Value value) {
  schema_->default_value_ = std::make_shared<const Value>(std::move(value));
  return *this;
}
SchemaBuilder& SchemaBuilder::Field(std::string name, SchemaPtr schema) {
  for (auto& f : schema_->fields_) {
    if (f.name == name) {
      f.schema = std::move(schema);
      return *this;
    }
  }
  int index = static_cast<int>(schema_->fields_.size());
  schema_->fields_.push_back(data::Field{std::move(name), index, std::move(schema)});
  return *this;
}
SchemaBuilder& SchemaBuilder::RemoveField(std::string_view name) {
  auto& fields = schema_->fields_;
  fields.erase(std::remove_if(fields.begin(), fields.end(),
                              [&](const data::Field& f) { return f.name == name; }),
               fields.end());
  for (size_t i = 0; i < fields.size(); ++i) fields[i].index = static_cast<int>(i);
  return *this;
}

SchemaPtr SchemaBuilder::Build() const { return std::make_shared<const Schema>(*schema_); }

#define TRIB_SHARED_SCHEMA(fn, builder)          \
  const SchemaPtr& fn() {                        \
    static const SchemaPtr s = (builder).Build(); \
    return s;                                    \
  }
TRIB_SHARED_SCHEMA(Int8Schema, SchemaBuilder::Int8())
TRIB_SHARED_SCHEMA(Int16Schema, SchemaBuilder::Int16())
TRIB_SHARED_SCHEMA(Int32Schema, SchemaBuilder::Int32())
TRIB_SHARED_SCHEMA(Int64Schema, SchemaBuilder::Int64())
TRIB_SHARED_SCHEMA(Float32Schema, SchemaBuilder::Float32())
TRIB_SHARED_SCHEMA(Float64Schema, SchemaBuilder::Float64())
TRIB_SHARED_SCHEMA(BooleanSchema, SchemaBuilder::Boolean())
TRIB_SHARED_SCHEMA(StringSchema, SchemaBuilder::String())
TRIB_SHARED_SCHEMA(BytesSchema, SchemaBuilder::Bytes())
TRIB_SHARED_SCHEMA(OptionalInt8Schema, SchemaBuilder::Int8().Optional())
TRIB_SHARED_SCHEMA(OptionalInt16Schema, SchemaBuilder::Int16().Optional())
TRIB_SHARED_SCHEMA(OptionalInt32Schema, SchemaBuilder::Int32().Optional())
TRIB_SHARED_SCHEMA(OptionalInt64Schema, SchemaBuilder::Int64().Optional())
TRIB_SHARED_SCHEMA(OptionalFloat32Schema, SchemaBuilder::Float32().Optional())
TRIB_SHARED_SCHEMA(OptionalFloat64Schema, SchemaBuilder::Float64().Optional())
TRIB_SHARED_SCHEMA(OptionalBooleanSchema, SchemaBuilder::Boolean().Optional())
TRIB_SHARED_SCHEMA(OptionalStringSchema, SchemaBuilder::String().Optional())
TRIB_SHARED_SCHEMA(OptionalBytesSchema, SchemaBuilder::Bytes().Optional())
#undef TRIB_SHARED_SCHEMA

}  // namespace tributary::data
