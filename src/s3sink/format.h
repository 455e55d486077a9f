// Format and RecordWriter: how a file's records become bytes, one implementation per
// format.class (JsonFormat, AvroFormat, ParquetFormat, ByteArrayFormat).
//
// A Format makes one RecordWriter per object. The sink streams the object through a
// storage::ObjectUpload: after each record it appends what TakeOutput() hands out (Parquet:
// each finished row group; Avro: each block; JSON and ByteArray: each 64 KiB chunk), and at
// the end what Finish() returns; the object becomes visible only when the upload commits, so
// it is either complete or absent.
//
// Thread-safety: a Format is immutable and shareable; a RecordWriter is used by one thread.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "common/status.h"
#include "data/schema.h"
#include "data/value.h"
#include "s3sink/s3_sink_config.h"

namespace tributary::s3sink {

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // Appends one record. `schema` is the file's schema (null for schemaless data); `value`
  // conforms to it. InvalidArgument names the culprit when the value cannot be written.
  virtual Status Write(const data::SchemaPtr& schema, const data::Value& value) = 0;
  // Appends records in order, as Write() of each; stops at the first that fails, with
  // `*written` set to the number appended before it. Formats with a faster batch path
  // (Parquet) override it.
  virtual Status WriteBatch(const data::SchemaPtr& schema,
                            std::span<const data::Value* const> values, size_t* written);
  // The object's bytes finished since the last call, to upload ahead of the rest; the object
  // is the concatenation of every TakeOutput() and then Finish(). Every format streams, so
  // that a writer holds about one piece (Parquet: a row group; Avro: a block; JSON and
  // ByteArray: a 64 KiB chunk), not the object.
  virtual std::string TakeOutput() { return {}; }
  // The rest of the object. The writer is spent afterwards.
  virtual Result<std::string> Finish() = 0;
};

class Format {
 public:
  virtual ~Format() = default;
  // File name extension with its leading dot, e.g. ".snappy.parquet", ".json.gz", ".avro".
  virtual std::string extension() const = 0;
  // A writer for one object whose records all have `schema` (null: schemaless).
  virtual Result<std::unique_ptr<RecordWriter>> NewWriter(const data::SchemaPtr& schema) const = 0;
};

// The Format of `kind` with the options of `config` (codecs, compression, decimal format).
Result<std::unique_ptr<Format>> NewFormat(FormatKind kind, const S3SinkConfig& config);

Result<std::unique_ptr<Format>> NewJsonFormat(const S3SinkConfig& config);
Result<std::unique_ptr<Format>> NewByteArrayFormat(const S3SinkConfig& config);
Result<std::unique_ptr<Format>> NewAvroFormat(const S3SinkConfig& config);
Result<std::unique_ptr<Format>> NewParquetFormat(const S3SinkConfig& config);

}  // namespace tributary::s3sink
