// Datum: a generic Avro value, whose meaning comes from the Avro schema it is read or written
// with (avro/schema.h). Representation, by the type of the schema node:
//   null -> Null(); boolean -> Boolean(bool); int -> Int(int32_t); long -> Long(int64_t);
//   float -> Float(float); double -> Double(double); bytes -> Bytes(std::string of raw bytes);
//   string -> String(std::string, UTF-8); fixed -> Fixed(std::string of exactly size bytes);
//   enum -> Enum(symbol index); array -> Array(std::vector<Datum>);
//   map -> Map(std::vector<std::pair<std::string, Datum>>, in encounter order);
//   record -> Record(std::vector<Datum>, one per field, by field index).
// A union has no Datum of its own: the value is that of the chosen branch, tagged with the
// branch index (branch()). Writers honour the tag; an untagged value (branch() == -1) goes to
// the first branch whose type fits it. Readers always tag union values.
// Logical types keep their underlying representation (a date is an Int of days, a decimal the
// Bytes of its unscaled two's complement big-endian integer).
//
// Thread-safety: plain value; share read-only or copy.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "avro/schema.h"
#include "common/status.h"

namespace tributary::avro {

class Datum {
 public:
  using List = std::vector<Datum>;  // array items or record fields
  using MapEntries = std::vector<std::pair<std::string, Datum>>;

  Datum() = default;  // null
  static Datum Null() { return Datum(); }
  static Datum Boolean(bool v) { return Datum(Type::kBoolean, Storage(std::in_place_index<1>, v)); }
  static Datum Int(int32_t v) { return Datum(Type::kInt, Storage(std::in_place_index<2>, v)); }
  static Datum Long(int64_t v) { return Datum(Type::kLong, Storage(std::in_place_index<3>, v)); }
  static Datum Float(float v) { return Datum(Type::kFloat, Storage(std::in_place_index<4>, v)); }
  static Datum Double(double v) { return Datum(Type::kDouble, Storage(std::in_place_index<5>, v)); }
  static Datum Bytes(std::string v) { return Datum(Type::kBytes, Text(std::move(v))); }
  static Datum String(std::string v) { return Datum(Type::kString, Text(std::move(v))); }
  static Datum Fixed(std::string v) { return Datum(Type::kFixed, Text(std::move(v))); }
  static Datum Enum(int32_t index) { return Datum(Type::kEnum, Storage(std::in_place_index<2>, index)); }
  static Datum Record(List fields) { return Datum(Type::kRecord, Items(std::move(fields))); }
  static Datum Array(List items) { return Datum(Type::kArray, Items(std::move(items))); }
  static Datum Map(MapEntries entries) {
    return Datum(Type::kMap, Storage(std::in_place_index<8>, std::move(entries)));
  }

  // The Avro type of the value (never kUnion).
  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  // The union branch this value belongs to, or -1.
  int branch() const { return branch_; }
  Datum& set_branch(int branch) {
    branch_ = branch;
    return *this;
  }

  // Accessors; calling one that does not match type() is a programming error.
  bool as_bool() const { return std::get<1>(storage_); }
  int32_t as_int() const { return std::get<2>(storage_); }
  int32_t enum_index() const { return std::get<2>(storage_); }
  int64_t as_long() const { return std::get<3>(storage_); }
  float as_float() const { return std::get<4>(storage_); }
  double as_double() const { return std::get<5>(storage_); }
  // bytes, string and fixed.
  const std::string& as_bytes() const { return std::get<6>(storage_); }
  std::string& mutable_bytes() { return std::get<6>(storage_); }
  // record fields and array items.
  const List& items() const { return std::get<7>(storage_); }
  List& mutable_items() { return std::get<7>(storage_); }
  const MapEntries& entries() const { return std::get<8>(storage_); }
  MapEntries& mutable_entries() { return std::get<8>(storage_); }

  bool operator==(const Datum& other) const = default;

 private:
  using Storage = std::variant<std::monostate, bool, int32_t, int64_t, float, double,
                               std::string, List, MapEntries>;
  static Storage Text(std::string v) { return Storage(std::in_place_index<6>, std::move(v)); }
  static Storage Items(List v) { return Storage(std::in_place_index<7>, std::move(v)); }
  Datum(Type type, Storage storage) : type_(type), storage_(std::move(storage)) {}

  Type type_ = Type::kNull;
  int branch_ = -1;
  Storage storage_;
};

// Converts a JSON default value (as in a field's "default", see the specification's table:
// bytes/fixed as strings of code points 0-255, a union's default matches one of its branches,
// the first that fits) into a Datum of `schema`.
Result<Datum> DatumFromDefaultJson(const Schema& schema, const Json& value);

// A plain JSON rendering, for tests, tools and error messages: records as objects, enums as
// their symbol, unions as the bare value, bytes/fixed as strings of code points 0-255 (as in
// defaults), NaN/Infinity as the strings "NaN"/"Infinity"/"-Infinity".
Json DatumToPlainJson(const Schema& schema, const Datum& datum);

}  // namespace tributary::avro
