// Schema: Kafka Connect's schema model (org.apache.kafka.connect.data.Schema), the core type
// system every module speaks. Nothing here knows about MySQL, Avro or Parquet.
//
// Schemas are immutable once built and shared through SchemaPtr: a table version has exactly
// one Schema object, so converters may cache "schema -> registry id" and writers may compile
// a plan per schema, keyed by pointer. Build them with SchemaBuilder.
//
// Thread-safety: a built Schema is immutable and safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tributary::data {

enum class Type {
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kFloat32,
  kFloat64,
  kBoolean,
  kString,
  kBytes,
  kArray,
  kMap,
  kStruct,
};

// Connect's lower-case type names: "int8", ..., "struct".
std::string_view TypeName(Type type);
bool IsPrimitive(Type type);

class Schema;
class Value;
using SchemaPtr = std::shared_ptr<const Schema>;

struct Field {
  std::string name;
  int index = 0;
  SchemaPtr schema;
};

// Well-known schema names (logical and semantic types).
namespace names {
inline constexpr std::string_view kDecimal = "org.apache.kafka.connect.data.Decimal";
inline constexpr std::string_view kDate = "org.apache.kafka.connect.data.Date";
inline constexpr std::string_view kTime = "org.apache.kafka.connect.data.Time";
inline constexpr std::string_view kTimestamp = "org.apache.kafka.connect.data.Timestamp";
inline constexpr std::string_view kDecimalScaleParam = "scale";
inline constexpr std::string_view kDebeziumDate = "io.debezium.time.Date";
inline constexpr std::string_view kDebeziumTime = "io.debezium.time.Time";
inline constexpr std::string_view kDebeziumMicroTime = "io.debezium.time.MicroTime";
inline constexpr std::string_view kDebeziumNanoTime = "io.debezium.time.NanoTime";
inline constexpr std::string_view kDebeziumTimestamp = "io.debezium.time.Timestamp";
inline constexpr std::string_view kDebeziumMicroTimestamp = "io.debezium.time.MicroTimestamp";
inline constexpr std::string_view kDebeziumNanoTimestamp = "io.debezium.time.NanoTimestamp";
inline constexpr std::string_view kDebeziumZonedTimestamp = "io.debezium.time.ZonedTimestamp";
inline constexpr std::string_view kDebeziumZonedTime = "io.debezium.time.ZonedTime";
inline constexpr std::string_view kDebeziumYear = "io.debezium.time.Year";
inline constexpr std::string_view kDebeziumEnum = "io.debezium.data.Enum";
inline constexpr std::string_view kDebeziumEnumSet = "io.debezium.data.EnumSet";
inline constexpr std::string_view kDebeziumJson = "io.debezium.data.Json";
inline constexpr std::string_view kDebeziumBits = "io.debezium.data.Bits";
inline constexpr std::string_view kDebeziumUuid = "io.debezium.data.Uuid";
inline constexpr std::string_view kDebeziumVariableScaleDecimal =
    "io.debezium.data.VariableScaleDecimal";
inline constexpr std::string_view kDebeziumGeometry = "io.debezium.data.geometry.Geometry";
inline constexpr std::string_view kDebeziumPoint = "io.debezium.data.geometry.Point";
}  // namespace names

class Schema {
 public:
  Type type() const { return type_; }
  bool optional() const { return optional_; }
  // The default value, if one was set (a null default on an optional schema is "set").
  const Value* default_value() const { return default_value_.get(); }
  const std::optional<std::string>& name() const { return name_; }
  const std::optional<int32_t>& version() const { return version_; }
  const std::optional<std::string>& doc() const { return doc_; }
  // Parameters in insertion order (Connect keeps them in a LinkedHashMap for output).
  const std::vector<std::pair<std::string, std::string>>& parameters() const {
    return parameters_;
  }
  const std::string* parameter(std::string_view key) const;

  // Struct only.
  const std::vector<Field>& fields() const { return fields_; }
  const Field* field(std::string_view name) const;
  // Map only.
  const SchemaPtr& key_schema() const { return key_schema_; }
  // Map and array.
  const SchemaPtr& value_schema() const { return value_schema_; }

