#include "mysql/column_codec.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "mysql/charset_decoder.h"
#include "mysql/decimal_codec.h"

namespace tributary::mysql {

using data::SchemaBuilder;
using data::Value;
namespace ct = column_type;
namespace names = data::names;

// One entry of the decoder table: the Connect schema of a column of this type (before
// nullability and default), and its binary and text decoders for non-null values.
struct TypeHandler {
  SchemaBuilder (*schema)(const ColumnDef&, const TypeModes&);
  Status (*binlog)(const ColumnCodec&, ByteReader&, Value*);
  Status (*text)(const ColumnCodec&, std::string_view, Value*);
};

int64_t DaysFromCivil(int64_t y, int m, int d) {
  // Howard Hinnant's days_from_civil: proleptic Gregorian calendar.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string Base64Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

namespace {

Status Truncated(const ColumnCodec& c, const ByteReader& r) {
  return Status::Corruption("column '{}' (type {}): row image truncated at byte {}",
                            c.column().name, c.column().type, r.failed_at());
}

Status BadText(const ColumnCodec& c, std::string_view text) {
  return Status::Corruption("column '{}' (type {}): cannot parse '{}'", c.column().name,
                            c.column().type, text);
}

// ---- integers ----------------------------------------------------------------------------

int IntegerBytes(uint8_t type) {
  switch (type) {
    case ct::kTiny: return 1;
    case ct::kShort: return 2;
    case ct::kInt24: return 3;
    case ct::kLong: return 4;
    default: return 8;
  }
}

bool IsPreciseUnsignedBigint(const ColumnDef& c, const TypeModes& m) {
  return c.type == ct::kLongLong && c.is_unsigned &&
         m.bigint_unsigned == BigintUnsignedHandling::kPrecise;
}

SchemaBuilder IntegerSchema(const ColumnDef& c, const TypeModes& m) {
  switch (c.type) {
    case ct::kTiny: return SchemaBuilder::Int16();
    case ct::kShort: return c.is_unsigned ? SchemaBuilder::Int32() : SchemaBuilder::Int16();
    case ct::kInt24: return SchemaBuilder::Int32();
    case ct::kLong: return c.is_unsigned ? SchemaBuilder::Int64() : SchemaBuilder::Int32();
    default:
      if (IsPreciseUnsignedBigint(c, m)) {
        return std::move(SchemaBuilder::Decimal(0).Parameter("connect.decimal.precision", "20"));
      }
      return SchemaBuilder::Int64();
  }
}

Value EmitInteger(const ColumnCodec& c, uint64_t bits) {
  if (IsPreciseUnsignedBigint(c.column(), c.modes())) {
    return Value::BytesOf(UnscaledDecimalBytes(std::to_string(bits), 0).value());
  }
  return Value::Int(static_cast<int64_t>(bits));
}

Status IntegerBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  int n = IntegerBytes(c.column().type);
  uint64_t v = r.ReadLE(n);
  if (!r.ok()) return Truncated(c, r);
  if (!c.column().is_unsigned && n < 8 && (v >> (n * 8 - 1))) v |= ~uint64_t{0} << (n * 8);
  *out = EmitInteger(c, v);
  return Status::OK();
}

Status IntegerText(const ColumnCodec& c, std::string_view text, Value* out) {
  std::string s(text);
  char* end = nullptr;
  errno = 0;
  uint64_t v = c.column().is_unsigned ? std::strtoull(s.c_str(), &end, 10)
                                      : static_cast<uint64_t>(std::strtoll(s.c_str(), &end, 10));
  if (errno != 0 || end == s.c_str() || *end != '\0') return BadText(c, text);
  *out = EmitInteger(c, v);
  return Status::OK();
}

// ---- floating point ----------------------------------------------------------------------

// FLOAT(M,D) is float64 in Debezium (its single-precision value widened), FLOAT float32.
SchemaBuilder FloatSchema(const ColumnDef& c, const TypeModes&) {
  return c.type == ct::kFloat && !c.float_with_scale ? SchemaBuilder::Float32()
                                                     : SchemaBuilder::Float64();
}

Status FloatBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  if (c.column().type == ct::kFloat) {
    uint32_t bits = r.U32();
    float f;
    std::memcpy(&f, &bits, 4);
    *out = Value::Double(f);
  } else {
    uint64_t bits = r.U64();
    double d;
    std::memcpy(&d, &bits, 8);
    *out = Value::Double(d);
  }
  return r.ok() ? Status::OK() : Truncated(c, r);
}

Status FloatText(const ColumnCodec& c, std::string_view text, Value* out) {
  std::string s(text);
  char* end = nullptr;
  double d = c.column().type == ct::kFloat ? std::strtof(s.c_str(), &end)
                                           : std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return BadText(c, text);
  *out = Value::Double(d);
  return Status::OK();
}

// ---- DECIMAL -----------------------------------------------------------------------------

SchemaBuilder DecimalSchema(const ColumnDef& c, const TypeModes& m) {
  switch (m.decimal) {
    case DecimalHandling::kDouble: return SchemaBuilder::Float64();
    case DecimalHandling::kString: return SchemaBuilder::String();
    default:
      return std::move(SchemaBuilder::Decimal(c.scale).Parameter(
          "connect.decimal.precision", std::to_string(c.precision)));
  }
}

Status EmitDecimal(const ColumnCodec& c, std::string_view plain, Value* out) {
  switch (c.modes().decimal) {
    case DecimalHandling::kDouble:
      *out = Value::Double(std::strtod(std::string(plain).c_str(), nullptr));
      return Status::OK();
    case DecimalHandling::kString:
      *out = Value::String(std::string(plain));
      return Status::OK();
    default: {
      auto bytes = UnscaledDecimalBytes(plain, c.column().scale);
      if (!bytes.ok()) return BadText(c, plain);
      *out = Value::BytesOf(std::move(bytes).value());
      return Status::OK();
    }
  }
}

Status DecimalBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  const ColumnDef& col = c.column();
  if (col.precision <= 18 && c.modes().decimal != DecimalHandling::kString) {
    auto unscaled = DecodeBinaryDecimalUnscaled(r, col.precision, col.scale);
    if (!unscaled.ok()) return unscaled.status().Annotate(fmt::format("column '{}'", col.name));
    if (c.modes().decimal == DecimalHandling::kPrecise) {
      *out = Value::BytesOf(MinimalTwosComplement(*unscaled));
    } else {
      static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
                                          1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
      *out = Value::Double(static_cast<double>(*unscaled) / kPow10[col.scale]);
    }
    return Status::OK();
  }
  auto plain = DecodeBinaryDecimal(r, c.column().precision, c.column().scale);
  if (!plain.ok()) return plain.status().Annotate(fmt::format("column '{}'", c.column().name));
  return EmitDecimal(c, *plain, out);
}

