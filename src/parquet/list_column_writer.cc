#include "parquet/list_column_writer.h"

namespace tributary::parquet {

bool ListColumnWriter::Write(const data::Value& value, uint8_t rep_level, std::string* error) {
  if (value.is_null()) return WriteNull(rep_level, error);
  if (value.kind() != data::Value::Kind::kArray) return KindError(value, "an array", error);
  const data::Array& elements = value.as_array();
  if (elements.empty()) {
    element_->WriteAbsent(rep_level, def_level());
    return true;
  }
  if (!element_->Write(elements[0], rep_level, error)) return false;
  for (size_t i = 1; i < elements.size(); ++i) {
    if (!element_->Write(elements[i], element_->rep_level(), error)) return false;
  }
  return true;
}

void ListColumnWriter::WriteAbsent(uint8_t rep_level, uint8_t def_level) {
  element_->WriteAbsent(rep_level, def_level);
}

}  // namespace tributary::parquet
