// MapColumnWriter: a Connect map as a repeated group of key/value pairs, in either of the
// shapes parquet-avro produces from AvroData's output:
//   string keys:  <rep> group f (MAP) { repeated group key_value { key; value; } }
//   other keys:   <rep> group f (LIST) { repeated group array { key; value; } }
// The shredding is the same; only the schema (built by the factory) differs. `key` and
// `value` are the writers of the two fields inside the repeated group.
//
// Thread-safety: not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "parquet/column_writer.h"

namespace tributary::parquet {

class MapColumnWriter final : public ColumnWriter {
 public:
  // entry_rep_level: the repetition level of the repeated key/value group.
  MapColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                  uint8_t rep_level, uint8_t entry_rep_level, std::unique_ptr<ColumnWriter> key,
                  std::unique_ptr<ColumnWriter> value)
      : ColumnWriter(std::move(path), repetition, def_level, rep_level),
        entry_rep_level_(entry_rep_level),
        key_(std::move(key)),
        value_(std::move(value)) {}

  bool Write(const data::Value& value, uint8_t rep_level, std::string* error) override;
  void WriteAbsent(uint8_t rep_level, uint8_t def_level) override;

 private:
  uint8_t entry_rep_level_;
  std::unique_ptr<ColumnWriter> key_;
  std::unique_ptr<ColumnWriter> value_;
};

}  // namespace tributary::parquet