Status DecimalText(const ColumnCodec& c, std::string_view text, Value* out) {
  return EmitDecimal(c, text, out);
}

// ---- temporal ----------------------------------------------------------------------------

struct Temporal {
  bool negative = false;  // TIME only
  int64_t year = 0;
  int month = 0, day = 0;
  int64_t hour = 0;  // TIME may exceed 24 hours
  int minute = 0, second = 0;
  int64_t micros = 0;

  bool zero_date() const { return month == 0 || day == 0; }
  int64_t DayMicros() const {
    return ((hour * 60 + minute) * 60 + second) * 1'000'000 + micros;
  }
  int64_t EpochMicros() const {
    return DaysFromCivil(year, month, day) * 86'400'000'000LL + DayMicros();
  }
};

// Fractional seconds of TIME2/DATETIME2/TIMESTAMP2: (fsp+1)/2 big-endian bytes.
int64_t ReadFractionMicros(ByteReader& r, int fsp) {
  switch (fsp) {
    case 1: case 2: return static_cast<int64_t>(r.ReadBE(1)) * 10000;
    case 3: case 4: return static_cast<int64_t>(r.ReadBE(2)) * 100;
    case 5: case 6: return static_cast<int64_t>(r.ReadBE(3));
    default: return 0;
  }
}

