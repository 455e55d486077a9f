// GzipStream: compresses a stream of bytes into one gzip member (RFC 1952) as they arrive,
// for s3.compression.type=gzip: memory holds zlib's state, not the object.
//
// Thread-safety: one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

struct z_stream_s;

namespace tributary::s3sink {

class GzipStream {
 public:
  // `level`: -1 (zlib's default) or 0..9 (s3.compression.level).
  static Result<std::unique_ptr<GzipStream>> Create(int level);
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  // Compresses `data`, appending to *out whatever output zlib has completed.
  Status Write(std::string_view data, std::string* out);
  // Ends the member (the trailer included) and appends the rest of the output to *out. The
  // stream accepts nothing afterwards.
  Status Finish(std::string* out);

 private:
  GzipStream();
  Status Deflate(std::string_view data, int flush, std::string* out);

  std::unique_ptr<z_stream_s> stream_;
  bool initialized_ = false;
};

}  // namespace tributary::s3sink
