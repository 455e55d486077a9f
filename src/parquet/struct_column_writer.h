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
  // Hands each child the block's values of its field, one field after the other.
  bool WriteColumn(const ValueColumn& values, std::string* error) override;
  // WriteColumn() of a block of rows (the root's values) that asks the CPU to load each
  // field of the `upcoming` rows (the next block) while the same field of these is shredded:
  // the rows' fields are scattered over the heap, and loads spread over the block overlap
  // with the work.
  bool WriteRows(std::span<const data::Value* const> rows,
                 std::span<const data::Value* const> upcoming, std::string* error);

 private:
  std::vector<std::unique_ptr<ColumnWriter>> children_;
  // Scratch for WriteColumn(): where each row's field values start.
  std::vector<const data::Value*> fields_;
  std::vector<const data::Value*> upcoming_fields_;
};

}  // namespace tributary::parquet