// Parses "YYYY-MM-DD", "[-]HHH:MM:SS[.ffffff]" or "YYYY-MM-DD HH:MM:SS[.ffffff]".
bool ParseTemporalText(std::string_view s, bool has_date, bool has_time, Temporal* t) {
  size_t i = 0;
  auto number = [&](int64_t* v) {
    size_t start = i;
    *v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') *v = *v * 10 + (s[i++] - '0');
    return i > start;
  };
  auto expect = [&](char c) { return i < s.size() && s[i++] == c; };
  int64_t v = 0;
  if (has_date) {
    if (!number(&t->year) || !expect('-') || !number(&v)) return false;
    t->month = static_cast<int>(v);
    if (!expect('-') || !number(&v)) return false;
    t->day = static_cast<int>(v);
    if (!has_time) return i == s.size();
    if (!expect(' ')) return false;
  }
  if (i < s.size() && s[i] == '-') {
    t->negative = true;
    ++i;
  }
  if (!number(&t->hour) || !expect(':') || !number(&v)) return false;
  t->minute = static_cast<int>(v);
  if (!expect(':') || !number(&v)) return false;
  t->second = static_cast<int>(v);
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 6) t->micros = t->micros * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    for (; digits < 6; ++digits) t->micros *= 10;
  }
  return i == s.size();
}

// Zero dates become null for nullable columns, the epoch otherwise (as Debezium).
bool EmitZeroDate(const ColumnCodec& c, const Temporal& t, Value* out, Value epoch) {
  if (!t.zero_date()) return false;
  *out = c.column().nullable ? Value::Null() : std::move(epoch);
  return true;
}

SchemaBuilder DateSchema(const ColumnDef&, const TypeModes& m) {
  if (m.time == TimePrecision::kConnect) return SchemaBuilder::Date();
  return std::move(SchemaBuilder::Int32().Name(std::string(names::kDebeziumDate)).Version(1));
}

Status EmitDate(const ColumnCodec& c, const Temporal& t, Value* out) {
  if (EmitZeroDate(c, t, out, Value::Int(0))) return Status::OK();
  *out = Value::Int(DaysFromCivil(t.year, t.month, t.day));
  return Status::OK();
}

Status DateBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  uint32_t v = r.U24();
  if (!r.ok()) return Truncated(c, r);
  Temporal t;
  t.day = v & 31;
  t.month = (v >> 5) & 15;
  t.year = v >> 9;
  return EmitDate(c, t, out);
}

Status DateText(const ColumnCodec& c, std::string_view text, Value* out) {
  Temporal t;
  if (!ParseTemporalText(text, true, false, &t)) return BadText(c, text);
  return EmitDate(c, t, out);
}

SchemaBuilder TimeSchema(const ColumnDef&, const TypeModes& m) {
  if (m.time == TimePrecision::kConnect) return SchemaBuilder::Time();
  return std::move(
      SchemaBuilder::Int64().Name(std::string(names::kDebeziumMicroTime)).Version(1));
}

// With time.precision.mode=connect a TIME outside one day (negative, or 24 hours and more) has
// no Connect Time: Debezium emits null.
Status EmitTime(const ColumnCodec& c, const Temporal& t, Value* out) {
  int64_t micros = t.DayMicros() * (t.negative ? -1 : 1);
  if (c.modes().time != TimePrecision::kConnect) {
    *out = Value::Int(micros);
  } else if (micros < 0 || micros >= int64_t{86'400'000'000}) {
    *out = Value::Null();
  } else {
    *out = Value::Int(micros / 1000);
  }
  return Status::OK();
}

Status TimeBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  Temporal t;
  if (c.column().type == ct::kTime) {  // pre-5.6 TIME: signed HHMMSS in 3 bytes
    int32_t v = static_cast<int32_t>(r.U24());
    if (v & 0x800000) v |= ~0xffffff;
    if (v < 0) {
      t.negative = true;
      v = -v;
    }
    t.hour = v / 10000;
    t.minute = (v / 100) % 100;
    t.second = v % 100;
  } else {
    // TIME2: 3 bytes of 1-bit sign, 1-bit unused, 10-bit hour, 6-bit minute, 6-bit second,
    // offset by 0x800000, then the fraction; negative values are stored as their complement.
    int fsp = c.column().fsp;
    int64_t packed;  // (int part << 24) + microseconds, signed
    int64_t intpart = static_cast<int64_t>(r.ReadBE(3)) - 0x800000;
    if (fsp == 0) {
      packed = intpart << 24;
    } else if (fsp <= 2) {
      int64_t frac = static_cast<int64_t>(r.ReadBE(1));
      if (intpart < 0 && frac) {
        ++intpart;
        frac -= 0x100;
      }
      packed = intpart * (int64_t{1} << 24) + frac * 10000;
    } else if (fsp <= 4) {
      int64_t frac = static_cast<int64_t>(r.ReadBE(2));
      if (intpart < 0 && frac) {
        ++intpart;
        frac -= 0x10000;
      }
      packed = intpart * (int64_t{1} << 24) + frac * 100;
    } else {
      int64_t frac = static_cast<int64_t>(r.ReadBE(3));
      packed = intpart * (int64_t{1} << 24) + frac;
    }
    if (packed < 0) {
      t.negative = true;
      packed = -packed;
    }
    int64_t hms = packed >> 24;
    t.micros = packed % (int64_t{1} << 24);
    t.hour = (hms >> 12) % 1024;
    t.minute = static_cast<int>((hms >> 6) % 64);
    t.second = static_cast<int>(hms % 64);
  }
  if (!r.ok()) return Truncated(c, r);
  return EmitTime(c, t, out);
}

