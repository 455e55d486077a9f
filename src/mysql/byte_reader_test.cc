#include "mysql/byte_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace tributary::mysql {
namespace {

TEST(ByteReaderTest, ReadsLittleAndBigEndianIntegersOfEveryWidth) {
  const std::string bytes("\x01\x02\x03\x04\x05\x06\x07\x88", 8);
  const uint64_t le[] = {0, 0x01, 0x0201, 0x030201, 0x04030201, 0x0504030201, 0x060504030201,
                         0x07060504030201, 0x8807060504030201};
  const uint64_t be[] = {0, 0x01, 0x0102, 0x010203, 0x01020304, 0x0102030405, 0x010203040506,
                         0x01020304050607, 0x0102030405060788};
  for (int n = 1; n <= 8; ++n) {
    ByteReader little(bytes), big(bytes);
    EXPECT_EQ(little.ReadLE(n), le[n]) << n << " bytes";
    EXPECT_EQ(big.ReadBE(n), be[n]) << n << " bytes";
    EXPECT_EQ(little.offset(), static_cast<size_t>(n));
    EXPECT_TRUE(little.ok());
  }
}

TEST(ByteReaderTest, ReadsInSequenceAndReportsWhereTheDataRanOut) {
  ByteReader r(std::string_view("\xff\x01\x02\x03\x04\x05", 6));
  EXPECT_EQ(r.U8(), 0xffu);
  EXPECT_EQ(r.U16(), 0x0201u);
  EXPECT_EQ(r.U32(), 0u);  // 3 bytes left: a 4-byte read fails and reads zero
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.failed_at(), 3u);
  EXPECT_EQ(r.U8(), 0u);  // stays failed
}

}  // namespace
}  // namespace tributary::mysql
