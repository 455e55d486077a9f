#include "avro/generic_codec.h"

#include <gtest/gtest.h>

#include <limits>

#include "avro/schema_parser.h"

namespace tributary::avro {
namespace {

SchemaPtr Parse(std::string_view json) {
  auto r = ParseSchema(json);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

std::string Encode(const Schema& s, const Datum& d) {
  std::string out;
  Status st = EncodeDatum(s, d, &out);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

std::string Hex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

TEST(GenericCodecTest, ZigZagVarintsMatchTheSpecificationTable) {
  SchemaPtr s = Parse("\"long\"");
  const std::pair<int64_t, const char*> cases[] = {
      {0, "00"}, {-1, "01"}, {1, "02"}, {-2, "03"}, {2, "04"}, {-64, "7f"}, {64, "8001"},
      {std::numeric_limits<int64_t>::max(), "feffffffffffffffff01"},
      {std::numeric_limits<int64_t>::min(), "ffffffffffffffffff01"},
  };
  for (const auto& [v, hex] : cases) {
    std::string bytes = Encode(*s, Datum::Long(v));
    EXPECT_EQ(Hex(bytes), hex) << v;
    auto back = DecodeDatum(*s, bytes);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->as_long(), v);
  }
}

TEST(GenericCodecTest, SpecExamplesOfComplexTypes) {
  SchemaPtr rec = Parse(R"({"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]})");
  EXPECT_EQ(Hex(Encode(*rec, Datum::Record({Datum::Long(27), Datum::String("foo")}))), "3606666f6f");
  SchemaPtr arr = Parse(R"({"type":"array","items":"long"})");
  EXPECT_EQ(Hex(Encode(*arr, Datum::Array({Datum::Long(3), Datum::Long(27)}))), "04063600");
  SchemaPtr uni = Parse(R"(["null","string"])");
  EXPECT_EQ(Hex(Encode(*uni, Datum::Null())), "00");
  EXPECT_EQ(Hex(Encode(*uni, Datum::String("a"))), "020261");
  EXPECT_EQ(Hex(Encode(*Parse("\"float\""), Datum::Float(1.0f))), "0000803f");
  EXPECT_EQ(Hex(Encode(*Parse("\"double\""), Datum::Double(1.0))), "000000000000f03f");
  EXPECT_EQ(Hex(Encode(*Parse("\"boolean\""), Datum::Boolean(true))), "01");
}

TEST(GenericCodecTest, EveryTypeRoundTrips) {
  SchemaPtr s = Parse(R"({"type":"record","name":"All","namespace":"t","fields":[
    {"name":"n","type":"null"},
    {"name":"b","type":"boolean"},
    {"name":"i","type":"int"},
    {"name":"l","type":"long"},
    {"name":"f","type":"float"},
    {"name":"d","type":"double"},
    {"name":"by","type":"bytes"},
    {"name":"s","type":"string"},
    {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"]}},
    {"name":"fx","type":{"type":"fixed","name":"Four","size":4}},
    {"name":"a","type":{"type":"array","items":["null","int"]}},
    {"name":"m","type":{"type":"map","values":"Color"}},
    {"name":"u","type":["null","string","All"]}]})");
  Datum inner = Datum::Record({Datum::Null(), Datum::Boolean(false), Datum::Int(-7), Datum::Long(1),
                               Datum::Float(0.5f), Datum::Double(-2.25), Datum::Bytes(""),
                               Datum::String(""), Datum::Enum(0), Datum::Fixed("abcd"),
                               Datum::Array({}), Datum::Map({}), Datum::Null().set_branch(0)});
  Datum outer = Datum::Record(
      {Datum::Null(), Datum::Boolean(true), Datum::Int(std::numeric_limits<int32_t>::min()),
       Datum::Long(std::numeric_limits<int64_t>::max()), Datum::Float(3.5f), Datum::Double(1e300),
       Datum::Bytes(std::string("\0\xff", 2)), Datum::String("h\xc3\xa9llo"), Datum::Enum(1),
       Datum::Fixed("wxyz"),
       Datum::Array({Datum::Int(1).set_branch(1), Datum::Null().set_branch(0)}),
       Datum::Map({{"x", Datum::Enum(1)}, {"y", Datum::Enum(0)}}), inner.set_branch(2)});
  std::string bytes = Encode(*s, outer);
  auto back = DecodeDatum(*s, bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, outer);
  Json plain = DatumToPlainJson(*s, *back);
  EXPECT_EQ(plain["e"], "GREEN");
  EXPECT_EQ(plain["m"]["x"], "GREEN");
  EXPECT_EQ(plain["u"]["i"], -7);
  EXPECT_EQ(plain["by"], std::string("\0\xc3\xbf", 3));

