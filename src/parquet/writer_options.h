// WriterOptions: how ParquetFileWriter lays out and compresses a file. The defaults are
// parquet-mr's (parquet.block.size, parquet.page.size, parquet.enable.dictionary,
// parquet.dictionary.page.size) with Confluent's default codec, snappy.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "parquet/codec.h"

namespace tributary::parquet {

struct WriterOptions {
  Codec codec = Codec::kSnappy;
  // 0 = the codec's default level (gzip 6, zstd 3); ignored by snappy and uncompressed.
  int compression_level = 0;

  // A row group is closed (encoded, compressed and appended to the output) once the rows
  // buffered for it take this many bytes of memory. Memory use is bounded by this, not by
  // the file size.
  int64_t row_group_bytes = int64_t{128} << 20;
  // Target size of one data page before compression. Pages end on row boundaries.
  int64_t page_bytes = int64_t{1} << 20;

  // Dictionary-encode columns (all but BOOLEAN): a PLAIN dictionary page plus RLE_DICTIONARY
  // data pages. A column chunk whose dictionary outgrows dictionary_page_bytes is written
  // PLAIN instead.
  bool dictionary = true;
  int64_t dictionary_page_bytes = int64_t{1} << 20;

  // Encode and compress closed data pages on other cores (a process-wide pool) while rows
  // are shredded, a few pages at a time (PageCompressor), whatever the codec. The file's
  // bytes do not depend on timing, but a row group's size check counts pages still in the
  // pool at their PLAIN size and the dictionary as of the last page retired, so row groups
  // may close a little earlier or later than with false (everything on the caller's thread,
  // as pyarrow's writer does).
  bool background_compression = true;

  // The Avro schema JSON of the records, written as the `parquet.avro.schema` key-value
  // entry (with `writer.model.name=avro`) as parquet-avro does, so Avro-aware readers
  // recover the original schema. Empty: neither entry is written.
  std::string avro_schema_json;
  // Further footer key-value metadata, written in this order.
  std::vector<std::pair<std::string, std::string>> key_value_metadata;

  // The footer's created_by ("<application> version <semver>" per the format spec).
  std::string created_by = "tributary version 0.1.0";
};

}  // namespace tributary::parquet
