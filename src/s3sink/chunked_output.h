// ChunkedOutput: the bytes of one object while a RecordWriter streams it (JsonFormat,
// ByteArrayFormat). Records are appended to buffer(); once it holds kChunkBytes, EndRecord()
// moves them to the output, gzip-compressed when asked, where TakeOutput() hands them out for
// upload. Memory holds about one chunk (plus zlib's state), not the object.
//
// Thread-safety: one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "s3sink/gzip_stream.h"

namespace tributary::s3sink {

class ChunkedOutput {
 public:
  static constexpr size_t kChunkBytes = 64 << 10;

  // `gzip_level` (see GzipStream) counts only when `gzip`.
  static Result<std::unique_ptr<ChunkedOutput>> Create(bool gzip, int gzip_level);

  // Where the next record's bytes go.
  std::string* buffer() { return &buffer_; }
  // After each record: releases the buffer once it holds a chunk.
  Status EndRecord();
  // The object's bytes released since the last call (empty most of the time).
  std::string TakeOutput();
  // The rest of the object. Nothing may be written afterwards.
  Result<std::string> Finish();

 private:
  explicit ChunkedOutput(std::unique_ptr<GzipStream> gzip) : gzip_(std::move(gzip)) {}
  Status Release();

  std::unique_ptr<GzipStream> gzip_;  // null: uncompressed
  std::string buffer_;
  std::string output_;
};

}  // namespace tributary::s3sink
