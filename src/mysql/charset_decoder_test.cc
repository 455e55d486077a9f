#include "mysql/charset_decoder.h"

#include <gtest/gtest.h>

namespace tributary::mysql {
namespace {

TEST(CharsetDecoderTest, Utf8AndBinaryNeedNoDecoder) {
  EXPECT_EQ(CharsetDecoder::For("utf8mb4"), nullptr);
  EXPECT_EQ(CharsetDecoder::For("binary"), nullptr);
  EXPECT_EQ(CharsetDecoder::For(""), nullptr);
}

TEST(CharsetDecoderTest, Latin1IsWindows1252) {
  const CharsetDecoder* latin1 = CharsetDecoder::For("latin1");
  ASSERT_NE(latin1, nullptr);
  EXPECT_EQ(latin1->ToUtf8("plain ascii, longer than sixteen bytes"),
            "plain ascii, longer than sixteen bytes");
  EXPECT_EQ(latin1->ToUtf8("caf\xe9 \x80"), "caf\xc3\xa9 \xe2\x82\xac");
  EXPECT_EQ(latin1->ToUtf8("\x81"), "\xef\xbf\xbd");  // undefined in windows-1252
}

TEST(CharsetDecoderTest, AsciiBytesAreNotCopiedWhereTheCharsetRedefinesThem) {
  // Shift_JIS maps 0x5C to the yen sign; UTF-16 reads two bytes per character.
  const CharsetDecoder* sjis = CharsetDecoder::For("sjis");
  ASSERT_NE(sjis, nullptr);
  EXPECT_EQ(sjis->ToUtf8("a\\b"), "a\xc2\xa5" "b");
  const CharsetDecoder* utf16 = CharsetDecoder::For("utf16");
  ASSERT_NE(utf16, nullptr);
  EXPECT_EQ(utf16->ToUtf8(std::string_view("\0A\0B", 4)), "AB");
  const CharsetDecoder* cp1251 = CharsetDecoder::For("cp1251");
  ASSERT_NE(cp1251, nullptr);
  EXPECT_EQ(cp1251->ToUtf8("id 42"), "id 42");
  EXPECT_EQ(cp1251->ToUtf8("\xc4\xe0"), "\xd0\x94\xd0\xb0");
}

}  // namespace
}  // namespace tributary::mysql
