// LeafColumnWriter: a primitive column. Buffers one row group's levels and values, then
// writes them as a column chunk: an optional PLAIN dictionary page, then data pages (v1) of
// about options.page_bytes each, ending on row boundaries, each holding RLE/bit-packed
// repetition and definition levels followed by the values (RLE_DICTIONARY indices or PLAIN),
// the whole page compressed with the file's codec.
//
// Subclasses (one per physical type) own the values: how a Connect value becomes a Parquet
// value, dictionary or PLAIN storage, value encoding and min/max statistics.
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "parquet/column_writer.h"
#include "parquet/metadata.h"
#include "parquet/writer_options.h"

namespace tributary::parquet {

// Where a column chunk goes: appended to `out`, whose first byte is at file offset
// `out_file_offset`. The scratch strings are reused between pages.
struct ChunkSink {
  std::string* out = nullptr;
  int64_t out_file_offset = 0;
  std::string* page = nullptr;
  std::string* compressed = nullptr;
};

class LeafColumnWriter : public ColumnWriter {
 public:
  bool Write(const data::Value& value, uint8_t rep_level, std::string* error) final;
  void WriteAbsent(uint8_t rep_level, uint8_t def_level) final;

  // Remembers the buffers' state before a row, so that a rejected row can be undone.
  void MarkRowStart();
  void RollbackRow();

  // Memory held by this row group's buffers.
  size_t MemoryBytes() const;
  int64_t num_entries() const { return num_entries_; }

  // Appends this row group's column chunk to sink.out, fills *chunk, and empties the buffers.
  Status WriteChunk(ChunkSink& sink, format::ColumnChunk* chunk);

  // The buffered levels of the open row group (empty when the maximum level is 0).
  const std::vector<uint8_t>& def_levels() const { return def_levels_; }
  const std::vector<uint8_t>& rep_levels() const { return rep_levels_; }

  // The leaf's path from the root's children down ("a", "array"), for path_in_schema.
  const std::vector<std::string>& schema_path() const { return schema_path_; }

 protected:
  LeafColumnWriter(std::string path, format::Repetition repetition, uint8_t def_level,
                   uint8_t rep_level, std::vector<std::string> schema_path,
                   format::Type physical_type, const WriterOptions& options);

  // Stores a non-null value; false (with *error set) if its kind does not fit the column.
  virtual bool AppendValue(const data::Value& value, std::string* error) = 0;
  virtual void MarkValues() = 0;
  virtual void RollbackValues() = 0;
  virtual size_t ValuesMemoryBytes() const = 0;

  // Encoding, once per row group: dictionary page (if dictionary_encoded()), then the values
  // page by page in order.
  virtual bool dictionary_encoded() const = 0;
  virtual int32_t dictionary_size() const = 0;
  virtual void EncodeDictionaryPage(std::string* out) const = 0;
  virtual double EncodedBytesPerValue() const = 0;
  virtual void BeginPages() = 0;
  virtual void EncodeNextValues(size_t count, std::string* out) = 0;
  // min/max (and the deprecated min/max where the order is signed); not null_count.
  virtual void FillStatistics(format::Statistics* statistics) const = 0;
  virtual void ResetValues() = 0;

  const WriterOptions& options() const { return options_; }

 private:
  Status WritePage(ChunkSink& sink, const format::PageHeader& header_template,
                   std::string_view body, format::ColumnMetaData* meta);
  void EncodeDataPage(size_t first_entry, size_t end_entry, size_t value_count,
                      std::string* page);

  const WriterOptions& options_;
  std::vector<std::string> schema_path_;
  format::Type physical_type_;

  int64_t num_entries_ = 0;
  std::vector<uint8_t> def_levels_;  // only when def_level() > 0
  std::vector<uint8_t> rep_levels_;  // only when rep_level() > 0
  int64_t marked_entries_ = 0;
};

}  // namespace tributary::parquet