Status TimeText(const ColumnCodec& c, std::string_view text, Value* out) {
  Temporal t;
  if (!ParseTemporalText(text, false, true, &t)) return BadText(c, text);
  return EmitTime(c, t, out);
}

SchemaBuilder DateTimeSchema(const ColumnDef& c, const TypeModes& m) {
  if (m.time == TimePrecision::kConnect) return SchemaBuilder::Timestamp();
  auto name = c.fsp <= 3 ? names::kDebeziumTimestamp : names::kDebeziumMicroTimestamp;
  return std::move(SchemaBuilder::Int64().Name(std::string(name)).Version(1));
}

Status EmitDateTime(const ColumnCodec& c, const Temporal& t, Value* out) {
  if (EmitZeroDate(c, t, out, Value::Int(0))) return Status::OK();
  int64_t micros = t.EpochMicros();
  bool millis = c.modes().time == TimePrecision::kConnect || c.column().fsp <= 3;
  *out = Value::Int(millis ? micros / 1000 - (micros % 1000 < 0 ? 1 : 0) : micros);
  return Status::OK();
}

Status DateTimeBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  Temporal t;
  if (c.column().type == ct::kDateTime) {  // pre-5.6: YYYYMMDDhhmmss as an integer
    uint64_t v = r.U64();
    uint64_t date = v / 1000000, time = v % 1000000;
    t.year = static_cast<int64_t>(date / 10000);
    t.month = static_cast<int>((date / 100) % 100);
    t.day = static_cast<int>(date % 100);
    t.hour = static_cast<int64_t>(time / 10000);
    t.minute = static_cast<int>((time / 100) % 100);
    t.second = static_cast<int>(time % 100);
  } else {
    // DATETIME2: 40 bits (offset 0x8000000000): sign, 17-bit year*13+month, 5-bit day,
    // 5-bit hour, 6-bit minute, 6-bit second; then the fraction.
    int64_t intpart = static_cast<int64_t>(r.ReadBE(5)) - 0x8000000000LL;
    t.micros = ReadFractionMicros(r, c.column().fsp);
    int64_t ymd = intpart >> 17, hms = intpart % (1 << 17);
    int64_t ym = ymd >> 5;
    t.day = static_cast<int>(ymd % 32);
    t.month = static_cast<int>(ym % 13);
    t.year = ym / 13;
    t.second = static_cast<int>(hms % 64);
    t.minute = static_cast<int>((hms >> 6) % 64);
    t.hour = hms >> 12;
  }
  if (!r.ok()) return Truncated(c, r);
  return EmitDateTime(c, t, out);
}

Status DateTimeText(const ColumnCodec& c, std::string_view text, Value* out) {
  Temporal t;
  if (!ParseTemporalText(text, true, true, &t)) return BadText(c, text);
  return EmitDateTime(c, t, out);
}

SchemaBuilder TimestampSchema(const ColumnDef&, const TypeModes&) {
  return std::move(
      SchemaBuilder::String().Name(std::string(names::kDebeziumZonedTimestamp)).Version(1));
}

