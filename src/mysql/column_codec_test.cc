// Each per-type decoder on hand-built row-image bytes (formats from the MariaDB/MySQL row
// event documentation) and on the text the snapshot reads.
#include "mysql/column_codec.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "mysql/decimal_codec.h"

namespace tributary::mysql {
namespace {

namespace ct = column_type;
using data::Value;

std::string Hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

ColumnDef Col(uint8_t type, bool is_unsigned = false) {
  ColumnDef c;
  c.name = "c";
  c.type = type;
  c.is_unsigned = is_unsigned;
  return c;
}

Value Decode(const ColumnDef& c, std::string_view bytes, TypeModes modes = {},
             size_t* consumed = nullptr) {
  auto codec = ColumnCodec::Make(c, modes);
  EXPECT_TRUE(codec.ok()) << codec.status().ToString();
  ByteReader r(bytes);
  Value v;
  Status s = codec->DecodeBinlog(r, &v);
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (consumed) *consumed = r.offset();
  return v;
}

Value DecodeText(const ColumnDef& c, std::string_view text, TypeModes modes = {}) {
  auto codec = ColumnCodec::Make(c, modes);
  EXPECT_TRUE(codec.ok()) << codec.status().ToString();
  Value v;
  Status s = codec->DecodeText(text, &v);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return v;
}

TEST(ColumnCodecTest, IntegersSignedAndUnsigned) {
  EXPECT_EQ(Decode(Col(ct::kTiny), "\x80").as_int(), -128);
  EXPECT_EQ(Decode(Col(ct::kTiny, true), "\xff").as_int(), 255);
  EXPECT_EQ(Decode(Col(ct::kShort), Hex("0080")).as_int(), -32768);
  EXPECT_EQ(Decode(Col(ct::kInt24), Hex("000080")).as_int(), -8388608);
  EXPECT_EQ(Decode(Col(ct::kInt24, true), Hex("ffffff")).as_int(), 16777215);
  EXPECT_EQ(Decode(Col(ct::kLong, true), Hex("ffffffff")).as_int(), 4294967295LL);
  EXPECT_EQ(Decode(Col(ct::kLongLong), Hex("feffffffffffffff")).as_int(), -2);
  EXPECT_EQ(DecodeText(Col(ct::kLong), "-17").as_int(), -17);
  auto codec = ColumnCodec::Make(Col(ct::kShort, true), {});
  EXPECT_EQ(codec->schema()->type(), data::Type::kInt32);
}

TEST(ColumnCodecTest, UnsignedBigintPreciseIsADecimal) {
  TypeModes precise;
  precise.bigint_unsigned = BigintUnsignedHandling::kPrecise;
  Value v = Decode(Col(ct::kLongLong, true), Hex("ffffffffffffffff"), precise);
  EXPECT_EQ(v.as_bytes(), Hex("00ffffffffffffffff"));  // 18446744073709551615
  auto codec = ColumnCodec::Make(Col(ct::kLongLong, true), precise);
  EXPECT_EQ(codec->schema()->name().value(), "org.apache.kafka.connect.data.Decimal");
}

TEST(ColumnCodecTest, FloatingPoint) {
  EXPECT_DOUBLE_EQ(Decode(Col(ct::kFloat), Hex("0000c03f")).as_double(), 1.5);
  EXPECT_DOUBLE_EQ(Decode(Col(ct::kDouble), Hex("00000000000002c0")).as_double(), -2.25);
}

TEST(ColumnCodecTest, FloatWithScaleIsFloat64OfTheSingleValue) {
  ColumnDef c = Col(ct::kFloat);
  EXPECT_EQ(ColumnCodec::Make(c, {})->schema()->type(), data::Type::kFloat32);
  c.float_with_scale = true;  // FLOAT(7,2)
  EXPECT_EQ(ColumnCodec::Make(c, {})->schema()->type(), data::Type::kFloat64);
  // 12345.67 as a single-precision value is 12345.669921875, as Debezium reports it.
  EXPECT_EQ(Decode(c, Hex("aee64046")).as_double(),
            12345.669921875);
  EXPECT_EQ(DecodeText(c, "12345.67").as_double(), 12345.669921875);
}

TEST(ColumnCodecTest, DecimalModes) {
  ColumnDef c = Col(ct::kNewDecimal);
  c.precision = 14;
  c.scale = 4;
  // The example of MySQL's decimal2bin documentation: 1234567890.1234.
  std::string bytes = Hex("810DFB38D204D2");
  EXPECT_EQ(Decode(c, bytes).as_bytes(), UnscaledDecimalBytes("1234567890.1234", 4).value());
  TypeModes as_string;
  as_string.decimal = DecimalHandling::kString;
  EXPECT_EQ(Decode(c, bytes, as_string).as_string(), "1234567890.1234");
  EXPECT_EQ(Decode(c, Hex("7EF204C72DFB2D"), as_string).as_string(), "-1234567890.1234");
  TypeModes as_double;
  as_double.decimal = DecimalHandling::kDouble;
  EXPECT_DOUBLE_EQ(Decode(c, bytes, as_double).as_double(), 1234567890.1234);
}

TEST(ColumnCodecTest, DateAndYear) {
  // 2024-02-29: day | month << 5 | year << 9, little-endian 3 bytes.
  uint32_t packed = 29 | (2 << 5) | (2024 << 9);
  std::string bytes{static_cast<char>(packed & 0xff), static_cast<char>((packed >> 8) & 0xff),
                    static_cast<char>(packed >> 16)};
  EXPECT_EQ(Decode(Col(ct::kDate), bytes).as_int(), DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(DecodeText(Col(ct::kDate), "1970-01-02").as_int(), 1);
  EXPECT_TRUE(Decode(Col(ct::kDate), std::string(3, '\0')).is_null());  // zero date
  EXPECT_EQ(Decode(Col(ct::kYear), "\x7c").as_int(), 2024);
}

TEST(ColumnCodecTest, Time2WithNegativeFraction) {
  ColumnDef c = Col(ct::kTime2);
  c.fsp = 3;
  // -01:02:03.500 as the server stores it (int part and fraction both complemented).
  EXPECT_EQ(Decode(c, Hex("7fef7cec78")).as_int(), -((3600LL + 120 + 3) * 1000000 + 500000));
  EXPECT_EQ(DecodeText(c, "-01:02:03.500").as_int(), -((3600LL + 120 + 3) * 1000000 + 500000));
  TypeModes connect;
  connect.time = TimePrecision::kConnect;
  EXPECT_EQ(DecodeText(c, "00:00:01.250", connect).as_int(), 1250);
}

TEST(ColumnCodecTest, ConnectTimeOutsideOneDayIsNull) {
  TypeModes connect;
  connect.time = TimePrecision::kConnect;
  ColumnDef c = Col(ct::kTime2);
  c.fsp = 3;
  EXPECT_EQ(DecodeText(c, "23:59:59.999", connect).as_int(), 86'399'999);
  EXPECT_TRUE(DecodeText(c, "24:00:00", connect).is_null());
  EXPECT_TRUE(DecodeText(c, "-00:00:01.5", connect).is_null());
  EXPECT_EQ(DecodeText(c, "-00:00:01.5").as_int(), -1'500'000);  // MicroTime keeps it
}

TEST(ColumnCodecTest, DateTime2AndPrecisions) {
  ColumnDef c = Col(ct::kDateTime2);
  int64_t expected_ms = (DaysFromCivil(2024, 1, 2) * 86400 + 3 * 3600 + 4 * 60 + 5) * 1000;
  EXPECT_EQ(Decode(c, Hex("99b2443105")).as_int(), expected_ms);
  c.fsp = 6;
  size_t consumed = 0;
  EXPECT_EQ(Decode(c, Hex("99b2443105") + Hex("01e240"), {}, &consumed).as_int(),
            expected_ms * 1000 + 123456);
  EXPECT_EQ(consumed, 8u);
  auto codec = ColumnCodec::Make(c, {});
  EXPECT_EQ(codec->schema()->name().value(), "io.debezium.time.MicroTimestamp");
}

TEST(ColumnCodecTest, Timestamp2IsUtcIsoStringWithColumnPrecision) {
  ColumnDef c = Col(ct::kTimestamp2);
  c.fsp = 3;
  // 1700000000 seconds, .250 -> fraction 2500 in two bytes.
  EXPECT_EQ(Decode(c, Hex("6553f100") + Hex("09c4")).as_string(), "2023-11-14T22:13:20.250Z");
  c.fsp = 0;
  EXPECT_EQ(Decode(c, Hex("6553f100")).as_string(), "2023-11-14T22:13:20Z");
  EXPECT_EQ(DecodeText(c, "2023-11-14 22:13:20").as_string(), "2023-11-14T22:13:20Z");
}

TEST(ColumnCodecTest, ZeroTimestampInARowImageIsTheEpoch) {
  ColumnDef c = Col(ct::kTimestamp2);  // nullable: Debezium still reads the stored 0
  EXPECT_EQ(Decode(c, Hex("00000000")).as_string(), "1970-01-01T00:00:00Z");
  EXPECT_TRUE(DecodeText(c, "0000-00-00 00:00:00").is_null());
  c.nullable = false;
  EXPECT_EQ(DecodeText(c, "0000-00-00 00:00:00").as_string(), "1970-01-01T00:00:00Z");
}

TEST(ColumnCodecTest, BitsAreLittleEndianBytesOrBoolean) {
  ColumnDef c = Col(ct::kBit);
  c.length = 12;
  EXPECT_EQ(Decode(c, Hex("0aaa")).as_bytes(), Hex("aa0a"));
  c.length = 1;
  EXPECT_TRUE(Decode(c, "\x01").as_bool());
}

TEST(ColumnCodecTest, EnumAndSet) {
  ColumnDef e = Col(ct::kEnum);
  e.length = 1;
  e.elements = {"red", "green", "blue"};
  EXPECT_EQ(Decode(e, "\x02").as_string(), "green");
  auto codec = ColumnCodec::Make(e, {});
  EXPECT_EQ(*codec->schema()->parameter("allowed"), "red,green,blue");
  ColumnDef s = Col(ct::kSet);
  s.length = 1;
  s.elements = {"a", "b", "c"};
  EXPECT_EQ(Decode(s, "\x05").as_string(), "a,c");
}

TEST(ColumnCodecTest, StringsByCharsetAndLengthPrefix) {
  ColumnDef v = Col(ct::kVarchar);
  v.length = 300;  // two-byte length prefix
  v.collation = 45;
  EXPECT_EQ(Decode(v, Hex("0300") + "abc").as_string(), "abc");
  v.length = 20;
  v.collation = 8;  // latin1_swedish_ci
  EXPECT_EQ(Decode(v, Hex("04") + "caf\xe9").as_string(), "caf\xc3\xa9");
  // MariaDB's latin1 is windows-1252 (0x80 is the euro sign), as Debezium decodes it.
  EXPECT_EQ(Decode(v, Hex("0180")).as_string(), "\xe2\x82\xac");
  v.collation = 9;  // latin2_general_ci, named by the catalog
  v.charset = "latin2";
  EXPECT_EQ(Decode(v, Hex("01a3")).as_string(), "\xc5\x81");  // U+0141
  v.charset = "ucs2";
  EXPECT_EQ(Decode(v, Hex("0403a920ac")).as_string(), "\xce\xa9\xe2\x82\xac");
  v.charset = "utf16";  // a lone low surrogate: one U+FFFD for its two bytes
  EXPECT_EQ(Decode(v, Hex("04dc000041")).as_string(), "\xef\xbf\xbd" "A");
  v.charset = "cp1250";  // 0x98 is undefined in windows-1250: U+FFFD, as Java
  EXPECT_EQ(Decode(v, Hex("02989a")).as_string(), "\xef\xbf\xbd\xc5\xa1");
  v.charset = {};
  v.collation = kBinaryCollation;
  EXPECT_EQ(Decode(v, Hex("02fffe")).as_bytes(), Hex("fffe"));
  TypeModes base64;
  base64.binary = BinaryHandling::kBase64;
  EXPECT_EQ(Decode(v, Hex("02fffe"), base64).as_string(), "//4=");
  ColumnDef fixed = Col(ct::kString);  // BINARY(4): the image drops trailing zero bytes
  fixed.length = 4;
  fixed.collation = kBinaryCollation;
  EXPECT_EQ(Decode(fixed, Hex("02ff00")).as_bytes(), Hex("ff000000"));
  EXPECT_EQ(Decode(fixed, Hex("00"), base64).as_string(), "AAAAAA==");
  ColumnDef blob = Col(ct::kBlob);
  blob.length = 4;
  blob.collation = 45;
  EXPECT_EQ(Decode(blob, Hex("02000000") + "hi").as_string(), "hi");
}

TEST(ColumnCodecTest, PointGeometry) {
  ColumnDef g = Col(ct::kGeometry);
  g.length = 4;
  g.geometry_type = 1;
  std::string wkb = Hex("0101000000") + Hex("000000000000f83f") + Hex("00000000000000c0");
  std::string value = Hex("e6100000") + wkb;  // SRID 4326
  std::string bytes = Hex("19000000") + value;
  Value p = Decode(g, bytes);
  EXPECT_DOUBLE_EQ(p.field("x")->as_double(), 1.5);
  EXPECT_DOUBLE_EQ(p.field("y")->as_double(), -2);
  EXPECT_EQ(p.field("srid")->as_int(), 4326);
  EXPECT_EQ(p.field("wkb")->as_bytes(), wkb);
  // SRID 0 means none: null, as Debezium.
  EXPECT_TRUE(Decode(g, Hex("19000000") + Hex("00000000") + wkb).field("srid")->is_null());
}

TEST(ColumnCodecTest, TruncatedImageIsCorruptionNamingTheColumn) {
  auto codec = ColumnCodec::Make(Col(ct::kLong), {});
  ByteReader r(std::string_view("\x01\x02", 2));
  Value v;
  Status s = codec->DecodeBinlog(r, &v);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find("'c'"), std::string::npos);
}

TEST(ColumnCodecTest, DefaultsFromCatalogLiterals) {
  ColumnDef c = Col(ct::kVarchar);
  c.length = 10;
  c.collation = 45;
  c.nullable = false;
  c.default_literal = "'it''s'";
  auto codec = ColumnCodec::Make(c, {});
  ASSERT_NE(codec->schema()->default_value(), nullptr);
  EXPECT_EQ(codec->schema()->default_value()->as_string(), "it's");
  c.default_literal = "current_timestamp()";
  EXPECT_EQ(ColumnCodec::Make(c, {})->schema()->default_value(), nullptr);
}

TEST(ColumnCodecTest, BitDefaultsFromBinaryLiterals) {
  ColumnDef bits = Col(ct::kBit);
  bits.length = 12;
  bits.default_literal = "b'100000000101'";
  auto codec = ColumnCodec::Make(bits, {});
  ASSERT_NE(codec->schema()->default_value(), nullptr);
  EXPECT_EQ(codec->schema()->default_value()->as_bytes(), Hex("0508"));  // little-endian
  ColumnDef flag = Col(ct::kBit);
  flag.length = 1;
  flag.default_literal = "b'1'";
  EXPECT_TRUE(ColumnCodec::Make(flag, {})->schema()->default_value()->as_bool());
}

// Debezium reads DEFAULT CURRENT_TIMESTAMP as the epoch: a NOT NULL TIMESTAMP and any DATETIME
// get it as their default, a nullable TIMESTAMP gets none.
TEST(ColumnCodecTest, CurrentTimestampDefaultIsTheEpoch) {
  ColumnDef ts = Col(ct::kTimestamp2);
  ts.default_literal = "current_timestamp()";
  EXPECT_EQ(ColumnCodec::Make(ts, {})->schema()->default_value(), nullptr);
  ts.nullable = false;
  auto codec = ColumnCodec::Make(ts, {});
  ASSERT_NE(codec->schema()->default_value(), nullptr);
  EXPECT_EQ(codec->schema()->default_value()->as_string(), "1970-01-01T00:00:00Z");
  ColumnDef dt = Col(ct::kDateTime2);
  dt.default_literal = "current_timestamp(3)";
  dt.fsp = 3;
  codec = ColumnCodec::Make(dt, {});
  ASSERT_NE(codec->schema()->default_value(), nullptr);
  EXPECT_EQ(codec->schema()->default_value()->as_int(), 0);
}

TEST(DecimalCodecTest, FastPathMatchesTheGeneralPath) {
  std::string positive = Hex("810DFB38D204D2"), negative = Hex("7EF204C72DFB2D");
  ByteReader r(positive);  // readers borrow their bytes
  EXPECT_EQ(DecodeBinaryDecimalUnscaled(r, 14, 4).value(), 12345678901234LL);
  ByteReader n(negative);
  EXPECT_EQ(DecodeBinaryDecimalUnscaled(n, 14, 4).value(), -12345678901234LL);
  EXPECT_EQ(MinimalTwosComplement(-128), Hex("80"));
  EXPECT_EQ(MinimalTwosComplement(128), Hex("0080"));
  EXPECT_EQ(MinimalTwosComplement(0), Hex("00"));
  // Both binlog paths agree with the text path on the same value.
  ColumnDef c = Col(ct::kNewDecimal);
  c.precision = 14;
  c.scale = 4;
  EXPECT_EQ(Decode(c, Hex("7EF204C72DFB2D")), DecodeText(c, "-1234567890.1234"));
}

TEST(DecimalCodecTest, FastPathBytesMatchTheTextPathAtEveryByteBoundary) {
  std::vector<int64_t> values = {std::numeric_limits<int64_t>::min(),
                                 std::numeric_limits<int64_t>::max(), -1, 1};
  for (int bits = 7; bits < 63; bits += 8) {
    int64_t edge = int64_t{1} << bits;
    for (int64_t v : {edge - 1, edge, edge + 1, -edge - 1, -edge, -edge + 1}) values.push_back(v);
  }
  for (int64_t v : values) {
    EXPECT_EQ(MinimalTwosComplement(v), UnscaledDecimalBytes(std::to_string(v), 0).value())
        << v;
  }
}

TEST(DecimalCodecTest, UnscaledBytesAreMinimalTwosComplement) {
  EXPECT_EQ(UnscaledDecimalBytes("0", 2).value(), Hex("00"));
  EXPECT_EQ(UnscaledDecimalBytes("1.28", 2).value(), Hex("0080"));
  EXPECT_EQ(UnscaledDecimalBytes("-1.28", 2).value(), Hex("80"));
  EXPECT_EQ(UnscaledDecimalBytes("-1.29", 2).value(), Hex("ff7f"));
  EXPECT_EQ(UnscaledDecimalBytes("1.5", 3).value(), Hex("05dc"));  // 1500
  EXPECT_FALSE(UnscaledDecimalBytes("abc", 0).ok());
}

}  // namespace
}  // namespace tributary::mysql
