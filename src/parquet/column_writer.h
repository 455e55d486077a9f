// ColumnWriter: one node of the Parquet schema tree while rows are written, after DuckDB's
// Parquet writer: one class per column shape (struct, list, map, and leaves per physical
// type), each shredding the Connect values of its field into definition/repetition levels and
// leaf values (Dremel record shredding).
//
// Write phases: rows are shredded into the leaves' buffers (Write/WriteAbsent); when a row
// group closes, each leaf encodes its buffers into pages (LeafColumnWriter::WriteChunk) and
// resets for the next row group.
//
// Levels: a node's definition level is the number of optional or repeated nodes on its path
// (itself included); it is written when the node is present. Its repetition level is the
// number of repeated nodes on its path.
//
// Thread-safety: not thread-safe; owned by one ParquetFileWriter.
#pragma once

#include <cstdint>
#include <string>

#include "data/value.h"
#include "parquet/metadata.h"

namespace tributary::parquet {

class ColumnWriter {
 public:
  virtual ~ColumnWriter() = default;

  // Shreds `value`, this node's value inside a present parent (a null Value: absent).
  // `rep_level` is the repetition level of the first entry it produces. On a value that does
  // not fit the schema, sets *error (naming the field path) and returns false; the caller
  // then rolls the leaves back to the row's start.
  virtual bool Write(const data::Value& value, uint8_t rep_level, std::string* error) = 0;
  // Records, in every leaf below, an entry that is undefined at `def_level`.
  virtual void WriteAbsent(uint8_t rep_level, uint8_t def_level) = 0;

  uint8_t def_level() const { return def_level_; }
  uint8_t rep_level() const { return rep_level_; }
  const std::string& path() const { return path_; }

 protected:
  ColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
               uint8_t rep_level)
      : path_(std::move(path)),
        repetition_(repetition),
        def_level_(def_level),
        rep_level_(rep_level) {}

  // A null value: absent if this node is optional, an error otherwise.
  bool WriteNull(uint8_t rep_level, std::string* error);
  bool KindError(const data::Value& value, std::string_view expected, std::string* error) const;

 private:
  std::string path_;  // dotted field path, for errors
  format::Repetition repetition_;
  uint8_t def_level_;
  uint8_t rep_level_;
};

}  // namespace tributary::parquet
