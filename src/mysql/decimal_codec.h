// DECIMAL values: MySQL's packed binary DECIMAL (as stored in row images) to a plain decimal
// string, and a plain decimal string to the unscaled two's-complement big-endian integer that
// Connect's Decimal logical type carries (java.math.BigInteger.toByteArray()).
//
// Spec: the binary format is described in MariaDB's strings/decimal.c (decimal2bin) and the
// MySQL internals page "Row Events: DECIMAL"
// (https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_event.html).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "mysql/byte_reader.h"

namespace tributary::mysql {

// Bytes a DECIMAL(precision, scale) occupies in a row image.
int BinaryDecimalSize(int precision, int scale);

// Reads one DECIMAL(precision, scale) and returns it as "-123.450" (scale digits kept).
Result<std::string> DecodeBinaryDecimal(ByteReader& r, int precision, int scale);

// The fast path for DECIMAL(precision <= 18, scale): the unscaled value as an integer.
Result<int64_t> DecodeBinaryDecimalUnscaled(ByteReader& r, int precision, int scale);

// An integer as minimal two's-complement big-endian bytes (BigInteger.toByteArray()).
std::string MinimalTwosComplement(int64_t value);

// "-123.45" with scale 3 -> unscaled -123450 as minimal two's-complement big-endian bytes.
// Extra fraction digits beyond `scale` are dropped; InvalidArgument if `text` is not a number.
Result<std::string> UnscaledDecimalBytes(std::string_view text, int scale);

}  // namespace tributary::mysql
