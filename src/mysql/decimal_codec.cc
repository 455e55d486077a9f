#include "mysql/decimal_codec.h"

#include <cstdint>
#include <vector>

namespace tributary::mysql {
namespace {

constexpr int kDigitsPerWord = 9;
constexpr int kDigitBytes[10] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

// Reads a big-endian group of `bytes` bytes (after sign masking) as an unsigned number.
uint32_t ReadGroup(std::string_view raw, size_t& pos, int bytes, uint8_t mask) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | (static_cast<uint8_t>(raw[pos++]) ^ mask);
  return v;
}

void AppendDigits(std::string& out, uint32_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  out += digits;
}

}  // namespace

int BinaryDecimalSize(int precision, int scale) {
  int intg = precision - scale;
  return (intg / kDigitsPerWord) * 4 + kDigitBytes[intg % kDigitsPerWord] +
         (scale / kDigitsPerWord) * 4 + kDigitBytes[scale % kDigitsPerWord];
}

Result<std::string> DecodeBinaryDecimal(ByteReader& r, int precision, int scale) {
  if (precision <= 0 || precision > 65 || scale < 0 || scale > precision) {
    return Status::Corruption("DECIMAL({},{}) is not a valid MySQL decimal type", precision,
                              scale);
  }
  int size = BinaryDecimalSize(precision, scale);
  std::string raw(r.Bytes(size));
  if (!r.ok()) return Status::Corruption("DECIMAL value truncated at byte {}", r.failed_at());
  // The sign lives in the top bit of the first byte (set = positive); negative values have
  // every byte inverted.
  bool positive = (static_cast<uint8_t>(raw[0]) & 0x80) != 0;
  raw[0] = static_cast<char>(static_cast<uint8_t>(raw[0]) ^ 0x80);
  uint8_t mask = positive ? 0 : 0xff;

  int intg = precision - scale;
  int intg_full = intg / kDigitsPerWord, intg_rest = intg % kDigitsPerWord;
  int frac_full = scale / kDigitsPerWord, frac_rest = scale % kDigitsPerWord;
  size_t pos = 0;
  std::string integer;
  if (intg_rest > 0) {
    AppendDigits(integer, ReadGroup(raw, pos, kDigitBytes[intg_rest], mask), 0);
  }
  for (int i = 0; i < intg_full; ++i) {
    AppendDigits(integer, ReadGroup(raw, pos, 4, mask), integer.empty() ? 0 : kDigitsPerWord);
  }
  // Strip the leading zeros the fixed-width groups produce.
  size_t first = integer.find_first_not_of('0');
  integer = first == std::string::npos ? "0" : integer.substr(first);
  std::string fraction;
  for (int i = 0; i < frac_full; ++i) AppendDigits(fraction, ReadGroup(raw, pos, 4, mask), 9);
  if (frac_rest > 0) {
    AppendDigits(fraction, ReadGroup(raw, pos, kDigitBytes[frac_rest], mask), frac_rest);
  }
  std::string out;
  bool is_zero = integer == "0" && fraction.find_first_not_of('0') == std::string::npos;
  if (!positive && !is_zero) out += '-';
  out += integer;
  if (scale > 0) out += '.' + fraction;
  return out;
}

Result<int64_t> DecodeBinaryDecimalUnscaled(ByteReader& r, int precision, int scale) {
  if (precision <= 0 || precision > 18 || scale < 0 || scale > precision) {
    return Status::InvalidArgument("DECIMAL({},{}) has no 64-bit fast path", precision, scale);
  }
  int size = BinaryDecimalSize(precision, scale);
  std::string_view raw = r.Bytes(size);
  if (!r.ok()) return Status::Corruption("DECIMAL value truncated at byte {}", r.failed_at());
  bool positive = (static_cast<uint8_t>(raw[0]) & 0x80) != 0;
  uint8_t mask = positive ? 0 : 0xff;
  auto group = [&](size_t& pos, int bytes) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      uint8_t b = static_cast<uint8_t>(raw[pos]) ^ mask;
      if (pos == 0) b ^= 0x80;
      v = (v << 8) | b;
      ++pos;
    }
    return v;
  };
  static constexpr int64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                       100000000, 1000000000};
  int intg = precision - scale;
  size_t pos = 0;
  int64_t value = 0;
  if (intg % kDigitsPerWord) value = group(pos, kDigitBytes[intg % kDigitsPerWord]);
  for (int i = 0; i < intg / kDigitsPerWord; ++i) value = value * 1000000000 + group(pos, 4);
  for (int i = 0; i < scale / kDigitsPerWord; ++i) value = value * 1000000000 + group(pos, 4);
  int frac_rest = scale % kDigitsPerWord;
  if (frac_rest) value = value * kPow10[frac_rest] + group(pos, kDigitBytes[frac_rest]);
  return positive ? value : -value;
}

std::string MinimalTwosComplement(int64_t value) {
  // Significant bits, sign bit included: 64 minus the redundant leading copies of the sign.
  int bits = 64 - __builtin_clrsbll(value);
  int n = (bits + 7) / 8;
  char bytes[8];
  for (int i = 0; i < n; ++i) bytes[n - 1 - i] = static_cast<char>((value >> (8 * i)) & 0xff);
  return std::string(bytes, n);
}

Result<std::string> UnscaledDecimalBytes(std::string_view text, int scale) {
  bool negative = false;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string digits;
  int fraction_digits = -1;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      if (fraction_digits >= scale) continue;  // beyond the scale
      digits += c;
      if (fraction_digits >= 0) ++fraction_digits;
    } else if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
    } else {
      return Status::InvalidArgument("'{}' is not a decimal number", text);
    }
  }
  if (digits.empty()) return Status::InvalidArgument("'{}' is not a decimal number", text);
  digits.append(scale - std::max(fraction_digits, 0), '0');

  // Magnitude in base 2^32, little-endian limbs.
  std::vector<uint32_t> limbs{0};
  for (char c : digits) {
    uint64_t carry = static_cast<uint64_t>(c - '0');
    for (auto& limb : limbs) {
      uint64_t v = static_cast<uint64_t>(limb) * 10 + carry;
      limb = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  // Big-endian bytes with one spare sign byte, then two's complement if negative.
  std::string bytes(limbs.size() * 4 + 1, '\0');
  for (size_t l = 0; l < limbs.size(); ++l) {
    for (int b = 0; b < 4; ++b) {
      bytes[bytes.size() - 1 - (l * 4 + b)] = static_cast<char>((limbs[l] >> (8 * b)) & 0xff);
    }
  }
  bool is_zero = digits.find_first_not_of('0') == std::string::npos;
  if (negative && !is_zero) {
    int carry = 1;
    for (size_t k = bytes.size(); k-- > 0;) {
      int v = (~static_cast<uint8_t>(bytes[k]) & 0xff) + carry;
      bytes[k] = static_cast<char>(v & 0xff);
      carry = v >> 8;
    }
  }
  // Minimal form: drop leading bytes that only repeat the sign.
  size_t start = 0;
  while (start + 1 < bytes.size()) {
    uint8_t b0 = static_cast<uint8_t>(bytes[start]);
    uint8_t b1 = static_cast<uint8_t>(bytes[start + 1]);
    if ((b0 == 0x00 && !(b1 & 0x80)) || (b0 == 0xff && (b1 & 0x80))) {
      ++start;
    } else {
      break;
    }
  }
  return bytes.substr(start);
}

}  // namespace tributary::mysql
