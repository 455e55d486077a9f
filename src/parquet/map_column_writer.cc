#include "parquet/map_column_writer.h"

namespace tributary::parquet {

bool MapColumnWriter::Write(const data::Value& value, uint8_t rep_level, std::string* error) {
  if (value.is_null()) return WriteNull(rep_level, error);
  if (value.kind() != data::Value::Kind::kMap) return KindError(value, "a map", error);
  const data::Map& entries = value.as_map();
  if (entries.empty()) {
    WriteAbsent(rep_level, def_level());
    return true;
  }
  uint8_t entry_rep = rep_level;
  for (const auto& [k, v] : entries) {
    if (!key_->Write(k, entry_rep, error) || !value_->Write(v, entry_rep, error)) return false;
    entry_rep = entry_rep_level_;
  }
  return true;
}

void MapColumnWriter::WriteAbsent(uint8_t rep_level, uint8_t def_level) {
  key_->WriteAbsent(rep_level, def_level);
  value_->WriteAbsent(rep_level, def_level);
}

}  // namespace tributary::parquet
