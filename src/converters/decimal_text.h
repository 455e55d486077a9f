// Conversions between Connect's Decimal representation (the unscaled value as big-endian
// two's-complement bytes, with the scale in the schema) and decimal text, as Java's
// BigDecimal does them. Arbitrary precision: DECIMAL(65,30) round-trips exactly.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tributary::converters {

// BigDecimal(unscaled, scale).toString(): plain when scale >= 0 and the adjusted exponent
// is >= -6 ("123.45", "0.000001"), otherwise scientific ("1E+3", "1.23E-8").
std::string DecimalToString(std::string_view unscaled_twos_complement, int32_t scale);

// Parses decimal text (optional sign, digits, fraction, exponent) and rescales it to `scale`
// without rounding: InvalidArgument if that would lose digits. Output is the minimal
// big-endian two's-complement encoding of the unscaled value (BigInteger.toByteArray).
Result<std::string> DecimalFromString(std::string_view text, int32_t scale);

}  // namespace tributary::converters
