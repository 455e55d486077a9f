#include "parquet/struct_column_writer.h"

namespace tributary::parquet {

bool StructColumnWriter::Write(const data::Value& value, uint8_t rep_level, std::string* error) {
  if (value.is_null()) return WriteNull(rep_level, error);
  if (value.kind() != data::Value::Kind::kStruct) return KindError(value, "a struct", error);
  const std::vector<data::Value>& fields = value.as_struct().values;
  static const data::Value kMissing;
  for (size_t i = 0; i < children_.size(); ++i) {
    const data::Value& field = i < fields.size() ? fields[i] : kMissing;
    if (!children_[i]->Write(field, rep_level, error)) return false;
  }
  return true;
}

bool StructColumnWriter::WriteColumn(const ValueColumn& values, std::string* error) {
  fields_.resize(values.size());
  for (size_t row = 0; row < values.size(); ++row) {
    const data::Value& value = values[row];
    // A null struct, a value of another kind or a struct of other fields: value by value.
    if (value.kind() != data::Value::Kind::kStruct ||
        value.as_struct().values.size() != children_.size()) {
      return ColumnWriter::WriteColumn(values, error);
    }
    fields_[row] = value.as_struct().values.data();
  }
  for (size_t i = 0; i < children_.size(); ++i) {
    for (const data::Value* fields : upcoming_fields_) __builtin_prefetch(fields + i);
    if (!children_[i]->WriteColumn(ValueColumn(fields_, i), error)) return false;
  }
  return true;
}

bool StructColumnWriter::WriteRows(std::span<const data::Value* const> rows,
                                   std::span<const data::Value* const> upcoming,
                                   std::string* error) {
  upcoming_fields_.clear();
  for (const data::Value* value : upcoming) {
    if (value->kind() == data::Value::Kind::kStruct &&
        value->as_struct().values.size() == children_.size()) {
      upcoming_fields_.push_back(value->as_struct().values.data());
    }
  }
  const bool written = WriteColumn(ValueColumn(rows, 0), error);
  upcoming_fields_.clear();
  return written;
}

void StructColumnWriter::WriteAbsent(uint8_t rep_level, uint8_t def_level) {
  for (auto& child : children_) child->WriteAbsent(rep_level, def_level);
}

}  // namespace tributary::parquet
