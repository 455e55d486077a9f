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
#include <variant>  // std::bad_variant_access
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
  enum class Kind : uint8_t { kNull, kBool, kInt, kDouble, kString, kBytes, kStruct, kArray, kMap };

  Value() noexcept {}  // null
  Value(const Value& other) : kind_(other.kind_) {
    if (IsScalar(kind_)) {
      scalar_ = other.scalar_;
    } else {
      CopyPayload(other);
    }
  }
  Value(Value&& other) noexcept : kind_(other.kind_) {
    if (IsScalar(kind_)) {
      scalar_ = other.scalar_;
    } else {
      MovePayload(std::move(other));
    }
  }
  Value& operator=(const Value& other) {
    if (this != &other) {
      if (IsScalar(kind_) && IsScalar(other.kind_)) {
        kind_ = other.kind_;
        scalar_ = other.scalar_;
      } else {
        Value copy(other);
        *this = std::move(copy);
      }
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      if (!IsScalar(kind_)) DestroyPayload();
      kind_ = other.kind_;
      if (IsScalar(kind_)) {
        scalar_ = other.scalar_;
      } else {
        MovePayload(std::move(other));
      }
    }
    return *this;
  }
  ~Value() {
    if (!IsScalar(kind_)) DestroyPayload();
  }

  static Value Null() { return Value(); }
  static Value Bool(bool v) {
    Value out(Kind::kBool);
    out.scalar_.b = v;
    return out;
  }
  static Value Int(int64_t v) {
    Value out(Kind::kInt);
    out.scalar_.i = v;
    return out;
  }
  static Value Double(double v) {
    Value out(Kind::kDouble);
    out.scalar_.d = v;
    return out;
  }
  static Value String(std::string v) {
    Value out(Kind::kString);
    new (&out.string_) std::string(std::move(v));
    return out;
  }
  static Value BytesOf(std::string v) {
    Value out(Kind::kBytes);
    new (&out.bytes_) Bytes{std::move(v)};
    return out;
  }
  static Value Struct(StructValue v) {
    Value out(Kind::kStruct);
    new (&out.struct_) StructValue(std::move(v));
    return out;
  }
  // A struct of `schema` with every field null; fill it with set().
  static Value EmptyStruct(SchemaPtr schema);
  static Value ArrayOf(Array v) {
    Value out(Kind::kArray);
    new (&out.array_) Array(std::move(v));
    return out;
  }
  static Value MapOf(Map v) {
    Value out(Kind::kMap);
    new (&out.map_) Map(std::move(v));
    return out;
  }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }

  // Accessors; calling the wrong one is a programming error (throws std::bad_variant_access,
  // as std::get did).
  bool as_bool() const { return Expect(Kind::kBool), scalar_.b; }
  int64_t as_int() const { return Expect(Kind::kInt), scalar_.i; }
  double as_double() const { return Expect(Kind::kDouble), scalar_.d; }
  const std::string& as_string() const { return Expect(Kind::kString), string_; }
  std::string& mutable_string() { return Expect(Kind::kString), string_; }
  const std::string& as_bytes() const { return Expect(Kind::kBytes), bytes_.data; }
  const StructValue& as_struct() const { return Expect(Kind::kStruct), struct_; }
  StructValue& mutable_struct() { return Expect(Kind::kStruct), struct_; }
  const Array& as_array() const { return Expect(Kind::kArray), array_; }
  const Map& as_map() const { return Expect(Kind::kMap), map_; }

  // Struct helpers: the value of a field by name (nullptr if the schema has no such field).
  const Value* field(std::string_view name) const;
  // Sets a struct field by name; returns false if the schema has no such field.
  bool set(std::string_view name, Value v);

  bool operator==(const Value& other) const;

  // JSON-like rendering for tests and error messages.
  std::string DebugString() const;

 private:
  // A tagged union rather than std::variant: copies, moves and destruction of the scalar
  // kinds (most values of a row) are a branch and a word copy, with no visitation.
  static constexpr bool IsScalar(Kind kind) { return kind <= Kind::kDouble; }
  explicit Value(Kind kind) : kind_(kind) {}
  void Expect(Kind kind) const {
    if (kind_ != kind) throw std::bad_variant_access();
  }
  void CopyPayload(const Value& other);      // kind_ set, payload not constructed
  void MovePayload(Value&& other) noexcept;  // likewise
  void DestroyPayload() noexcept;

  union Scalar {
    bool b;
    int64_t i;
    double d;
  };
  union {
    Scalar scalar_{};
    std::string string_;
    Bytes bytes_;
    StructValue struct_;
    Array array_;
    Map map_;
  };
  Kind kind_ = Kind::kNull;
};

// Checks that `value` conforms to `schema` (types, required fields, nested structs),
// as Connect's ConnectSchema.validateValue. The error names the offending field path.
std::string ValidateValue(const Schema& schema, const Value& value);

}  // namespace tributary::data
