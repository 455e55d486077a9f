#include "s3sink/gzip_stream.h"

#include <zlib.h>

namespace tributary::s3sink {

namespace {
// Output room added per deflate() call.
constexpr size_t kOutputStep = 64 << 10;
}  // namespace

GzipStream::GzipStream() : stream_(std::make_unique<z_stream_s>()) {}

GzipStream::~GzipStream() {
  if (initialized_) deflateEnd(stream_.get());
}

Result<std::unique_ptr<GzipStream>> GzipStream::Create(int level) {
  std::unique_ptr<GzipStream> gzip(new GzipStream());
  // windowBits 15 + 16: write a gzip header and trailer instead of a zlib one.
  if (deflateInit2(gzip->stream_.get(), level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return Status::InvalidArgument("gzip: cannot compress at s3.compression.level {}", level);
  gzip->initialized_ = true;
  return gzip;
}

Status GzipStream::Write(std::string_view data, std::string* out) {
  return Deflate(data, Z_NO_FLUSH, out);
}

Status GzipStream::Finish(std::string* out) { return Deflate({}, Z_FINISH, out); }

Status GzipStream::Deflate(std::string_view data, int flush, std::string* out) {
  z_stream_s& zs = *stream_;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  while (true) {
    const size_t at = out->size();
    out->resize(at + kOutputStep);
    zs.next_out = reinterpret_cast<Bytef*>(out->data() + at);
    zs.avail_out = static_cast<uInt>(kOutputStep);
    const int rc = deflate(&zs, flush);
    out->resize(at + kOutputStep - zs.avail_out);
    if (rc == Z_STREAM_ERROR) return Status::Internal("gzip: deflate failed ({})", rc);
    if (flush == Z_FINISH ? rc == Z_STREAM_END : zs.avail_out > 0 && zs.avail_in == 0) break;
  }
  return Status::OK();
}

}  // namespace tributary::s3sink
