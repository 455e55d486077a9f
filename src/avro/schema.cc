#include "avro/schema.h"

namespace tributary::avro {

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kNull: return "null";
    case Type::kBoolean: return "boolean";
    case Type::kInt: return "int";
    case Type::kLong: return "long";
    case Type::kFloat: return "float";
    case Type::kDouble: return "double";
    case Type::kBytes: return "bytes";
    case Type::kString: return "string";
    case Type::kRecord: return "record";
    case Type::kEnum: return "enum";
    case Type::kArray: return "array";
    case Type::kMap: return "map";
    case Type::kUnion: return "union";
    case Type::kFixed: return "fixed";
  }
  return "unknown";
}

bool IsPrimitive(Type type) { return type <= Type::kString; }

bool IsNamed(Type type) {
  return type == Type::kRecord || type == Type::kEnum || type == Type::kFixed;
}

std::string_view LogicalTypeName(LogicalType type) {
  switch (type) {
    case LogicalType::kNone: return "";
    case LogicalType::kDecimal: return "decimal";
    case LogicalType::kUuid: return "uuid";
    case LogicalType::kDate: return "date";
    case LogicalType::kTimeMillis: return "time-millis";
    case LogicalType::kTimeMicros: return "time-micros";
    case LogicalType::kTimestampMillis: return "timestamp-millis";
    case LogicalType::kTimestampMicros: return "timestamp-micros";
    case LogicalType::kTimestampNanos: return "timestamp-nanos";
    case LogicalType::kLocalTimestampMillis: return "local-timestamp-millis";
    case LogicalType::kLocalTimestampMicros: return "local-timestamp-micros";
    case LogicalType::kLocalTimestampNanos: return "local-timestamp-nanos";
    case LogicalType::kDuration: return "duration";
  }
  return "";
}

const Field* Schema::field(std::string_view name) const {
  for (const auto& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

int Schema::symbol_index(std::string_view symbol) const {
  for (size_t i = 0; i < symbols_.size(); ++i)
    if (symbols_[i] == symbol) return static_cast<int>(i);
  return -1;
}

int Schema::null_branch() const {
  for (size_t i = 0; i < branches_.size(); ++i)
    if (branches_[i]->type() == Type::kNull) return static_cast<int>(i);
  return -1;
}

const Json* Schema::property(std::string_view key) const {
  for (const auto& [k, v] : properties_)
    if (k == key) return &v;
  return nullptr;
}

}  // namespace tributary::avro
