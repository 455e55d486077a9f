// ListColumnWriter: a Connect array in parquet-avro's 2-level list form,
//   <rep> group f (LIST) { repeated <element> array; }
// The element writer is the repeated child: element i of a present list is written with the
// list's repetition level (i == 0) or the element's own (i > 0); an empty list writes one
// entry defined up to the list itself.
//
// Thread-safety: not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "parquet/column_writer.h"

namespace tributary::parquet {

class ListColumnWriter final : public ColumnWriter {
 public:
  ListColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                   uint8_t rep_level, std::unique_ptr<ColumnWriter> element)
      : ColumnWriter(std::move(path), repetition, def_level, rep_level),
        element_(std::move(element)) {}

  bool Write(const data::Value& value, uint8_t rep_level, std::string* error) override;
  void WriteAbsent(uint8_t rep_level, uint8_t def_level) override;

 private:
  std::unique_ptr<ColumnWriter> element_;
};

}  // namespace tributary::parquet
