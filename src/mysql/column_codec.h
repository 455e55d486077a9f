// ColumnCodec: how one column's values become Connect values, for both row sources:
// binlog row images (binary) and snapshot result sets (text protocol). The per-type logic
// lives in a table of TypeHandlers indexed by the column's storage type (column_codec.cc);
// a ColumnCodec binds one handler to one ColumnDef, the Debezium type-mapping modes, and the
// Connect schema of the column (Debezium's mapping, with nullability and default).
//
// Debezium mapping (defaults): TINYINT/SMALLINT -> int16 (SMALLINT UNSIGNED int32), MEDIUMINT
// and INT -> int32 (INT UNSIGNED int64), BIGINT -> int64 (UNSIGNED: int64 or Decimal with
// bigint.unsigned.handling.mode=precise), FLOAT -> float32, DOUBLE -> float64, DECIMAL ->
// Decimal/float64/string by decimal.handling.mode, DATE -> io.debezium.time.Date, TIME ->
// MicroTime, DATETIME(0-3) -> Timestamp, DATETIME(4-6) -> MicroTimestamp, TIMESTAMP ->
// ZonedTimestamp (UTC string), YEAR -> Year, BIT(1) -> boolean, BIT(n) -> Bits bytes
// (little-endian), ENUM -> io.debezium.data.Enum, SET -> EnumSet, text -> string, binary ->
// bytes (or base64/hex string by binary.handling.mode), JSON -> io.debezium.data.Json,
// GEOMETRY -> io.debezium.data.geometry.Geometry, POINT -> ...geometry.Point.
// With time.precision.mode=connect: Date, Time (int32 ms) and Timestamp (int64 ms) of Connect.
//
// Thread-safety: immutable after Make(); Decode* are const and may run concurrently.
#pragma once

#include <string_view>

#include "common/status.h"
#include "data/schema.h"
#include "data/value.h"
#include "mysql/byte_reader.h"
#include "mysql/charset_decoder.h"
#include "mysql/column_def.h"

namespace tributary::mysql {

enum class DecimalHandling { kPrecise, kDouble, kString };
enum class TimePrecision { kAdaptiveTimeMicroseconds, kConnect };
enum class BigintUnsignedHandling { kLong, kPrecise };
enum class BinaryHandling { kBytes, kBase64, kHex };

struct TypeModes {
  DecimalHandling decimal = DecimalHandling::kPrecise;
  TimePrecision time = TimePrecision::kAdaptiveTimeMicroseconds;
  BigintUnsignedHandling bigint_unsigned = BigintUnsignedHandling::kLong;
  BinaryHandling binary = BinaryHandling::kBytes;
};

struct TypeHandler;

class ColumnCodec {
 public:
  // NotSupported naming the column and its type code if no handler exists.
  static Result<ColumnCodec> Make(const ColumnDef& column, const TypeModes& modes);

  const ColumnDef& column() const { return column_; }
  const data::SchemaPtr& schema() const { return schema_; }

  // Decodes one non-null value from a binlog row image, advancing `r`.
  Status DecodeBinlog(ByteReader& r, data::Value* out) const;
  // Decodes one non-null value as the text protocol returns it (snapshot rows).
  Status DecodeText(std::string_view text, data::Value* out) const;

  // Internal: used by the handlers.
  const TypeModes& modes() const { return modes_; }
  // The column's decoder to UTF-8, resolved once in Make(); null for UTF-8 and binary.
  const CharsetDecoder* charset_decoder() const { return charset_decoder_; }

 private:
  ColumnCodec() = default;
  const TypeHandler* handler_ = nullptr;
  ColumnDef column_;
  TypeModes modes_;
  const CharsetDecoder* charset_decoder_ = nullptr;
  data::SchemaPtr schema_;
};

// Helpers shared with tests and the snapshot reader.
int64_t DaysFromCivil(int64_t year, int month, int day);
std::string Base64Encode(std::string_view bytes);

}  // namespace tributary::mysql
