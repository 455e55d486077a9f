// Avro object container files (the specification's "Object Container Files"): a header with
// the magic "Obj\x01", metadata (avro.schema, avro.codec and user keys) and a 16-byte sync
// marker, then blocks of <object count, byte size, (compressed) objects, sync marker>.
//
// ContainerWriter encodes into blocks of about `block_size` bytes and hands finished bytes to
// a sink as it goes, so memory stays bounded by one block. Objects are appended either as
// Datums or already encoded (e.g. by AvroData::EncodeConnectValue), the latter without a copy:
//   std::string* buf = writer->object_buffer();
//   avro_data.EncodeConnectValue(schema, value, buf);   // appends one object
//   writer->CommitObject();
// ContainerReader reads a whole file held in memory, checks every sync marker, decompresses
// blocks with a size cap and decodes objects with the writer's schema, or resolved to a
// reader schema; errors name the byte offset.
//
// Thread-safety: one writer or reader per thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "avro/codec.h"
#include "avro/datum.h"
#include "avro/generic_codec.h"
#include "avro/schema.h"
#include "avro/schema_resolution.h"
#include "common/status.h"

namespace tributary::avro {

using SyncMarker = std::array<uint8_t, 16>;

struct ContainerWriterOptions {
  Codec codec = Codec::kNull;
  int compression_level = -1;          // see Compress()
  size_t block_size = 64 * 1024;       // uncompressed bytes per block before it is flushed
  std::vector<std::pair<std::string, std::string>> metadata;  // extra header metadata
  // A fixed marker makes the file's bytes a function of its contents (identical rewrites);
  // by default a random one is drawn, as Avro's Java writer does.
  std::optional<SyncMarker> sync_marker;
};

class ContainerWriter {
 public:
  // Receives the file's bytes in order; an error aborts the writer.
  using Sink = std::function<Status(std::string_view)>;

  // Writes the header to the sink at once.
  static Result<std::unique_ptr<ContainerWriter>> Create(SchemaPtr schema, Sink sink,
                                                         ContainerWriterOptions options = {});
  // Convenience: a writer that appends the file to *out.
  static Result<std::unique_ptr<ContainerWriter>> Create(SchemaPtr schema, std::string* out,
                                                         ContainerWriterOptions options = {});

  Status Append(const Datum& datum);
  Status AppendEncoded(std::string_view object);
  // Append one encoded object to object_buffer(), then CommitObject(). On an encode error,
  // call DiscardObject() to drop the partial bytes.
  std::string* object_buffer() { return &block_; }
  Status CommitObject();
  void DiscardObject() { block_.resize(committed_bytes_); }

  // Ends the current block (if any objects are pending).
  Status Flush();
  // Flushes; the writer accepts nothing afterwards.
  Status Close();

  const SchemaPtr& schema() const { return schema_; }
  const SyncMarker& sync_marker() const { return sync_; }
  int64_t objects_written() const { return objects_; }     // committed, flushed or not
  uint64_t bytes_written() const { return bytes_out_; }    // handed to the sink

 private:
  ContainerWriter(SchemaPtr schema, Sink sink, ContainerWriterOptions options);
  Status Emit(std::string_view bytes);

  SchemaPtr schema_;
  Sink sink_;
  ContainerWriterOptions options_;
  SyncMarker sync_{};
  std::string block_;
  size_t committed_bytes_ = 0;
  int64_t block_objects_ = 0;
  int64_t objects_ = 0;
  uint64_t bytes_out_ = 0;
  std::string scratch_;
  bool closed_ = false;
};

struct ContainerReaderOptions {
  SchemaPtr reader_schema;                  // null: read with the writer's schema
  size_t max_block_bytes = 256 << 20;       // decompressed size cap per block
  DecodeLimits limits;
};

class ContainerReader {
 public:
  // `file` must outlive the reader.
  static Result<std::unique_ptr<ContainerReader>> Open(std::string_view file,
                                                       ContainerReaderOptions options = {});

  const SchemaPtr& writer_schema() const { return writer_schema_; }
  Codec codec() const { return codec_; }
  // Every header metadata entry, in file order (values are raw bytes).
  const std::vector<std::pair<std::string, std::string>>& metadata() const { return metadata_; }
  const std::string* metadata(std::string_view key) const;

  // Reads the next object; returns false at the end of the file.
  Result<bool> Next(Datum* out);
  // The next object's encoded bytes (writer schema), without decoding it into a Datum.
  Result<bool> NextEncoded(std::string_view* object);

 private:
  ContainerReader() = default;
  Status LoadBlock();  // sets block_/remaining_in_block_

  std::string_view file_;
  size_t pos_ = 0;  // next unread byte of file_
  ContainerReaderOptions options_;
  SchemaPtr writer_schema_;
  std::shared_ptr<const SchemaResolution> resolution_;
  Codec codec_ = Codec::kNull;
  std::vector<std::pair<std::string, std::string>> metadata_;
  SyncMarker sync_{};
  std::string block_;
  size_t block_file_offset_ = 0;
  std::unique_ptr<BinaryReader> block_reader_;
  int64_t remaining_in_block_ = 0;
};

}  // namespace tributary::avro
