// ColumnDef and TableDef: what Tributary knows about a table's columns at one binlog
// position, whether it learned it from a TABLE_MAP event with binlog_row_metadata=FULL or
// from the catalog (information_schema) at snapshot time. Both paths fill the same fields so
// that one type mapping (debezium_schema.h) and one decoder table (column_codec.h) serve
// snapshot rows and binlog rows alike.
//
// Thread-safety: plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tributary::mysql {

// Column type codes as they appear in TABLE_MAP events (enum_field_types).
namespace column_type {
inline constexpr uint8_t kDecimal = 0;
inline constexpr uint8_t kTiny = 1;
inline constexpr uint8_t kShort = 2;
inline constexpr uint8_t kLong = 3;
inline constexpr uint8_t kFloat = 4;
inline constexpr uint8_t kDouble = 5;
inline constexpr uint8_t kNull = 6;
inline constexpr uint8_t kTimestamp = 7;
inline constexpr uint8_t kLongLong = 8;
inline constexpr uint8_t kInt24 = 9;
inline constexpr uint8_t kDate = 10;
inline constexpr uint8_t kTime = 11;
inline constexpr uint8_t kDateTime = 12;
inline constexpr uint8_t kYear = 13;
inline constexpr uint8_t kNewDate = 14;
inline constexpr uint8_t kVarchar = 15;
inline constexpr uint8_t kBit = 16;
inline constexpr uint8_t kTimestamp2 = 17;
inline constexpr uint8_t kDateTime2 = 18;
inline constexpr uint8_t kTime2 = 19;
inline constexpr uint8_t kJson = 245;
inline constexpr uint8_t kNewDecimal = 246;
inline constexpr uint8_t kEnum = 247;
inline constexpr uint8_t kSet = 248;
inline constexpr uint8_t kTinyBlob = 249;
inline constexpr uint8_t kMediumBlob = 250;
inline constexpr uint8_t kLongBlob = 251;
inline constexpr uint8_t kBlob = 252;
inline constexpr uint8_t kVarString = 253;
inline constexpr uint8_t kString = 254;
inline constexpr uint8_t kGeometry = 255;
}  // namespace column_type

// The collation id of the binary "character set": such columns carry bytes, not text.
inline constexpr int kBinaryCollation = 63;

struct ColumnDef {
  std::string name;
  // The storage type. For CHAR/ENUM/SET, which TABLE_MAP sends as STRING, this is the real
  // type (kString, kEnum or kSet).
  uint8_t type = column_type::kNull;
  bool nullable = true;
  bool is_unsigned = false;
  // Type parameters, as each type needs them:
  int length = 0;     // CHAR/VARCHAR: max bytes; BIT: bits; BLOB/TEXT/GEOMETRY/JSON: length-prefix
                      // bytes (1-4); ENUM/SET: bytes of the stored value; FLOAT/DOUBLE: 4/8
  int precision = 0;  // DECIMAL
  int scale = 0;      // DECIMAL
  int fsp = 0;        // TIME/DATETIME/TIMESTAMP fractional-second digits
  // FLOAT declared with a scale, FLOAT(M,D): Debezium maps it to float64, plain FLOAT to
  // float32. Only the catalog and the DDL know it (TABLE_MAP does not).
  bool float_with_scale = false;
  int collation = 0;  // character columns; 0 = unknown (treated as UTF-8)
  std::string charset;  // character set name of `collation`, when known ("latin1", "utf8mb4")
  std::vector<std::string> elements;  // ENUM/SET values in declaration order
  int geometry_type = 0;  // 0 GEOMETRY, 1 POINT, ... (TABLE_MAP GEOMETRY_TYPE metadata)
  bool is_json = false;   // MySQL JSON, or a MariaDB JSON alias known from the catalog
  // The catalog's COLUMN_DEFAULT as MariaDB reports it: 'text' quoted, numbers bare, NULL,
  // or an expression such as current_timestamp(). Absent = no default clause.
  std::optional<std::string> default_literal;

  bool is_binary() const { return collation == kBinaryCollation; }
};

struct TableDef {
  std::string database;
  std::string table;
  std::vector<ColumnDef> columns;
  std::vector<int> primary_key;  // column indexes, in key order

  std::string FullName() const { return database + "." + table; }
  int ColumnIndex(std::string_view name) const;  // -1 if absent (case-insensitive)
};

}  // namespace tributary::mysql