// ISO-8601 in UTC with as many fraction digits as the column declares. A zero TIMESTAMP in a
// row image is the epoch (Debezium reads it as such).
Status EmitTimestamp(const ColumnCodec& c, int64_t seconds, int64_t micros, Value* out) {
  int64_t days = seconds / 86400, rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // civil_from_days (Howard Hinnant).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  std::string s = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, m, d, rem / 3600,
                              (rem / 60) % 60, rem % 60);
  int fsp = c.column().fsp;
  if (fsp > 0) s += fmt::format(".{:06}", micros).substr(0, fsp + 1);
  s += 'Z';
  *out = Value::String(std::move(s));
  return Status::OK();
}

Status TimestampBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  int64_t seconds, micros = 0;
  if (c.column().type == ct::kTimestamp) {
    seconds = r.U32();
  } else {
    seconds = static_cast<int64_t>(r.ReadBE(4));
    micros = ReadFractionMicros(r, c.column().fsp);
  }
  if (!r.ok()) return Truncated(c, r);
  return EmitTimestamp(c, seconds, micros, out);
}

// The snapshot session runs with time_zone='+00:00', so the text is already UTC.
Status TimestampText(const ColumnCodec& c, std::string_view text, Value* out) {
  Temporal t;
  if (!ParseTemporalText(text, true, true, &t)) return BadText(c, text);
  if (t.zero_date()) {
    if (c.column().nullable) {
      *out = Value::Null();
      return Status::OK();
    }
    return EmitTimestamp(c, 0, 0, out);
  }
  int64_t micros = t.EpochMicros();
  return EmitTimestamp(c, micros / 1'000'000, micros % 1'000'000, out);
}

SchemaBuilder YearSchema(const ColumnDef&, const TypeModes&) {
  return std::move(SchemaBuilder::Int32().Name(std::string(names::kDebeziumYear)).Version(1));
}

Status YearBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  uint8_t v = r.U8();
  if (!r.ok()) return Truncated(c, r);
  *out = Value::Int(v == 0 ? 0 : 1900 + v);
  return Status::OK();
}

Status YearText(const ColumnCodec& c, std::string_view text, Value* out) {
  return IntegerText(c, text, out);
}

// ---- BIT ---------------------------------------------------------------------------------

SchemaBuilder BitSchema(const ColumnDef& c, const TypeModes&) {
  if (c.length <= 1) return SchemaBuilder::Boolean();
  return std::move(SchemaBuilder::Bytes()
                       .Name(std::string(names::kDebeziumBits))
                       .Version(1)
                       .Parameter("length", std::to_string(c.length)));
}

// `big_endian` holds the stored bytes; Debezium's Bits are little-endian.
Status EmitBits(const ColumnCodec& c, std::string_view big_endian, Value* out) {
  if (c.column().length <= 1) {
    bool set = false;
    for (char b : big_endian) set = set || b != 0;
    *out = Value::Bool(set);
    return Status::OK();
  }
  size_t n = (static_cast<size_t>(c.column().length) + 7) / 8;
  std::string le(n, '\0');
  for (size_t i = 0; i < n && i < big_endian.size(); ++i) {
    le[i] = big_endian[big_endian.size() - 1 - i];
  }
  *out = Value::BytesOf(std::move(le));
  return Status::OK();
}

Status BitBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  std::string_view bytes = r.Bytes((static_cast<size_t>(c.column().length) + 7) / 8);
  if (!r.ok()) return Truncated(c, r);
  return EmitBits(c, bytes, out);
}

Status BitText(const ColumnCodec& c, std::string_view text, Value* out) {
  return EmitBits(c, text, out);
}

// ---- ENUM and SET ------------------------------------------------------------------------

std::string JoinElements(const std::vector<std::string>& elements) {
  std::string out;
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i) out += ',';
    out += elements[i];
  }
  return out;
}

SchemaBuilder EnumSchema(const ColumnDef& c, const TypeModes&) {
  auto name = c.type == ct::kEnum ? names::kDebeziumEnum : names::kDebeziumEnumSet;
  return std::move(SchemaBuilder::String()
                       .Name(std::string(name))
                       .Version(1)
                       .Parameter("allowed", JoinElements(c.elements)));
}

