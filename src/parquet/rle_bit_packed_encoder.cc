#include "parquet/rle_bit_packed_encoder.h"

#include <bit>
#include <cstring>

namespace tributary::parquet {

namespace {

// Smallest run worth an RLE header: a bit-packed group holds 8 values.
constexpr size_t kMinRunLength = 8;

void WriteVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

template <typename T>
void WriteRleRun(T value, size_t length, int bit_width, std::string* out) {
  WriteVarint(static_cast<uint64_t>(length) << 1, out);
  const int value_bytes = (bit_width + 7) / 8;
  uint32_t v = value;
  for (int i = 0; i < value_bytes; ++i) {
    out->push_back(static_cast<char>(v & 0xFF));
    v >>= 8;
  }
}

// Bit-packs values[0, count), padding the last group of 8 with zeros. Bits gather in a 64-bit
// accumulator that is stored 32 bits at a time: bit_width <= 32 keeps it from overflowing.
template <typename T>
void WriteBitPacked(const T* values, size_t count, int bit_width, std::string* out) {
  const size_t groups = (count + 7) / 8;
  WriteVarint((static_cast<uint64_t>(groups) << 1) | 1, out);
  const size_t start = out->size();
  out->resize(start + groups * static_cast<size_t>(bit_width));
  char* dst = out->data() + start;
  uint64_t buffer = 0;
  int buffered_bits = 0;
  auto add = [&](uint64_t v) {
    buffer |= v << buffered_bits;
    buffered_bits += bit_width;
    if (buffered_bits >= 32) {
      const uint32_t word = static_cast<uint32_t>(buffer);
      std::memcpy(dst, &word, 4);
      dst += 4;
      buffer >>= 32;
      buffered_bits -= 32;
    }
  };
  for (size_t i = 0; i < count; ++i) add(static_cast<uint64_t>(values[i]));
  for (size_t i = count; i < groups * 8; ++i) add(0);
  // 8 values take whole bytes, so what is left is whole bytes too.
  for (; buffered_bits > 0; buffered_bits -= 8) {
    *dst++ = static_cast<char>(buffer);
    buffer >>= 8;
  }
}

template <typename T>
void EncodeHybrid(const T* values, size_t count, int bit_width, std::string* out) {
  size_t literal_start = 0;  // values[literal_start, i) await bit-packing
  size_t i = 0;
  while (i < count) {
    size_t run = 1;
    while (i + run < count && values[i + run] == values[i]) ++run;
    if (run < kMinRunLength) {
      i += run;
      continue;
    }
    // Bit-packed groups hold 8 values each; the pending literals can only be flushed on a
    // multiple of 8, so top them up from the run first.
    const size_t pending = i - literal_start;
    const size_t top_up = (kMinRunLength - pending % kMinRunLength) % kMinRunLength;
    if (run - top_up < kMinRunLength) {
      i += run;
      continue;
    }
    i += top_up;
    run -= top_up;
    if (i > literal_start) WriteBitPacked(values + literal_start, i - literal_start, bit_width, out);
    WriteRleRun(values[i], run, bit_width, out);
    i += run;
    literal_start = i;
  }
  if (count > literal_start) {
    WriteBitPacked(values + literal_start, count - literal_start, bit_width, out);
  }
}

}  // namespace

void RleBitPackedEncoder::Encode(const uint8_t* values, size_t count, int bit_width,
                                 std::string* out) {
  EncodeHybrid(values, count, bit_width, out);
}

void RleBitPackedEncoder::Encode(const uint32_t* values, size_t count, int bit_width,
                                 std::string* out) {
  EncodeHybrid(values, count, bit_width, out);
}

int RleBitPackedEncoder::BitWidth(uint32_t max_value) {
  return max_value == 0 ? 0 : 32 - std::countl_zero(max_value);
}

}  // namespace tributary::parquet
