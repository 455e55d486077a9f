#include "parquet/rle_bit_packed_encoder.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace tributary::parquet {
namespace {

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

// A decoder written from Encodings.md, independent of the encoder's structure.
std::vector<uint32_t> Decode(const std::string& data, int bit_width, size_t count) {
  std::vector<uint32_t> out;
  size_t pos = 0;
  auto varint = [&]() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const uint8_t b = static_cast<uint8_t>(data.at(pos++));
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
  };
  while (out.size() < count) {
    const uint64_t header = varint();
    if (header & 1) {
      const size_t values = (header >> 1) * 8;
      for (size_t i = 0; i < values; ++i) {
        uint32_t v = 0;
        for (int b = 0; b < bit_width; ++b) {
          const size_t bit = i * static_cast<size_t>(bit_width) + static_cast<size_t>(b);
          if ((static_cast<uint8_t>(data.at(pos + bit / 8)) >> (bit % 8)) & 1) v |= 1u << b;
        }
        out.push_back(v);
      }
      pos += (header >> 1) * static_cast<uint64_t>(bit_width);
    } else {
      uint32_t v = 0;
      for (int i = 0; i < (bit_width + 7) / 8; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(data.at(pos++))) << (8 * i);
      out.insert(out.end(), header >> 1, v);
    }
  }
  EXPECT_EQ(pos, data.size()) << "trailing bytes";
  out.resize(count);
  return out;
}

TEST(RleBitPackedEncoder, BitPacksTheSpecExample) {
  // Encodings.md: 0..7 with bit width 3 packs to 10001000 11000110 11111010.
  const std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string out;
  RleBitPackedEncoder::Encode(values.data(), values.size(), 3, &out);
  EXPECT_EQ(Bytes(out), (std::vector<uint8_t>{0x03, 0x88, 0xC6, 0xFA}));
}

TEST(RleBitPackedEncoder, RepeatedValuesBecomeOneRun) {
  const std::vector<uint8_t> levels(1000, 1);
  std::string out;
  RleBitPackedEncoder::Encode(levels.data(), levels.size(), 1, &out);
  // varint(1000 << 1) = 0xD0 0x0F, then the value in one byte.
  EXPECT_EQ(Bytes(out), (std::vector<uint8_t>{0xD0, 0x0F, 0x01}));
}

TEST(RleBitPackedEncoder, WideValuesUseLittleEndianRunValues) {
  const std::vector<uint32_t> values(9, 0x012345);
  std::string out;
  RleBitPackedEncoder::Encode(values.data(), values.size(), 17, &out);
  EXPECT_EQ(Bytes(out), (std::vector<uint8_t>{0x12, 0x45, 0x23, 0x01}));
}

TEST(RleBitPackedEncoder, LiteralsBeforeARunAreToppedUpToAGroupOfEight) {
  // 3 distinct values then 20 equal ones: one bit-packed group (3 + 5 of the run), then a
  // run of the remaining 15.
  std::vector<uint32_t> values = {1, 2, 3};
  values.insert(values.end(), 20, 7);
  std::string out;
  RleBitPackedEncoder::Encode(values.data(), values.size(), 3, &out);
  EXPECT_EQ(out.size(), 1u + 3u + 1u + 1u);
  EXPECT_EQ(static_cast<uint8_t>(out[4]), 15 << 1);
  EXPECT_EQ(Decode(out, 3, values.size()), values);
}

TEST(RleBitPackedEncoder, ShortTailIsPaddedInItsLastGroup) {
  const std::vector<uint32_t> values = {1, 0, 1};
  std::string out;
  RleBitPackedEncoder::Encode(values.data(), values.size(), 1, &out);
  EXPECT_EQ(Bytes(out), (std::vector<uint8_t>{0x03, 0x05}));
}

TEST(RleBitPackedEncoder, RoundTripsRandomRunsAndLiteralsAtEveryWidth) {
  std::mt19937 rng(42);
  for (int width = 1; width <= 32; ++width) {
    const uint64_t max = width == 32 ? UINT32_MAX : (uint64_t{1} << width) - 1;
    std::uniform_int_distribution<uint64_t> value(0, max);
    std::vector<uint32_t> values;
    while (values.size() < 5000) {
      const uint32_t v = static_cast<uint32_t>(value(rng));
      const int repeat = std::uniform_int_distribution<int>(0, 3)(rng) == 0
                             ? std::uniform_int_distribution<int>(1, 40)(rng)
                             : 1;
      values.insert(values.end(), static_cast<size_t>(repeat), v);
    }
    std::string out;
    RleBitPackedEncoder::Encode(values.data(), values.size(), width, &out);
    ASSERT_EQ(Decode(out, width, values.size()), values) << "bit width " << width;
  }
}

TEST(RleBitPackedEncoder, BitWidth) {
  EXPECT_EQ(RleBitPackedEncoder::BitWidth(0), 0);
  EXPECT_EQ(RleBitPackedEncoder::BitWidth(1), 1);
  EXPECT_EQ(RleBitPackedEncoder::BitWidth(2), 2);
  EXPECT_EQ(RleBitPackedEncoder::BitWidth(255), 8);
  EXPECT_EQ(RleBitPackedEncoder::BitWidth(256), 9);
  EXPECT_EQ(RleBitPackedEncoder::BitWidth(UINT32_MAX), 32);
}

}  // namespace
}  // namespace tributary::parquet
