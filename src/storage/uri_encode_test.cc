#include "storage/uri_encode.h"

#include <gtest/gtest.h>

namespace tributary::storage {
namespace {

TEST(UriEncodeTest, ConfluentObjectKeyEncodesEqualsAndPlusButKeepsSlashes) {
  EXPECT_EQ(UriEncode("topics/t/partition=0/t+0+0000000000.snappy.parquet", SlashEncoding::kKeep),
            "topics/t/partition%3D0/t%2B0%2B0000000000.snappy.parquet");
}

TEST(UriEncodeTest, SpacesAndUnicodeAreEncodedBytewiseInUpperCaseHex) {
  EXPECT_EQ(UriEncode("a b/ü€", SlashEncoding::kKeep), "a%20b/%C3%BC%E2%82%AC");
  EXPECT_EQ(UriEncode("a b/ü€", SlashEncoding::kEncode), "a%20b%2F%C3%BC%E2%82%AC");
}

TEST(UriEncodeTest, UnreservedCharactersStayAsTheyAre) {
  EXPECT_EQ(UriEncode("AZaz09-_.~", SlashEncoding::kEncode), "AZaz09-_.~");
  EXPECT_EQ(UriEncode("!*'()$&,;:@?#[]%", SlashEncoding::kKeep),
            "%21%2A%27%28%29%24%26%2C%3B%3A%40%3F%23%5B%5D%25");
}

TEST(UriEncodeTest, DecodeReversesEncode) {
  std::string key = "topics/d b/partition=0/ü+1+0000000042.json";
  EXPECT_EQ(UriDecode(UriEncode(key, SlashEncoding::kEncode)), key);
  EXPECT_EQ(UriDecode("a%2fb%zz%4"), "a/b%zz%4");
}

}  // namespace
}  // namespace tributary::storage
