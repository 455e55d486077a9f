#include "parquet/codec.h"

#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

namespace tributary::parquet {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// gzip's header and trailer (18 bytes) on top of zlib's bound for a zlib stream (6 bytes).
constexpr size_t kGzipOverhead = 12;

Result<size_t> GzipCompress(std::string_view input, int level, char* out, size_t capacity) {
  z_stream stream{};
  // 15 window bits + 16 asks zlib for a gzip header and trailer instead of a zlib one.
  if (deflateInit2(&stream, level == 0 ? Z_DEFAULT_COMPRESSION : level, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("gzip: deflateInit2 failed (level {})", level);
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out);
  stream.avail_out = static_cast<uInt>(capacity);
  const int rc = deflate(&stream, Z_FINISH);
  const size_t written = stream.total_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    return Status::Internal("gzip: deflate of {} bytes failed ({})", input.size(), rc);
  }
  return written;
}

struct ZstdContextDeleter {
  void operator()(ZSTD_CCtx* ctx) const { ZSTD_freeCCtx(ctx); }
};

Result<size_t> ZstdCompress(std::string_view input, int level, char* out, size_t capacity) {
  // A compression context is costly to set up; keep one per thread.
  thread_local std::unique_ptr<ZSTD_CCtx, ZstdContextDeleter> context(ZSTD_createCCtx());
  const size_t written = ZSTD_compressCCtx(context.get(), out, capacity, input.data(),
                                           input.size(), level == 0 ? 3 : level);
  if (ZSTD_isError(written)) {
    return Status::Internal("zstd: compression of {} bytes failed: {}", input.size(),
                            ZSTD_getErrorName(written));
  }
  return written;
}

}  // namespace

Result<Codec> ParseCodec(std::string_view name) {
  const std::string lower = Lower(name);
  if (lower == "none" || lower == "uncompressed") return Codec::kUncompressed;
  if (lower == "snappy") return Codec::kSnappy;
  if (lower == "gzip") return Codec::kGzip;
  if (lower == "zstd") return Codec::kZstd;
  if (lower == "lz4" || lower == "lz4_raw" || lower == "brotli" || lower == "lzo") {
    return Status::NotSupported(
        "parquet.codec '{}' is not supported by this Parquet writer; use one of none, snappy, "
        "gzip, zstd",
        name);
  }
  return Status::InvalidArgument(
      "parquet.codec '{}' is not a Parquet codec; use one of none, snappy, gzip, zstd", name);
}

std::string_view CodecName(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed: return "uncompressed";
    case Codec::kSnappy: return "snappy";
    case Codec::kGzip: return "gzip";
    case Codec::kZstd: return "zstd";
  }
  return "unknown";
}

std::string_view ParquetFileExtension(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed: return ".parquet";
    case Codec::kSnappy: return ".snappy.parquet";
    case Codec::kGzip: return ".gz.parquet";
    case Codec::kZstd: return ".zstd.parquet";
  }
  return ".parquet";
}

size_t MaxCompressedLength(Codec codec, size_t input_size) {
  switch (codec) {
    case Codec::kUncompressed: return input_size;
    case Codec::kSnappy: return snappy::MaxCompressedLength(input_size);
    case Codec::kGzip: return compressBound(static_cast<uLong>(input_size)) + kGzipOverhead;
    case Codec::kZstd: return ZSTD_compressBound(input_size);
  }
  return input_size;
}

Result<size_t> CompressTo(Codec codec, std::string_view input, char* out, size_t capacity,
                          int level) {
  if (capacity < MaxCompressedLength(codec, input.size())) {
    return Status::Internal("{} compression of {} bytes needs {} bytes of room, got {}",
                            CodecName(codec), input.size(),
                            MaxCompressedLength(codec, input.size()), capacity);
  }
  switch (codec) {
    case Codec::kUncompressed:
      std::memcpy(out, input.data(), input.size());
      return input.size();
    case Codec::kSnappy: {
      size_t written = 0;
      snappy::RawCompress(input.data(), input.size(), out, &written);
      return written;
    }
    case Codec::kGzip: return GzipCompress(input, level, out, capacity);
    case Codec::kZstd: return ZstdCompress(input, level, out, capacity);
  }
  return Status::InvalidArgument("unknown codec {}", static_cast<int>(codec));
}

Status Compress(Codec codec, std::string_view input, std::string* out, int level) {
  const size_t start = out->size();
  out->resize(start + MaxCompressedLength(codec, input.size()));
  auto written = CompressTo(codec, input, out->data() + start, out->size() - start, level);
  if (!written.ok()) {
    out->resize(start);
    return written.status();
  }
  out->resize(start + *written);
  return Status::OK();
}

}  // namespace tributary::parquet
