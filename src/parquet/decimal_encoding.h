// Decimal storage helpers: Connect's Decimal value is the unscaled integer as minimal
// big-endian two's complement bytes (Java's BigInteger.toByteArray). The Parquet spec stores
// DECIMAL(precision, scale) as INT32 up to 9 digits, INT64 up to 18, and above that as
// FIXED_LEN_BYTE_ARRAY of the fewest bytes that hold every precision-digit value.
//
// Thread-safety: stateless functions.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace tributary::parquet {

inline constexpr int32_t kMaxInt32DecimalPrecision = 9;
inline constexpr int32_t kMaxInt64DecimalPrecision = 18;

// Bytes of the FIXED_LEN_BYTE_ARRAY that holds signed values of `precision` digits (the
// formula of parquet-mr and Arrow).
inline int32_t DecimalFixedLength(int32_t precision) {
  const double bits = static_cast<double>(precision) * std::log2(10.0) + 1;
  return static_cast<int32_t>(std::ceil(bits / 8));
}

// Decodes big-endian two's complement `bytes` into *out (T: int32_t or int64_t). False when
// the value does not fit T. Empty bytes are zero.
template <typename T>
bool UnscaledFromBigEndian(std::string_view bytes, T* out) {
  if (bytes.empty()) {
    *out = 0;
    return true;
  }
  const bool negative = (static_cast<uint8_t>(bytes[0]) & 0x80) != 0;
  const uint8_t fill = negative ? 0xFF : 0x00;
  // Leading bytes beyond T's width may only repeat the sign.
  while (bytes.size() > sizeof(T)) {
    if (static_cast<uint8_t>(bytes[0]) != fill) return false;
    bytes.remove_prefix(1);
  }
  if (((static_cast<uint8_t>(bytes[0]) & 0x80) != 0) != negative) return false;
  uint64_t bits = negative ? ~uint64_t{0} : 0;
  for (const char c : bytes) bits = (bits << 8) | static_cast<uint8_t>(c);
  *out = static_cast<T>(bits);
  return true;
}

// Appends `bytes` sign-extended to exactly `width` bytes. False (nothing appended) when the
// value needs more than `width` bytes.
inline bool AppendSignExtended(std::string_view bytes, size_t width, std::string* out) {
  const bool negative = !bytes.empty() && (static_cast<uint8_t>(bytes[0]) & 0x80) != 0;
  const char fill = negative ? '\xff' : '\0';
  while (bytes.size() > width) {
    if (bytes[0] != fill) return false;
    bytes.remove_prefix(1);
  }
  if (!bytes.empty() && ((static_cast<uint8_t>(bytes[0]) & 0x80) != 0) != negative) return false;
  out->append(width - bytes.size(), fill);
  out->append(bytes);
  return true;
}

}  // namespace tributary::parquet