  // Skipping consumes exactly the value.
  BinaryReader reader(bytes);
  ASSERT_TRUE(SkipDatum(*s, &reader).ok());
  EXPECT_TRUE(reader.at_end());
}

TEST(GenericCodecTest, EncodeErrorsNameThePath) {
  SchemaPtr s = Parse(R"({"type":"record","name":"R","fields":[{"name":"title","type":"string"},
      {"name":"tags","type":{"type":"array","items":"int"}}]})");
  std::string out;
  Status st = EncodeDatum(*s, Datum::Record({Datum::Long(1), Datum::Array({})}), &out);
  EXPECT_EQ(st.message(), "Avro value at /title: expected string, got long");
  st = EncodeDatum(*s, Datum::Record({Datum::String("x"), Datum::Array({Datum::Int(1), Datum::Null()})}), &out);
  EXPECT_EQ(st.message(), "Avro value at /tags/1: expected int, got null");
  st = EncodeDatum(*Parse("\"int\""), Datum::Null(), &out);
  EXPECT_EQ(st.message(), "Avro value at /: expected int, got null");
}

TEST(GenericCodecTest, CorruptInputIsAnErrorWithAnOffset) {
  SchemaPtr s = Parse(R"({"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]})");
  auto r = DecodeDatum(*s, std::string("\x36\x08\x66\x6f", 4));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("byte 1"), std::string::npos) << r.status().message();
  r = DecodeDatum(*s, std::string("\x36\x03", 2));  // negative length
  EXPECT_NE(r.status().message().find("negative length"), std::string::npos);
  r = DecodeDatum(*Parse("\"long\""), std::string(11, '\xff'));
  EXPECT_FALSE(r.ok());
  r = DecodeDatum(*Parse("\"int\""), std::string("\x80\x80\x80\x80\x20", 5));
  EXPECT_NE(r.status().message().find("32-bit"), std::string::npos);
  r = DecodeDatum(*Parse("\"boolean\""), std::string("\x02", 1));
  EXPECT_FALSE(r.ok());
  r = DecodeDatum(*Parse(R"(["null","int"])"), std::string("\x04", 1));
  EXPECT_NE(r.status().message().find("union branch 2"), std::string::npos);
  r = DecodeDatum(*Parse(R"({"type":"enum","name":"E","symbols":["A"]})"), std::string("\x02", 1));
  EXPECT_FALSE(r.ok());
  // A huge item count with few bytes left is rejected before allocating.
  r = DecodeDatum(*Parse(R"({"type":"array","items":"long"})"),
                  std::string("\xfe\xff\xff\xff\xff\xff\xff\xff\x7f\x00", 10));
  EXPECT_NE(r.status().message().find("longer than"), std::string::npos) << r.status().message();
  // Zero-byte items are bounded by the item budget.
  DecodeLimits limits;
  limits.max_items = 1000;
  r = DecodeDatum(*Parse(R"({"type":"array","items":"null"})"), std::string("\xfe\xff\xff\x7f", 4),
                  limits);
  EXPECT_NE(r.status().message().find("more than 1000"), std::string::npos);
  r = DecodeDatum(*Parse("\"long\""), std::string("\x02\x00", 2));
  EXPECT_NE(r.status().message().find("trailing"), std::string::npos);
}

TEST(GenericCodecTest, BlocksWithByteSizesDecodeAndSkip) {
  SchemaPtr s = Parse(R"({"type":"array","items":"long"})");
  // Writers may give a negative count followed by the block size in bytes.
  std::string bytes("\x03\x04\x06\x36\x00", 5);
  auto r = DecodeDatum(*s, bytes);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, Datum::Array({Datum::Long(3), Datum::Long(27)}));
  BinaryReader reader(bytes);
  ASSERT_TRUE(SkipDatum(*s, &reader).ok());
  EXPECT_TRUE(reader.at_end());
}

TEST(GenericCodecTest, DefaultsBecomeData) {
  SchemaPtr s = Parse(R"({"type":"record","name":"R","fields":[
      {"name":"a","type":["null","string"],"default":null},
      {"name":"b","type":["string","null"],"default":"x"},
      {"name":"c","type":"bytes","default":"\u00ff"},
      {"name":"d","type":{"type":"map","values":"long"},"default":{"k":1}}]})");
  for (const auto& f : s->fields()) {
    auto d = DatumFromDefaultJson(f.schema(), *f.default_value);
    ASSERT_TRUE(d.ok()) << f.name;
    EXPECT_EQ(DatumToPlainJson(f.schema(), *d), *f.default_value) << f.name;
  }
  EXPECT_EQ(DatumFromDefaultJson(s->fields()[1].schema(), "x")->branch(), 0);
}

}  // namespace
}  // namespace tributary::avro
