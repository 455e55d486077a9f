#include "mysql/charset_decoder.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>

namespace tributary::mysql {
namespace {

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// windows-1252's 0x80-0x9F; 0xFFFD where it defines no character (as Java's Cp1252).
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// Debezium's MariaDB character-set table (charset_mappings.json), as iconv names.
const std::map<std::string_view, const char*, std::less<>>& IconvNames() {
  static const std::map<std::string_view, const char*, std::less<>> names{
      {"ascii", "ASCII"},           {"big5", "BIG5"},          {"gbk", "GBK"},
      {"sjis", "SHIFT_JIS"},        {"cp932", "GB2312"},       {"gb2312", "GB2312"},
      {"ujis", "EUC-JP"},           {"eucjpms", "EUC-JP-MS"},  {"gb18030", "GB18030"},
      {"euckr", "EUC-KR"},          {"latin2", "ISO-8859-2"},  {"greek", "ISO-8859-7"},
      {"latin7", "ISO-8859-13"},    {"hebrew", "ISO-8859-8"},  {"latin5", "ISO-8859-9"},
      {"cp850", "CP850"},           {"cp852", "CP852"},        {"keybcs2", "CP852"},
      {"cp866", "CP866"},           {"koi8r", "KOI8-R"},       {"koi8u", "KOI8-R"},
      {"tis620", "TIS-620"},        {"cp1250", "CP1250"},      {"cp1251", "CP1251"},
      {"cp1256", "CP1256"},         {"cp1257", "CP1257"},      {"macroman", "MACINTOSH"},
      {"macce", "MAC-CENTRALEUROPE"}, {"ucs2", "UCS-2BE"},     {"utf16", "UTF-16BE"},
      {"utf16le", "UTF-16LE"},      {"utf32", "UTF-32BE"}};
  return names;
}

// One open conversion per charset and thread (iconv_t carries state).
iconv_t ThreadConversion(const char* from) {
  struct Closer {
    void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
  };
  thread_local std::map<const char*, std::unique_ptr<void, Closer>> open;
  auto it = open.find(from);
  if (it == open.end()) {
    iconv_t cd = iconv_open("UTF-8", from);
    it = open.emplace(from, cd == reinterpret_cast<iconv_t>(-1) ? nullptr : cd).first;
  }
  return static_cast<iconv_t>(it->second.get());
}

bool IsAscii(std::string_view bytes) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    if (word & kHighBits) return false;
  }
  for (; i < bytes.size(); ++i) {
    if (static_cast<uint8_t>(bytes[i]) & 0x80) return false;
  }
  return true;
}

}  // namespace

CharsetDecoder::CharsetDecoder(const char* iconv_name) : iconv_name_(iconv_name) {
  std::string ascii(128, '\0');
  for (int b = 0; b < 128; ++b) ascii[b] = static_cast<char>(b);
  ascii_compatible_ = ToUtf8(ascii) == ascii;
}

const CharsetDecoder* CharsetDecoder::For(std::string_view charset) {
  static const CharsetDecoder kWindows1252(nullptr);
  static const std::map<std::string_view, CharsetDecoder, std::less<>> decoders = [] {
    std::map<std::string_view, CharsetDecoder, std::less<>> m;
    for (const auto& [name, iconv_name] : IconvNames()) m.emplace(name, CharsetDecoder(iconv_name));
    return m;
  }();
  for (std::string_view single_byte_1252 : {"latin1", "swe7", "hp8", "dec8", "armscii8",
                                            "geostd8"}) {
    if (charset == single_byte_1252) return &kWindows1252;
  }
  auto it = decoders.find(charset);
  return it == decoders.end() ? nullptr : &it->second;
}

std::string CharsetDecoder::ToUtf8(std::string_view bytes) const {
  if (ascii_compatible_ && IsAscii(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() * 2);
  if (iconv_name_ == nullptr) {
    for (char ch : bytes) {
      auto b = static_cast<uint8_t>(ch);
      AppendUtf8(&out, b >= 0x80 && b < 0xA0 ? kCp1252High[b - 0x80] : b);
    }
    return out;
  }
  iconv_t cd = ThreadConversion(iconv_name_);
  if (cd == nullptr) return std::string(bytes);  // iconv lacks it: keep the bytes
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  std::string_view name(iconv_name_);
  // The code unit that a replacement stands for: skipping less would misalign wide charsets.
  size_t unit = name.rfind("UTF-32", 0) == 0 ? 4
                : name.rfind("UTF-16", 0) == 0 || name.rfind("UCS-2", 0) == 0 ? 2
                                                                                : 1;
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buf[1024];
  while (in_left > 0) {
    char* o = buf;
    size_t o_left = sizeof(buf);
    size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, o - buf);
    if (r == static_cast<size_t>(-1) && errno != E2BIG) {
      // Undefined or truncated input: one replacement character, then go on (as Java).
      AppendUtf8(&out, 0xFFFD);
      size_t skip = std::min(unit, in_left);
      in += skip;
      in_left -= skip;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  return out;
}

}  // namespace tributary::mysql
