#include "parquet/column_writer.h"

#include <fmt/format.h>

namespace tributary::parquet {

namespace {

std::string_view KindName(data::Value::Kind kind) {
  using Kind = data::Value::Kind;
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "boolean";
    case Kind::kInt: return "integer";
    case Kind::kDouble: return "floating-point";
    case Kind::kString: return "string";
    case Kind::kBytes: return "bytes";
    case Kind::kStruct: return "struct";
    case Kind::kArray: return "array";
    case Kind::kMap: return "map";
  }
  return "unknown";
}

}  // namespace

bool ColumnWriter::WriteColumn(const ValueColumn& values, std::string* error) {
  for (size_t row = 0; row < values.size(); ++row) {
    if (!Write(values[row], 0, error)) return false;
  }
  return true;
}

bool ColumnWriter::WriteNull(uint8_t rep_level, std::string* error) {
  if (repetition_ == format::Repetition::kOptional) {
    WriteAbsent(rep_level, static_cast<uint8_t>(def_level_ - 1));
    return true;
  }
  *error = repetition_ == format::Repetition::kRepeated
               ? fmt::format("field '{}' has a null element; Parquet (as parquet-avro writes "
                             "arrays) cannot store null array elements",
                             path_)
               : fmt::format("field '{}' is null but its schema is not optional", path_);
  return false;
}

bool ColumnWriter::KindError(const data::Value& value, std::string_view expected,
                             std::string* error) const {
  *error = fmt::format("field '{}' holds a {} value where its schema expects {}", path_,
                       KindName(value.kind()), expected);
  return false;
}

}  // namespace tributary::parquet
