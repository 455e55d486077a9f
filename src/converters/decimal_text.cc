#include "converters/decimal_text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace tributary::converters {

namespace {

// Decimal digits of a non-negative big-endian magnitude.
std::string MagnitudeToDigits(std::vector<uint8_t> magnitude) {
  std::string digits;
  auto is_zero = [&] {
    return std::all_of(magnitude.begin(), magnitude.end(), [](uint8_t b) { return b == 0; });
  };
  while (!is_zero()) {
    uint32_t remainder = 0;
    for (auto& byte : magnitude) {
      uint32_t cur = (remainder << 8) | byte;
      byte = static_cast<uint8_t>(cur / 10);
      remainder = cur % 10;
    }
    digits.push_back(static_cast<char>('0' + remainder));
  }
  if (digits.empty()) digits = "0";
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// Two's-complement negation in place (big-endian).
void Negate(std::vector<uint8_t>& bytes) {
  for (auto& b : bytes) b = static_cast<uint8_t>(~b);
  for (size_t i = bytes.size(); i-- > 0;)
    if (++bytes[i] != 0) break;
}

}  // namespace

std::string DecimalToString(std::string_view unscaled, int32_t scale) {
  std::vector<uint8_t> magnitude(unscaled.begin(), unscaled.end());
  bool negative = !magnitude.empty() && (magnitude[0] & 0x80) != 0;
  if (negative) {
    magnitude.insert(magnitude.begin(), 0xFF);
    Negate(magnitude);
  }
  std::string coeff = MagnitudeToDigits(std::move(magnitude));
  std::string out = negative ? "-" : "";
  int64_t adjusted = -static_cast<int64_t>(scale) + static_cast<int64_t>(coeff.size()) - 1;
  if (scale == 0) return out + coeff;
  if (scale > 0 && adjusted >= -6) {
    if (coeff.size() > static_cast<size_t>(scale)) {
      size_t point = coeff.size() - static_cast<size_t>(scale);
      return out + coeff.substr(0, point) + "." + coeff.substr(point);
    }
    return out + "0." + std::string(static_cast<size_t>(scale) - coeff.size(), '0') + coeff;
  }
  out += coeff[0];
  if (coeff.size() > 1) out += "." + coeff.substr(1);
  out += "E";
  if (adjusted >= 0) out += "+";
  return out + std::to_string(adjusted);
}

Result<std::string> DecimalFromString(std::string_view text, int32_t scale) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::string digits;
  int64_t frac_len = 0;
  bool seen_point = false;
  size_t i = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
      if (seen_point) ++frac_len;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::string_view exp_text = s.substr(i + 1);
    if (!exp_text.empty() && exp_text[0] == '+') exp_text.remove_prefix(1);
    auto r = std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
    if (r.ec != std::errc() || r.ptr != exp_text.data() + exp_text.size())
      return Status::InvalidArgument("'{}' is not a decimal number", text);
    i = s.size();
  }
  if (digits.empty() || i != s.size())
    return Status::InvalidArgument("'{}' is not a decimal number", text);

  int64_t current_scale = frac_len - exponent;
  if (scale >= current_scale) {
    if (scale - current_scale > 100000)
      return Status::InvalidArgument("'{}' is out of range for scale {}", text, scale);
    digits.append(static_cast<size_t>(scale - current_scale), '0');
  } else {
    size_t drop = static_cast<size_t>(current_scale - scale);
    for (size_t k = 0; k < drop; ++k) {
      if (digits.empty()) break;
      if (digits.back() != '0')
        return Status::InvalidArgument(
            "'{}' has more fractional digits than the schema's scale {} allows", text, scale);
      digits.pop_back();
    }
    if (digits.empty()) digits = "0";
  }

  // Digits -> little-endian base-256 magnitude.
  std::vector<uint8_t> little;
  for (char c : digits) {
    uint32_t carry = static_cast<uint32_t>(c - '0');
    for (auto& b : little) {
      uint32_t cur = b * 10u + carry;
      b = static_cast<uint8_t>(cur & 0xFF);
      carry = cur >> 8;
    }
    while (carry) {
      little.push_back(static_cast<uint8_t>(carry & 0xFF));
      carry >>= 8;
    }
  }
  std::vector<uint8_t> big(little.rbegin(), little.rend());
  big.insert(big.begin(), 0x00);  // room for the sign bit
  if (negative) Negate(big);
  // Strip redundant sign bytes, as BigInteger.toByteArray's minimal form.
  size_t start = 0;
  while (start + 1 < big.size() &&
         ((big[start] == 0x00 && (big[start + 1] & 0x80) == 0) ||
          (big[start] == 0xFF && (big[start + 1] & 0x80) != 0)))
    ++start;
  return std::string(big.begin() + static_cast<std::ptrdiff_t>(start), big.end());
}

}  // namespace tributary::converters
