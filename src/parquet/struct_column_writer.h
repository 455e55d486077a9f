// StructColumnWriter: a Connect struct as a Parquet group (also the schema root, and the
// repeated group of a list of structs). Each field's value goes to the child writer of the
// same index.
//
// Thread-safety: not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parquet/column_writer.h"

namespace tributary::parquet {

class StructColumnWriter final : public ColumnWriter {
 public:
  StructColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                     uint8_t rep_level, std::vector<std::unique_ptr<ColumnWriter>> children)
      : ColumnWriter(std::move(path), repetition, def_level, rep_level),
        children_(std::move(children)) {}

  bool Write(const data::Value& value, uint8_t rep_level, std::string* error) override;
  void WriteAbsent(uint8_t rep_level, uint8_t def_level) override;

 private:
  std::vector<std::unique_ptr<ColumnWriter>> children_;
};

}  // namespace tributary::parquet
