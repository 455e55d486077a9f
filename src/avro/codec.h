// Block codecs of Avro object container files: null, deflate (raw RFC 1951, no zlib header),
// snappy (raw snappy followed by the big-endian CRC-32 of the uncompressed bytes) and
// zstandard (one zstd frame), named as in the "avro.codec" metadata.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tributary::avro {

enum class Codec { kNull, kDeflate, kSnappy, kZstandard };

// "null", "deflate", "snappy", "zstandard".
std::string_view CodecName(Codec codec);
// Accepts the names above; anything else (e.g. "bzip2", "xz") is NotSupported, naming it.
Result<Codec> ParseCodec(std::string_view name);

// `level`: deflate 0-9 or -1 for zlib's default (6); zstandard 1-22, or -1 for 3. Ignored by
// null and snappy.
Status Compress(Codec codec, std::string_view in, int level, std::string* out);

// Decompresses `in` (appending to *out); a result longer than `max_size` is Corruption, so a
// hostile block cannot exhaust memory.
Status Decompress(Codec codec, std::string_view in, size_t max_size, std::string* out);

}  // namespace tributary::avro
