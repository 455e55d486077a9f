// ParquetFileWriter: writes rows of one Connect struct schema as an Apache Parquet file, in
// memory, with the Parquet schema that Confluent's S3 sink (AvroData + parquet-avro's
// AvroSchemaConverter) produces for the same Connect schema:
//
//   struct (root)  -> message named after the record: the Connect schema name, or
//                     "io.confluent.connect.avro.ConnectDefault" when it has none
//   struct         -> group; optional schema -> OPTIONAL, required -> REQUIRED
//   int8/16/32     -> INT32 (no INT(8/16) annotation: parquet-avro sees an Avro int)
//   int64          -> INT64             float32 -> FLOAT        float64 -> DOUBLE
//   boolean        -> BOOLEAN           string  -> BINARY (STRING)   bytes -> BINARY
//   Decimal        -> DECIMAL(precision, scale) on INT32 (precision <= 9), INT64 (<= 18) or
//                     FIXED_LEN_BYTE_ARRAY (fewest bytes for the precision), as the format
//                     specification recommends; precision from the schema parameter
//                     connect.decimal.precision, default 64 (as AvroData). parquet-avro
//                     writes BINARY here (docs/compatibility.md)
//   Date           -> INT32 DATE        Time -> INT32 TIME(MILLIS, isAdjustedToUTC=true)
//   Timestamp      -> INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=true)
//   array<T>       -> <rep> group f (LIST) { repeated T array; }   (parquet-avro's 2-level
//                     form; a null element is an error, as in parquet-avro)
//   map<string,V>  -> <rep> group f (MAP) { repeated group key_value {
//                       required binary key (STRING); <rep> V value; } }
//   map<K,V>, K not a string -> AvroData's array of MapEntry records:
//                     <rep> group f (LIST) { repeated group array { <K> key; <V> value; } }
// Both logical and converted types are written. Column chunks carry statistics (min_value /
// max_value in the type's order, null_count) and every column has TypeDefinedOrder.
//
// Usage:
//   TRIB_ASSIGN_OR_RETURN(auto writer, ParquetFileWriter::Create(schema, options));
//   for (const data::Value& row : rows) TRIB_RETURN_IF_ERROR(writer->Write(row));
//   TRIB_ASSIGN_OR_RETURN(std::string file, writer->Finish());
//
// Rows are shredded straight into per-column buffers (WriteBatch: a block of rows at a time,
// column by column); a full page is encoded and compressed on another core
// (options.background_compression) while shredding goes on; when the buffered row group
// reaches options.row_group_bytes its chunks are appended to the output. A caller that
// uploads in parts may take the finished bytes with TakeOutput() as it goes; Finish() then
// returns only the rest (the last row group and the footer).
//
// Thread-safety: one writer is used by one thread at a time; distinct writers are
// independent (their pages share the compression pool's threads).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "common/status.h"
#include "data/schema.h"
#include "data/value.h"
#include "parquet/writer_options.h"

namespace tributary::parquet {

class ParquetFileWriter {
 public:
  // Fails with InvalidArgument if `value_schema` is not a struct or holds a type that has no
  // Parquet mapping (the error names the field path).
  static Result<std::unique_ptr<ParquetFileWriter>> Create(data::SchemaPtr value_schema,
                                                           WriterOptions options);
  ~ParquetFileWriter();
  ParquetFileWriter(const ParquetFileWriter&) = delete;
  ParquetFileWriter& operator=(const ParquetFileWriter&) = delete;

  // Appends one row: a struct value of the writer's schema (same SchemaPtr, or a schema
  // equal to it). A row that does not conform (null in a required field, wrong kind, null
  // array element) is rejected with InvalidArgument naming the field path, and leaves the
  // file as if the row had not been written.
  Status Write(const data::Value& row);
  // Appends rows in order; stops at the first bad row (the rows before it are written).
  // Faster than Write() row by row: it shreds blocks of rows one column at a time (a tight
  // loop per column, no call per value) and fetches the next block into the cache meanwhile.
  // The file is the same as with Write() of each row.
  Status WriteBatch(std::span<const data::Value* const> rows);

  // Rows accepted so far.
  int64_t num_rows() const;
  // Bytes of the file so far: output produced (including what TakeOutput() handed out) plus
  // the memory held by the open row group. An estimate of the final size before Finish().
  size_t EstimatedSize() const;

  // Memory the writer holds for the file now: the open row group's buffers (pages, values,
  // dictionaries, and the page room kept from earlier row groups) plus output not yet taken
  // with TakeOutput(). Bounded by about options.row_group_bytes plus one encoded row group
  // when the caller takes the output as it comes, whatever the file size.
  size_t BufferedBytes() const;
  // The largest BufferedBytes() seen so far (sampled every few rows and around each row
  // group's encoding): what a caller checks to see memory stay bounded.
  size_t PeakBufferedBytes() const;

  // Hands out the file bytes produced since the last call (the "PAR1" magic and complete row
  // groups); the caller concatenates them in order, then appends Finish()'s result.
  std::string TakeOutput();

  // Writes the open row group and the footer and returns the remaining bytes of the file.
  // The writer accepts nothing after Finish().
  Result<std::string> Finish();

  // The Parquet schema in parquet-mr's text form ("message name { required int32 id; ... }"),
  // for logs and tests.
  std::string SchemaString() const;

 private:
  class Impl;
  explicit ParquetFileWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tributary::parquet