Status EnumBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  uint64_t v = r.ReadLE(c.column().length > 0 ? c.column().length : 1);
  if (!r.ok()) return Truncated(c, r);
  const auto& elements = c.column().elements;
  if (c.column().type == ct::kEnum) {
    if (v == 0) {  // the empty "error" value of an invalid insert in non-strict mode
      *out = Value::String("");
    } else if (v <= elements.size()) {
      *out = Value::String(elements[v - 1]);
    } else {
      return Status::Corruption("column '{}': ENUM index {} beyond its {} values",
                                c.column().name, v, elements.size());
    }
    return Status::OK();
  }
  std::string s;
  for (size_t i = 0; i < elements.size() && i < 64; ++i) {
    if (v & (uint64_t{1} << i)) {
      if (!s.empty()) s += ',';
      s += elements[i];
    }
  }
  *out = Value::String(std::move(s));
  return Status::OK();
}

Status EnumText(const ColumnCodec&, std::string_view text, Value* out) {
  *out = Value::String(std::string(text));
  return Status::OK();
}

// ---- character and binary strings -----------------------------------------------------

// The column's character set; without the catalog's name, latin1 is known by its collations.
std::string_view CharsetName(const ColumnDef& c) {
  if (!c.charset.empty()) return c.charset;
  switch (c.collation) {
    case 5: case 8: case 15: case 31: case 47: case 48: case 49: case 94:
      return "latin1";
    default:
      return {};
  }
}

std::string HexLower(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char b : bytes) {
    out += kHex[static_cast<uint8_t>(b) >> 4];
    out += kHex[static_cast<uint8_t>(b) & 15];
  }
  return out;
}

SchemaBuilder StringSchema(const ColumnDef& c, const TypeModes& m) {
  if (c.is_json) {
    return std::move(SchemaBuilder::String().Name(std::string(names::kDebeziumJson)).Version(1));
  }
  if (c.is_binary() && m.binary == BinaryHandling::kBytes) return SchemaBuilder::Bytes();
  return SchemaBuilder::String();
}

Status EmitString(const ColumnCodec& c, std::string_view bytes, Value* out) {
  const ColumnDef& col = c.column();
  if (col.is_binary() && !col.is_json) {
    switch (c.modes().binary) {
      case BinaryHandling::kBase64: *out = Value::String(Base64Encode(bytes)); break;
      case BinaryHandling::kHex: *out = Value::String(HexLower(bytes)); break;
      default: *out = Value::BytesOf(std::string(bytes)); break;
    }
  } else if (const CharsetDecoder* decoder = c.charset_decoder()) {
    *out = Value::String(decoder->ToUtf8(bytes));
  } else {
    *out = Value::String(std::string(bytes));
  }
  return Status::OK();
}

// Bytes of the length prefix of a value in a row image.
int LengthPrefixBytes(const ColumnDef& c) {
  switch (c.type) {
    case ct::kVarchar:
    case ct::kVarString:
    case ct::kString:
      return c.length < 256 ? 1 : 2;
    default:  // BLOB/TEXT/JSON/GEOMETRY: the pack length from the table map
      return c.length >= 1 && c.length <= 4 ? c.length : 4;
  }
}

Status StringBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  const ColumnDef& col = c.column();
  uint64_t n = r.ReadLE(LengthPrefixBytes(col));
  std::string_view bytes = r.Bytes(n);
  if (!r.ok()) return Truncated(c, r);
  if (col.type == ct::kString && col.is_binary() && bytes.size() < static_cast<size_t>(col.length)) {
    // Row images drop BINARY(n)'s trailing zero bytes; the column value has all n.
    std::string padded(bytes);
    padded.resize(col.length, '\0');
    return EmitString(c, padded, out);
  }
  return EmitString(c, bytes, out);
}

Status StringText(const ColumnCodec& c, std::string_view text, Value* out) {
  // The snapshot connection uses utf8mb4, so text arrives as UTF-8 already.
  if (!c.column().is_binary() || c.column().is_json) {
    *out = Value::String(std::string(text));
    return Status::OK();
  }
  return EmitString(c, text, out);
}

// ---- GEOMETRY ----------------------------------------------------------------------------
// Stored as a 4-byte little-endian SRID followed by WKB (MySQL's internal geometry format).

bool IsPoint(const ColumnDef& c) { return c.geometry_type == 1; }

