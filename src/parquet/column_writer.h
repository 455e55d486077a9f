// ColumnWriter: one node of the Parquet schema tree while rows are written, after DuckDB's
// Parquet writer: one class per column shape (struct, list, map, and leaves per physical
// type), each shredding the Connect values of its field into definition/repetition levels and
// leaf values (Dremel record shredding).
//
// Write phases: rows are shredded into the leaves' buffers (Write/WriteAbsent, or WriteColumn
// a block of rows at a time, one column after the other); when a row
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
#include <span>
#include <string>

#include "data/value.h"
#include "parquet/metadata.h"

namespace tributary::parquet {

// One column of a block of rows, without copying: entry `index` of each row's array of
// values (row r's array starts at bases[r]; for a struct, its field values).
class ValueColumn {
 public:
  ValueColumn(std::span<const data::Value* const> bases, size_t index)
      : bases_(bases), index_(index) {}
  const data::Value& operator[](size_t row) const { return bases_[row][index_]; }
  size_t size() const { return bases_.size(); }

 private:
  std::span<const data::Value* const> bases_;
  size_t index_;
};

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
  // Shreds this node's values in a block of consecutive rows (values[r] in row r, each inside
  // a present parent), at repetition level 0: the node has no repeated ancestor. Leaves
  // receive the block as one column, so their loops run over the block without a call per
  // value. Same entries as Write() of each value in turn; on a value that does not fit it
  // returns false with whatever *error says, and the caller rolls the leaves back to the
  // block's start (then Write() row by row finds the culprit and its message).
  virtual bool WriteColumn(const ValueColumn& values, std::string* error);

  uint8_t def_level() const { return def_level_; }
  uint8_t rep_level() const { return rep_level_; }
  const std::string& path() const { return path_; }
  format::Repetition repetition() const { return repetition_; }

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
