#include "parquet/rle_bit_packed_encoder.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace tributary::parquet {

namespace {

// Smallest run worth an RLE header: a bit-packed group holds 8 values.
constexpr size_t kMinRunLength = 8;

__extension__ typedef unsigned __int128 Uint128;

// Writes through a raw pointer into room reserved up front: a page's levels or indices are
// encoded without a capacity check per byte.
class HybridWriter {
 public:
  explicit HybridWriter(char* dst) : dst_(dst) {}
  char* end() const { return dst_; }

  void Varint(uint64_t value) {
    while (value >= 0x80) {
      *dst_++ = static_cast<char>((value & 0x7F) | 0x80);
      value >>= 7;
    }
    *dst_++ = static_cast<char>(value);
  }

  template <typename T>
  void RleRun(T value, size_t length, int bit_width) {
    Varint(static_cast<uint64_t>(length) << 1);
    const uint32_t v = value;
    std::memcpy(dst_, &v, 4);  // the room has slack for whole words
    dst_ += (bit_width + 7) / 8;
  }

  // Bit-packs values[0, count), padding the last group of 8 with zeros.
  template <typename T>
  void BitPacked(const T* values, size_t count, int bit_width) {
    const size_t groups = (count + 7) / 8;
    Varint((static_cast<uint64_t>(groups) << 1) | 1);
    const size_t full = count / 8;
    if (bit_width <= 8) {
      for (size_t g = 0; g < full; ++g) Pack64(values + 8 * g, bit_width);
    } else if (bit_width <= 16) {
      for (size_t g = 0; g < full; ++g) Pack128(values + 8 * g, bit_width);
    } else {
      for (size_t g = 0; g < full; ++g) PackWide(values + 8 * g, bit_width);
    }
    if (full < groups) {
      T last[8] = {};
      std::copy(values + 8 * full, values + count, last);
      PackWide(last, bit_width);
    }
  }

 private:
  // A group of 8 values takes exactly bit_width bytes; each packer stores whole words (the
  // room has slack for them) and advances by those bytes.
  template <typename T>
  void Pack64(const T* v, int bit_width) {
    uint64_t word = 0;
    for (int j = 0; j < 8; ++j) word |= static_cast<uint64_t>(v[j]) << (j * bit_width);
    std::memcpy(dst_, &word, 8);
    dst_ += bit_width;
  }
  template <typename T>
  void Pack128(const T* v, int bit_width) {
    Uint128 word = 0;
    for (int j = 0; j < 8; ++j) word |= static_cast<Uint128>(v[j]) << (j * bit_width);
    std::memcpy(dst_, &word, 16);
    dst_ += bit_width;
  }
  template <typename T>
  void PackWide(const T* v, int bit_width) {
    // Bits gather in a 64-bit accumulator stored 32 bits at a time: bit_width <= 32 keeps
    // it from overflowing, and 8 values end on a byte.
    uint64_t buffer = 0;
    int buffered_bits = 0;
    for (int j = 0; j < 8; ++j) {
      buffer |= static_cast<uint64_t>(v[j]) << buffered_bits;
      buffered_bits += bit_width;
      if (buffered_bits >= 32) {
        const uint32_t word = static_cast<uint32_t>(buffer);
        std::memcpy(dst_, &word, 4);
        dst_ += 4;
        buffer >>= 32;
        buffered_bits -= 32;
      }
    }
    std::memcpy(dst_, &buffer, 8);
    dst_ += buffered_bits / 8;
  }

  char* dst_;
};

template <typename T>
void EncodeHybrid(const T* values, size_t count, int bit_width, std::string* out) {
  const size_t start = out->size();
  out->resize(start + RleBitPackedEncoder::MaxEncodedBytes(count, bit_width));
  HybridWriter writer(out->data() + start);
  size_t literal_start = 0;  // values[literal_start, i) await bit-packing
  size_t i = 0;
  while (i < count) {
    const T value = values[i];
    size_t run = 1;
    while (i + run < count && values[i + run] == value) ++run;
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
    if (i > literal_start) writer.BitPacked(values + literal_start, i - literal_start, bit_width);
    writer.RleRun(value, run, bit_width);
    i += run;
    literal_start = i;
  }
  if (count > literal_start) {
    writer.BitPacked(values + literal_start, count - literal_start, bit_width);
  }
  out->resize(static_cast<size_t>(writer.end() - out->data()));
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

// Literal groups (bit_width bytes each) and runs (at least 8 values, a header and a value)
// together number at most count / 8 + 1; each run may follow a literal block and its header.
// The slack covers the whole-word stores of the last group.
size_t RleBitPackedEncoder::MaxEncodedBytes(size_t count, int bit_width) {
  constexpr size_t kMaxHeaderBytes = 5;
  constexpr size_t kMaxRunAndHeaderBytes = 2 * kMaxHeaderBytes + 4;
  return (count / 8 + 1) * std::max(static_cast<size_t>(bit_width), kMaxRunAndHeaderBytes) +
         kMaxHeaderBytes + 16;
}

int RleBitPackedEncoder::BitWidth(uint32_t max_value) {
  return max_value == 0 ? 0 : 32 - std::countl_zero(max_value);
}

}  // namespace tributary::parquet
