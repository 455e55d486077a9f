#include "converters/json_text.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace tributary::converters {

namespace {

// The bytes AppendJsonString must look at: control characters, '"', '\\' and the lead bytes
// of 4-byte UTF-8 sequences (written as surrogate pair escapes).
constexpr auto kSpecialBytes = [] {
  std::array<bool, 256> special{};
  for (int c = 0; c < 0x20; ++c) special[c] = true;
  special['"'] = special['\\'] = true;
  for (int c = 0xF0; c <= 0xF4; ++c) special[c] = true;
  return special;
}();

}  // namespace

bool IsPlainJsonText(std::string_view s) {
  for (char c : s) {
    if (kSpecialBytes[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (IsPlainJsonText(s)) {  // the common case: one copy between the quotes
    size_t at = out->size();
    out->resize(at + s.size() + 2);
    char* p = out->data() + at;
    *p = '"';
    if (!s.empty()) std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    return;
  }
  out->push_back('"');
  size_t run = 0;
  auto append_escape = [&](uint32_t unit) {
    out->append("\\u");
    for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(unit >> shift) & 0xF]);
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0 && c <= 0xF4 && i + 3 < s.size()) {
      // Outside the Basic Multilingual Plane: Jackson writes the UTF-16 surrogate pair as
      // two escapes (it does not combine surrogates into one 4-byte UTF-8 sequence).
      uint32_t cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
                    ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
                    (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      out->append(s.data() + run, i - run);
      cp -= 0x10000;
      append_escape(0xD800 + (cp >> 10));
      append_escape(0xDC00 + (cp & 0x3FF));
      i += 3;
      run = i + 1;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    out->push_back('\\');
    switch (c) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '\b': out->push_back('b'); break;
      case '\t': out->push_back('t'); break;
      case '\n': out->push_back('n'); break;
      case '\f': out->push_back('f'); break;
      case '\r': out->push_back('r'); break;
      default:
        out->append("u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

namespace {

// Renders the shortest round-trip digits of `v` (from to_chars' scientific form) in Java's
// layout: plain for 1e-3 <= |v| < 1e7, else d.dddE[-]n; always a digit after the point.
template <typename F>
void AppendJavaFloating(std::string* out, F v) {
  if (std::isnan(v)) {
    out->append("\"NaN\"");
    return;
  }
  if (std::isinf(v)) {
    out->append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  if (v == 0) {
    out->append(std::signbit(v) ? "-0.0" : "0.0");
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits.push_back(c);
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  if (negative) out->push_back('-');
  double magnitude = std::fabs(static_cast<double>(v));
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      size_t int_len = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        out->append(digits);
        out->append(int_len - digits.size(), '0');
        out->append(".0");
      } else {
        out->append(digits, 0, int_len);
        out->push_back('.');
        out->append(digits, int_len, std::string::npos);
      }
    } else {
      out->append("0.");
      out->append(static_cast<size_t>(-exponent - 1), '0');
      out->append(digits);
    }
    return;
  }
  out->push_back(digits[0]);
  out->push_back('.');
  if (digits.size() > 1) {
    out->append(digits, 1, std::string::npos);
  } else {
    out->push_back('0');
  }
  out->push_back('E');
  out->append(std::to_string(exponent));
}

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

void AppendJavaDouble(std::string* out, double v) { AppendJavaFloating(out, v); }
void AppendJavaFloat(std::string* out, float v) { AppendJavaFloating(out, v); }

void AppendBase64(std::string* out, std::string_view bytes) {
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    out->push_back(kBase64Alphabet[(n >> 18) & 63]);
    out->push_back(kBase64Alphabet[(n >> 12) & 63]);
    out->push_back(kBase64Alphabet[(n >> 6) & 63]);
    out->push_back(kBase64Alphabet[n & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 0) return;
  uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
  if (rest == 2) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
  out->push_back(kBase64Alphabet[(n >> 18) & 63]);
  out->push_back(kBase64Alphabet[(n >> 12) & 63]);
  out->push_back(rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=');
  out->push_back('=');
}

bool DecodeBase64(std::string_view text, std::string* out) {
  out->clear();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return bits < 6;
}

}  // namespace tributary::converters