SchemaBuilder GeometrySchema(const ColumnDef& c, const TypeModes&) {
  if (IsPoint(c)) {
    return std::move(SchemaBuilder::Struct()
                         .Name(std::string(names::kDebeziumPoint))
                         .Version(1)
                         .Doc("Geometry (POINT)")
                         .Field("x", data::Float64Schema())
                         .Field("y", data::Float64Schema())
                         .Field("wkb", data::OptionalBytesSchema())
                         .Field("srid", data::OptionalInt32Schema()));
  }
  return std::move(SchemaBuilder::Struct()
                       .Name(std::string(names::kDebeziumGeometry))
                       .Version(1)
                       .Doc("Geometry")
                       .Field("wkb", data::BytesSchema())
                       .Field("srid", data::OptionalInt32Schema()));
}

Status EmitGeometry(const ColumnCodec& c, const data::SchemaPtr& schema, std::string_view raw,
                    Value* out) {
  ByteReader r(raw);
  int32_t srid = static_cast<int32_t>(r.U32());
  std::string_view wkb = r.Rest();
  if (!r.ok()) return Truncated(c, r);
  Value v = Value::EmptyStruct(schema);
  if (IsPoint(c.column())) {
    // WKB point: byte order, uint32 type, two doubles.
    ByteReader p(wkb);
    bool little = p.U8() == 1;
    p.Skip(4);
    uint64_t xb = little ? p.U64() : p.ReadBE(8);
    uint64_t yb = little ? p.U64() : p.ReadBE(8);
    if (!p.ok()) return Truncated(c, p);
    double x, y;
    std::memcpy(&x, &xb, 8);
    std::memcpy(&y, &yb, 8);
    v.set("x", Value::Double(x));
    v.set("y", Value::Double(y));
  }
  v.set("wkb", Value::BytesOf(std::string(wkb)));
  v.set("srid", srid == 0 ? Value::Null() : Value::Int(srid));  // 0: no SRID, as Debezium
  *out = std::move(v);
  return Status::OK();
}

Status GeometryBinlog(const ColumnCodec& c, ByteReader& r, Value* out) {
  uint64_t n = r.ReadLE(LengthPrefixBytes(c.column()));
  std::string_view bytes = r.Bytes(n);
  if (!r.ok()) return Truncated(c, r);
  const data::SchemaPtr& schema = c.schema();
  return EmitGeometry(c, schema, bytes, out);
}

Status GeometryText(const ColumnCodec& c, std::string_view text, Value* out) {
  return EmitGeometry(c, c.schema(), text, out);
}

// ---- the table ---------------------------------------------------------------------------

constexpr TypeHandler kInteger{IntegerSchema, IntegerBinlog, IntegerText};
constexpr TypeHandler kFloating{FloatSchema, FloatBinlog, FloatText};
constexpr TypeHandler kDecimalHandler{DecimalSchema, DecimalBinlog, DecimalText};
constexpr TypeHandler kDateHandler{DateSchema, DateBinlog, DateText};
constexpr TypeHandler kTimeHandler{TimeSchema, TimeBinlog, TimeText};
constexpr TypeHandler kDateTimeHandler{DateTimeSchema, DateTimeBinlog, DateTimeText};
constexpr TypeHandler kTimestampHandler{TimestampSchema, TimestampBinlog, TimestampText};
constexpr TypeHandler kYearHandler{YearSchema, YearBinlog, YearText};
constexpr TypeHandler kBitHandler{BitSchema, BitBinlog, BitText};
constexpr TypeHandler kEnumHandler{EnumSchema, EnumBinlog, EnumText};
constexpr TypeHandler kStringHandler{StringSchema, StringBinlog, StringText};
constexpr TypeHandler kGeometryHandler{GeometrySchema, GeometryBinlog, GeometryText};

