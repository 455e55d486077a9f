#include "avro/codec.h"

#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <memory>

namespace tributary::avro {

namespace {

uint32_t Crc32(std::string_view data) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

Status DeflateRaw(std::string_view in, int level, std::string* out) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return Status::Internal("deflateInit2 failed (level {})", level);
  size_t start = out->size();
  out->resize(start + deflateBound(&zs, static_cast<uLong>(in.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out->data() + start);
  zs.avail_out = static_cast<uInt>(out->size() - start);
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::Internal("deflate failed ({})", rc);
  out->resize(start + produced);
  return Status::OK();
}

Status InflateRaw(std::string_view in, size_t max_size, std::string* out) {
  z_stream zs{};
  if (inflateInit2(&zs, -15) != Z_OK) return Status::Internal("inflateInit2 failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, inflateEnd);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  size_t start = out->size();
  char buf[64 * 1024];
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    int rc = inflate(&zs, Z_NO_FLUSH);
    size_t got = sizeof(buf) - zs.avail_out;
    if (out->size() - start + got > max_size)
      return Status::Corruption("deflate block inflates beyond {} bytes", max_size);
    out->append(buf, got);
    if (rc == Z_STREAM_END) return Status::OK();
    if (rc != Z_OK) return Status::Corruption("invalid deflate data ({})", zs.msg ? zs.msg : "?");
    if (got == 0 && zs.avail_in == 0) return Status::Corruption("truncated deflate data");
  }
}

Status ZstdDecompress(std::string_view in, size_t max_size, std::string* out) {
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> ds(ZSTD_createDStream(), ZSTD_freeDStream);
  if (!ds) return Status::Internal("ZSTD_createDStream failed");
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  size_t start = out->size();
  char buf[64 * 1024];
  size_t last = 1;
  while (input.pos < input.size || last != 0) {
    ZSTD_outBuffer output{buf, sizeof(buf), 0};
    last = ZSTD_decompressStream(ds.get(), &output, &input);
    if (ZSTD_isError(last)) return Status::Corruption("invalid zstandard data: {}", ZSTD_getErrorName(last));
    if (out->size() - start + output.pos > max_size)
      return Status::Corruption("zstandard block decompresses beyond {} bytes", max_size);
    out->append(buf, output.pos);
    if (input.pos == input.size && output.pos == 0 && last != 0)
      return Status::Corruption("truncated zstandard data");
  }
  return Status::OK();
}

}  // namespace

std::string_view CodecName(Codec codec) {
  switch (codec) {
    case Codec::kNull: return "null";
    case Codec::kDeflate: return "deflate";
    case Codec::kSnappy: return "snappy";
    case Codec::kZstandard: return "zstandard";
  }
  return "null";
}

Result<Codec> ParseCodec(std::string_view name) {
  for (Codec c : {Codec::kNull, Codec::kDeflate, Codec::kSnappy, Codec::kZstandard})
    if (CodecName(c) == name) return c;
  return Status::NotSupported(
      "Avro codec '{}' is not supported (use null, deflate, snappy or zstandard)", name);
}

Status Compress(Codec codec, std::string_view in, int level, std::string* out) {
  switch (codec) {
    case Codec::kNull: out->append(in); return Status::OK();
    case Codec::kDeflate: return DeflateRaw(in, level < 0 ? Z_DEFAULT_COMPRESSION : level, out);
    case Codec::kSnappy: {
      size_t start = out->size();
      out->resize(start + snappy::MaxCompressedLength(in.size()) + 4);
      size_t len = 0;
      snappy::RawCompress(in.data(), in.size(), out->data() + start, &len);
      uint32_t crc = Crc32(in);
      char* p = out->data() + start + len;
      p[0] = static_cast<char>(crc >> 24);
      p[1] = static_cast<char>(crc >> 16);
      p[2] = static_cast<char>(crc >> 8);
      p[3] = static_cast<char>(crc);
      out->resize(start + len + 4);
      return Status::OK();
    }
    case Codec::kZstandard: {
      size_t start = out->size();
      out->resize(start + ZSTD_compressBound(in.size()));
      size_t n = ZSTD_compress(out->data() + start, out->size() - start, in.data(), in.size(),
                               level < 0 ? 3 : level);
      if (ZSTD_isError(n)) return Status::Internal("zstd compression failed: {}", ZSTD_getErrorName(n));
      out->resize(start + n);
      return Status::OK();
    }
  }
  return Status::OK();
}

Status Decompress(Codec codec, std::string_view in, size_t max_size, std::string* out) {
  switch (codec) {
    case Codec::kNull:
      if (in.size() > max_size) return Status::Corruption("block of {} bytes exceeds {}", in.size(), max_size);
      out->append(in);
      return Status::OK();
    case Codec::kDeflate: return InflateRaw(in, max_size, out);
    case Codec::kSnappy: {
      if (in.size() < 4) return Status::Corruption("snappy block shorter than its CRC");
      std::string_view body = in.substr(0, in.size() - 4);
      size_t len = 0;
      if (!snappy::GetUncompressedLength(body.data(), body.size(), &len))
        return Status::Corruption("invalid snappy block header");
      if (len > max_size) return Status::Corruption("snappy block decompresses to {} bytes, over {}", len, max_size);
      size_t start = out->size();
      out->resize(start + len);
      if (!snappy::RawUncompress(body.data(), body.size(), out->data() + start))
        return Status::Corruption("invalid snappy data");
      const auto* c = reinterpret_cast<const uint8_t*>(in.data() + in.size() - 4);
      uint32_t expected = (uint32_t{c[0]} << 24) | (uint32_t{c[1]} << 16) | (uint32_t{c[2]} << 8) | c[3];
      if (Crc32(std::string_view(out->data() + start, len)) != expected)
        return Status::Corruption("snappy block CRC-32 mismatch");
      return Status::OK();
    }
    case Codec::kZstandard: return ZstdDecompress(in, max_size, out);
  }
  return Status::OK();
}

}  // namespace tributary::avro
