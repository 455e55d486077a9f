// Value: a Connect value (null, boolean, integer, floating point, string, bytes, struct,
// array or map) as a small tagged union. The schema gives a value its meaning: an int64 may
// be a plain BIGINT or a Timestamp; a Value holds only the representation:
//   int8/16/32/64 -> int64_t, float32/64 -> double, string -> std::string,
//   bytes (incl. Decimal's unscaled two's complement) -> Bytes, struct -> StructValue,
//   array -> Array, map -> Map (ordered key/value pairs).
//
// Thread-safety: values are plain data; share read-only or copy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "data/schema.h"

namespace tributary::data {

class Value;

// Raw bytes, distinct from text so that a variant can tell them apart.
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

// A struct: its schema plus one value per field, by field index.
struct StructValue {
  SchemaPtr schema;
  std::vector<Value> values;
  bool operator==(const StructValue& other) const;
};

using Array = std::vector<Value>;
using Map = std::vector<std::pair<Value, Value>>;

class Value {
 public:
  enum class Kind { kNull, kBool, kInt, kDouble, kString, kBytes, kStruct, kArray, kMap };

  Value() = default;  // null
  static Value Null() { return Value(); }
  static Value Bool(bool v) { return Value(Storage(std::in_place_index<1>, v)); }
  static Value Int(int64_t v) { return Value(Storage(std::in_place_index<2>, v)); }
  static Value Double(double v) { return Value(Storage(std::in_place_index<3>, v)); }
  static Value String(std::string v) {
    return Value(Storage(std::in_place_index<4>, std::move(v)));
  }
  static Value BytesOf(std::string v) {
    return Value(Storage(std::in_place_index<5>, Bytes{std::move(v)}));
  }
  static Value Struct(StructValue v) {
    return Value(Storage(std::in_place_index<6>, std::move(v)));
  }
  // A struct of `schema` with every field null; fill it with set().
  static Value EmptyStruct(SchemaPtr schema);
  static Value ArrayOf(Array v) { return Value(Storage(std::in_place_index<7>, std::move(v))); }
  static Value MapOf(Map v) { return Value(Storage(std::in_place_index<8>, std::move(v))); }

  Kind kind() const { return static_cast<Kind>(storage_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }

  // Accessors; calling the wrong one is a programming error (asserts in debug builds).
  bool as_bool() const { return std::get<1>(storage_); }
  int64_t as_int() const { return std::get<2>(storage_); }
  double as_double() const { return std::get<3>(storage_); }
  const std::string& as_string() const { return std::get<4>(storage_); }
  std::string& mutable_string() { return std::get<4>(storage_); }
  const std::string& as_bytes() const { return std::get<5>(storage_).data; }
  const StructValue& as_struct() const { return std::get<6>(storage_); }
  StructValue& mutable_struct() { return std::get<6>(storage_); }
  const Array& as_array() const { return std::get<7>(storage_); }
  const Map& as_map() const { return std::get<8>(storage_); }

  // Struct helpers: the value of a field by name (nullptr if the schema has no such field).
  const Value* field(std::string_view name) const;
  // Sets a struct field by name; returns false if the schema has no such field.
  bool set(std::string_view name, Value v);

  bool operator==(const Value& other) const { return storage_ == other.storage_; }

  // JSON-like rendering for tests and error messages.
  std::string DebugString() const;

 private:
  using Storage = std::variant<std::monostate, bool, int64_t, double, std::string, Bytes,
                               StructValue, Array, Map>;
  explicit Value(Storage s) : storage_(std::move(s)) {}
  Storage storage_;
};

// Checks that `value` conforms to `schema` (types, required fields, nested structs),
// as Connect's ConnectSchema.validateValue. The error names the offending field path.
std::string ValidateValue(const Schema& schema, const Value& value);

}  // namespace tributary::data