struct HandlerTable {
  const TypeHandler* by_type[256] = {};
  constexpr HandlerTable() {
    for (uint8_t t : {ct::kTiny, ct::kShort, ct::kInt24, ct::kLong, ct::kLongLong}) {
      by_type[t] = &kInteger;
    }
    by_type[ct::kFloat] = by_type[ct::kDouble] = &kFloating;
    by_type[ct::kNewDecimal] = &kDecimalHandler;
    by_type[ct::kDate] = by_type[ct::kNewDate] = &kDateHandler;
    by_type[ct::kTime] = by_type[ct::kTime2] = &kTimeHandler;
    by_type[ct::kDateTime] = by_type[ct::kDateTime2] = &kDateTimeHandler;
    by_type[ct::kTimestamp] = by_type[ct::kTimestamp2] = &kTimestampHandler;
    by_type[ct::kYear] = &kYearHandler;
    by_type[ct::kBit] = &kBitHandler;
    by_type[ct::kEnum] = by_type[ct::kSet] = &kEnumHandler;
    for (uint8_t t : {ct::kVarchar, ct::kVarString, ct::kString, ct::kTinyBlob, ct::kMediumBlob,
                      ct::kLongBlob, ct::kBlob, ct::kJson}) {
      by_type[t] = &kStringHandler;
    }
    by_type[ct::kGeometry] = &kGeometryHandler;
  }
};
constexpr HandlerTable kHandlers;

// The column default as Connect sees it, from the catalog's COLUMN_DEFAULT literal. As in
// Debezium, CURRENT_TIMESTAMP (and NOW) stands for the epoch, which a nullable TIMESTAMP
// reads as no default; other expressions and NULL give no default.
std::optional<Value> DefaultValue(const ColumnCodec& codec, const std::string& literal) {
  const ColumnDef& column = codec.column();
  bool timestamp = column.type == ct::kTimestamp || column.type == ct::kTimestamp2;
  bool datetime = column.type == ct::kDateTime || column.type == ct::kDateTime2;
  bool now = (timestamp || datetime) && (literal.rfind("current_timestamp", 0) == 0 ||
                                         literal.rfind("now(", 0) == 0);
  if (literal == "NULL" || (!now && literal.find('(') != std::string::npos)) return std::nullopt;
  if (now && timestamp && column.nullable) return std::nullopt;
  std::string text = now ? "1970-01-01 00:00:00" : literal;
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    text = text.substr(1, text.size() - 2);
    std::string unescaped;
    for (size_t i = 0; i < text.size(); ++i) {
      if ((text[i] == '\'' || text[i] == '\\') && i + 1 < text.size()) ++i;
      unescaped += text[i];
    }
    text = unescaped;
  } else if (column.type == ct::kBit) {
    // b'0101': the stored bytes, big-endian, as the text protocol returns them.
    if (text.size() < 3 || text.rfind("b'", 0) != 0 || text.back() != '\'') return std::nullopt;
    std::string big_endian((static_cast<size_t>(column.length) + 7) / 8, '\0');
    size_t bit = 0;
    for (size_t i = text.size() - 2; i >= 2 && bit < big_endian.size() * 8; --i, ++bit) {
      if (text[i] == '1') big_endian[big_endian.size() - 1 - bit / 8] |= static_cast<char>(1 << (bit % 8));
    }
    text = big_endian;
  }
  Value v;
  if (!codec.DecodeText(text, &v).ok() || v.is_null()) return std::nullopt;
  return v;
}

}  // namespace

Result<ColumnCodec> ColumnCodec::Make(const ColumnDef& column, const TypeModes& modes) {
  const TypeHandler* handler = kHandlers.by_type[column.type];
  if (handler == nullptr) {
    return Status::NotSupported("column '{}' has binlog type {}, which Tributary cannot decode",
                                column.name, column.type);
  }
  ColumnCodec codec;
  codec.handler_ = handler;
  codec.column_ = column;
  codec.modes_ = modes;
  codec.charset_decoder_ = CharsetDecoder::For(CharsetName(column));
  SchemaBuilder builder = handler->schema(column, modes);
  builder.Optional(column.nullable);
  // Build once without default: DecodeText of the default needs the schema (geometry).
  codec.schema_ = builder.Build();
  if (column.default_literal) {
    if (auto v = DefaultValue(codec, *column.default_literal)) {
      builder.Default(std::move(*v));
      codec.schema_ = builder.Build();
    }
  }
  return codec;
}

Status ColumnCodec::DecodeBinlog(ByteReader& r, Value* out) const {
  return handler_->binlog(*this, r, out);
}

Status ColumnCodec::DecodeText(std::string_view text, Value* out) const {
  return handler_->text(*this, text, out);
}

}  // namespace tributary::mysql
