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

void StructColumnWriter::WriteAbsent(uint8_t rep_level, uint8_t def_level) {
  for (auto& child : children_) child->WriteAbsent(rep_level, def_level);
}

}  // namespace tributary::parquet
