// RleBitPackedEncoder: Parquet's RLE / bit-packing hybrid (Encodings.md, "RLE"), used for
// definition and repetition levels and for dictionary indices.
//
// Runs of at least 8 equal values become RLE runs (varint header `count << 1`, then the
// value in ceil(bit_width / 8) little-endian bytes); everything else is bit-packed in groups
// of 8 values (header `groups << 1 | 1`, values packed LSB first). Only the final group may be
// padded with zeros: readers stop at the page's value count.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tributary::parquet {

class RleBitPackedEncoder {
 public:
  // Appends the encoding of values[0, count) to *out, without a length prefix. Every value
  // must fit in bit_width bits (0 <= bit_width <= 32).
  static void Encode(const uint8_t* values, size_t count, int bit_width, std::string* out);
  static void Encode(const uint32_t* values, size_t count, int bit_width, std::string* out);

  // The most bytes Encode() appends for `count` values (fewer than 2^31).
  static size_t MaxEncodedBytes(size_t count, int bit_width);

  // Bits needed to represent max_value (0 for 0).
  static int BitWidth(uint32_t max_value);
};

}  // namespace tributary::parquet