  bool IsNamed(std::string_view n) const { return name_ && *name_ == n; }

  // Structural equality, as Connect's ConnectSchema.equals (all attributes, recursively).
  bool Equals(const Schema& other) const;

  // A compact human-readable rendering for errors and tests, e.g.
  // "struct<movie_id:int32,title:string?>".
  std::string DebugString() const;

 private:
  friend class SchemaBuilder;
  Schema() = default;

  Type type_ = Type::kStruct;
  bool optional_ = false;
  std::shared_ptr<const Value> default_value_;
  std::optional<std::string> name_;
  std::optional<int32_t> version_;
  std::optional<std::string> doc_;
  std::vector<std::pair<std::string, std::string>> parameters_;
  std::vector<Field> fields_;
  SchemaPtr key_schema_;
  SchemaPtr value_schema_;
};

// Fluent builder, as Connect's SchemaBuilder.
//   auto s = SchemaBuilder::Struct().Name("db1.sampledatabase.movies.Value")
//                .Field("movie_id", SchemaBuilder::Int32().Build())
//                .Field("title", SchemaBuilder::String().Optional().Build())
//                .Build();
class SchemaBuilder {
 public:
  explicit SchemaBuilder(Type type);
  static SchemaBuilder Int8() { return SchemaBuilder(Type::kInt8); }
  static SchemaBuilder Int16() { return SchemaBuilder(Type::kInt16); }
  static SchemaBuilder Int32() { return SchemaBuilder(Type::kInt32); }
  static SchemaBuilder Int64() { return SchemaBuilder(Type::kInt64); }
  static SchemaBuilder Float32() { return SchemaBuilder(Type::kFloat32); }
  static SchemaBuilder Float64() { return SchemaBuilder(Type::kFloat64); }
  static SchemaBuilder Boolean() { return SchemaBuilder(Type::kBoolean); }
  static SchemaBuilder String() { return SchemaBuilder(Type::kString); }
  static SchemaBuilder Bytes() { return SchemaBuilder(Type::kBytes); }
  static SchemaBuilder Struct() { return SchemaBuilder(Type::kStruct); }
  static SchemaBuilder Array(SchemaPtr element);
  static SchemaBuilder Map(SchemaPtr key, SchemaPtr value);
  // Copies every attribute of an existing schema, to derive a variant of it.
  static SchemaBuilder From(const Schema& schema);

  // Logical types of Connect.
  static SchemaBuilder Decimal(int32_t scale);
  static SchemaBuilder Date();
  static SchemaBuilder Time();
  static SchemaBuilder Timestamp();

  SchemaBuilder& Optional(bool optional = true);
  SchemaBuilder& Name(std::string name);
  SchemaBuilder& Version(int32_t version);
  SchemaBuilder& Doc(std::string doc);
  SchemaBuilder& Parameter(std::string key, std::string value);
  SchemaBuilder& Default(Value value);
  // Appends a struct field; replaces the schema if a field of that name exists.
  SchemaBuilder& Field(std::string name, SchemaPtr schema);
  SchemaBuilder& RemoveField(std::string_view name);

  SchemaPtr Build() const;

 private:
  std::shared_ptr<Schema> schema_;
};

// Shared instances of the common primitive schemas.
const SchemaPtr& Int8Schema();
const SchemaPtr& Int16Schema();
const SchemaPtr& Int32Schema();
const SchemaPtr& Int64Schema();
const SchemaPtr& Float32Schema();
const SchemaPtr& Float64Schema();
const SchemaPtr& BooleanSchema();
const SchemaPtr& StringSchema();
const SchemaPtr& BytesSchema();
const SchemaPtr& OptionalInt8Schema();
const SchemaPtr& OptionalInt16Schema();
const SchemaPtr& OptionalInt32Schema();
const SchemaPtr& OptionalInt64Schema();
const SchemaPtr& OptionalFloat32Schema();
const SchemaPtr& OptionalFloat64Schema();
const SchemaPtr& OptionalBooleanSchema();
const SchemaPtr& OptionalStringSchema();
const SchemaPtr& OptionalBytesSchema();

}  // namespace tributary::data
