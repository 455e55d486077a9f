// Schema: a parsed Avro schema (Apache Avro 1.12 specification), as a tree of immutable nodes.
//
// A schema is produced by ParseSchema (avro/schema_parser.h) and handed out as
// std::shared_ptr<const Schema> to its root. Every node of the tree (the root, field types,
// array items, map values, union branches) lives as long as any shared_ptr to the root;
// children are reached by reference (`items()`, `Field::schema()`, `branches()`), never owned
// by the caller. A named type that is referenced again later in the document (or refers to
// itself, as a recursive linked list does) is the SAME node: compare named types by pointer
// or by full_name(), and guard recursion with a visited set when walking the tree.
//
// Everything the document said is kept so that ToJson (avro/schema_parser.h) writes it back:
// names, namespaces, aliases, docs, field defaults and sort orders, and every extra attribute
// ("connect.name", "connect.parameters", "logicalType", "precision", ...) in document order.
// Logical types are also decoded into logical_type()/precision()/scale(); an invalid logical
// type (e.g. decimal with scale > precision) is ignored as the specification requires: the
// node keeps its attributes but logical_type() is kNone.
//
// Thread-safety: a Schema is immutable after parsing and safe to share between threads.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tributary::avro {

// JSON with object keys in document order (Avro attributes are written back in that order).
using Json = nlohmann::ordered_json;

enum class Type : uint8_t {
  kNull,
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kBytes,
  kString,
  kRecord,
  kEnum,
  kArray,
  kMap,
  kUnion,
  kFixed,
};

// The specification's type names: "null", "boolean", ..., "fixed".
std::string_view TypeName(Type type);
bool IsPrimitive(Type type);  // null .. string
bool IsNamed(Type type);      // record, enum, fixed

enum class LogicalType : uint8_t {
  kNone,
  kDecimal,               // bytes or fixed; precision(), scale()
  kUuid,                  // string (or fixed(16))
  kDate,                  // int: days since 1970-01-01
  kTimeMillis,            // int
  kTimeMicros,            // long
  kTimestampMillis,       // long
  kTimestampMicros,       // long
  kTimestampNanos,        // long
  kLocalTimestampMillis,  // long
  kLocalTimestampMicros,  // long
  kLocalTimestampNanos,   // long
  kDuration,              // fixed(12)
};

// The specification's names: "decimal", "uuid", "date", "time-millis", ...; "" for kNone.
std::string_view LogicalTypeName(LogicalType type);

enum class SortOrder : uint8_t { kAscending, kDescending, kIgnore };

// Extra attributes, in document order.
using Properties = std::vector<std::pair<std::string, Json>>;

class Schema;

struct Field {
  std::string name;
  int index = 0;  // position in the record
  const Schema* type = nullptr;
  // The "default" attribute as written (already validated against `type`); absent when the
  // field has none. Note: a JSON null here is a real default (of a null or ["null",...] field).
  std::optional<Json> default_value;
  std::vector<std::string> aliases;  // as written (field aliases are simple names)
  std::optional<std::string> doc;
  SortOrder order = SortOrder::kAscending;
  Properties properties;

  const Schema& schema() const { return *type; }
  bool has_default() const { return default_value.has_value(); }
};

class Schema {
 public:
  Type type() const { return type_; }

  // Logical type (kNone if absent or invalid). precision()/scale() for decimal only.
  LogicalType logical_type() const { return logical_type_; }
  int precision() const { return precision_; }
  int scale() const { return scale_; }

  // Named types (record, enum, fixed). name() is the simple name, name_space() the namespace
  // ("" for the null namespace), full_name() "namespace.name" (or "name").
  bool is_named() const { return IsNamed(type_); }
  const std::string& name() const { return name_; }
  const std::string& name_space() const { return namespace_; }
  const std::string& full_name() const { return full_name_; }
  // Aliases resolved to full names (relative ones take this type's namespace).
  const std::vector<std::string>& aliases() const { return aliases_; }
  const std::optional<std::string>& doc() const { return doc_; }

  // Record.
  const std::vector<Field>& fields() const { return fields_; }
  const Field* field(std::string_view name) const;  // nullptr if absent

  // Enum.
  const std::vector<std::string>& symbols() const { return symbols_; }
  const std::optional<std::string>& enum_default() const { return enum_default_; }
  int symbol_index(std::string_view symbol) const;  // -1 if absent

  // Array.
  const Schema& items() const { return *element_; }
  // Map (keys are always strings).
  const Schema& values() const { return *element_; }

  // Union.
  const std::vector<const Schema*>& branches() const { return branches_; }
  const Schema& branch(size_t i) const { return *branches_[i]; }
  // Index of the "null" branch, or -1.
  int null_branch() const;

  // Fixed.
  int32_t fixed_size() const { return fixed_size_; }

  // Non-structural attributes in document order, including "logicalType", "precision" and
  // "scale" as written. For a primitive written as a bare string ("int") this is empty.
  const Properties& properties() const { return properties_; }
  const Json* property(std::string_view key) const;  // nullptr if absent

 private:
  friend class SchemaFactory;  // schema_parser.cc builds nodes
  Schema() = default;

  Type type_ = Type::kNull;
  LogicalType logical_type_ = LogicalType::kNone;
  int precision_ = 0;
  int scale_ = 0;
  int32_t fixed_size_ = 0;
  std::string name_;
  std::string namespace_;
  std::string full_name_;
  std::vector<std::string> aliases_;
  std::optional<std::string> doc_;
  std::vector<Field> fields_;
  std::vector<std::string> symbols_;
  std::optional<std::string> enum_default_;
  const Schema* element_ = nullptr;
  std::vector<const Schema*> branches_;
  Properties properties_;
};

using SchemaPtr = std::shared_ptr<const Schema>;

}  // namespace tributary::avro
