// Codec: the page compression codecs of a Parquet file, as named by the S3 sink's
// `parquet.codec` key, and the compression itself.
//
// Thread-safety: free functions without shared state; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace tributary::parquet {

// Values are the parquet.thrift CompressionCodec numbers.
enum class Codec {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kZstd = 6,
};

// Parses a `parquet.codec` value (case-insensitive): "none" or "uncompressed", "snappy",
// "gzip", "zstd". "lz4", "lz4_raw", "brotli" and "lzo" are valid Parquet codecs that we do
// not write: NotSupported, naming the supported ones. Anything else: InvalidArgument.
Result<Codec> ParseCodec(std::string_view name);

// "uncompressed", "snappy", "gzip", "zstd".
std::string_view CodecName(Codec codec);

// The object name extension Confluent's ParquetFormat uses for the codec (parquet-mr's
// CompressionCodecName extension + ".parquet"): ".parquet", ".snappy.parquet",
// ".gz.parquet", ".zstd.parquet".
std::string_view ParquetFileExtension(Codec codec);

// Appends the compressed form of `input` to *out (a copy for kUncompressed). gzip output is
// a full gzip member (RFC 1952), as Parquet's GZIP codec requires. `level` 0 is the codec's
// default (gzip 6, zstd 3); snappy has no levels.
Status Compress(Codec codec, std::string_view input, std::string* out, int level = 0);

// The most bytes CompressTo() can produce for `input_size` bytes.
size_t MaxCompressedLength(Codec codec, size_t input_size);
// Compresses `input` into out[0, capacity), capacity >= MaxCompressedLength(codec,
// input.size()), and returns the bytes written: Compress() without a zero-filled string.
Result<size_t> CompressTo(Codec codec, std::string_view input, char* out, size_t capacity,
                          int level = 0);

}  // namespace tributary::parquet
