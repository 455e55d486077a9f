// CharsetDecoder: the text bytes of a row image, in the column's MariaDB/MySQL character set,
// as UTF-8 -- decoded as Debezium's connector decodes them, with the Java charset its
// character-set table names (latin1 is windows-1252, ucs2 UTF-16BE, ...). Bytes a charset
// does not define become U+FFFD, as Java's decoders replace them.
//
// Thread-safety: For() and ToUtf8() may run concurrently (per-thread conversion state).
#pragma once

#include <string>
#include <string_view>

namespace tributary::mysql {

class CharsetDecoder {
 public:
  // The decoder for a character set name (utf8mb4, latin1, cp1250, ...), or null when the
  // bytes are UTF-8 already (utf8*, or an unknown/empty name, which the catalog reports as
  // UTF-8) or not text (binary).
  static const CharsetDecoder* For(std::string_view charset);

  std::string ToUtf8(std::string_view bytes) const;

 private:
  explicit CharsetDecoder(const char* iconv_name);
  const char* iconv_name_;  // null: windows-1252 by table (the common latin1)
  // Whether bytes 0x00-0x7F decode to themselves, so that pure ASCII text is copied as is
  // (not Shift_JIS, whose 0x5C is the yen sign, nor the UTF-16/32 family).
  bool ascii_compatible_ = false;
};

}  // namespace tributary::mysql
