// Expected bytes in this file were produced by Apache Kafka 4.1.1's own JsonConverter
// (org.apache.kafka.connect.json.JsonConverter) from the same schemas and values.
#include "converters/json_converter.h"

#include <gtest/gtest.h>

#include "converters/decimal_text.h"

namespace tributary::converters {
namespace {

using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;

JsonConverter Make(std::map<std::string, std::string> config) {
  JsonConverter c;
  EXPECT_TRUE(c.Configure(connect::Config(std::move(config)), false).ok());
  return c;
}

std::string ToJson(JsonConverter& c, const SchemaPtr& schema, const Value& value) {
  std::string out;
  Status s = c.FromConnectData("t", schema, value, &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

Value Dec(std::string_view text, int32_t scale) {
  return Value::BytesOf(DecimalFromString(text, scale).value());
}

SchemaPtr MoviesRow() {
  return SchemaBuilder::Struct()
      .Name("db1.sampledatabase.movies.Value")
      .Field("movie_id", data::Int32Schema())
      .Field("title", data::OptionalStringSchema())
      .Field("release_year", data::OptionalInt32Schema())
      .Optional()
      .Build();
}

TEST(JsonConverterTest, DebeziumEnvelopeMatchesKafka) {
  SchemaPtr row = MoviesRow();
  SchemaPtr source =
      SchemaBuilder::Struct()
          .Name("io.debezium.connector.mysql.Source")
          .Version(1)
          .Field("version", data::StringSchema())
          .Field("ts_ms", data::Int64Schema())
          .Field("snapshot", SchemaBuilder::String()
                                 .Optional()
                                 .Name("io.debezium.data.Enum")
                                 .Version(1)
                                 .Parameter("allowed",
                                            "true,first,first_in_data_collection,last_in_data_"
                                            "collection,last,false,incremental")
                                 .Default(Value::String("false"))
                                 .Build())
          .Field("gtid", data::OptionalStringSchema())
          .Build();
  SchemaPtr envelope = SchemaBuilder::Struct()
                           .Name("db1.sampledatabase.movies.Envelope")
                           .Version(2)
                           .Field("before", row)
                           .Field("after", row)
                           .Field("source", source)
                           .Field("op", data::StringSchema())
                           .Field("ts_ms", data::OptionalInt64Schema())
                           .Build();
  Value after = Value::EmptyStruct(row);
  after.set("movie_id", Value::Int(1));
  after.set("title", Value::String("Heat \"95\"\n\xc3\xa9\x01"));
  after.set("release_year", Value::Int(1995));
  Value src = Value::EmptyStruct(source);
  src.set("version", Value::String("3.0.8.Final"));
  src.set("ts_ms", Value::Int(1700000000000));
  Value e = Value::EmptyStruct(envelope);
  e.set("after", after);
  e.set("source", src);
  e.set("op", Value::String("c"));
  e.set("ts_ms", Value::Int(1700000000123));

  JsonConverter c = Make({});
  EXPECT_EQ(ToJson(c, envelope, e), R"json({"schema":{"type":"struct","fields":[{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"}],"optional":true,"name":"db1.sampledatabase.movies.Value","field":"before"},{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"}],"optional":true,"name":"db1.sampledatabase.movies.Value","field":"after"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"version"},{"type":"int64","optional":false,"field":"ts_ms"},{"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},"default":"false","field":"snapshot"},{"type":"string","optional":true,"field":"gtid"}],"optional":false,"name":"io.debezium.connector.mysql.Source","version":1,"field":"source"},{"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"}],"optional":false,"name":"db1.sampledatabase.movies.Envelope","version":2},"payload":{"before":null,"after":{"movie_id":1,"title":"Heat \"95\"\né\u0001","release_year":1995},"source":{"version":"3.0.8.Final","ts_ms":1700000000000,"snapshot":"false","gtid":null},"op":"c","ts_ms":1700000000123}})json");
  // Second call comes from the schema cache and must be identical.
  EXPECT_EQ(ToJson(c, envelope, e), R"json({"schema":{"type":"struct","fields":[{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"}],"optional":true,"name":"db1.sampledatabase.movies.Value","field":"before"},{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"}],"optional":true,"name":"db1.sampledatabase.movies.Value","field":"after"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"version"},{"type":"int64","optional":false,"field":"ts_ms"},{"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},"default":"false","field":"snapshot"},{"type":"string","optional":true,"field":"gtid"}],"optional":false,"name":"io.debezium.connector.mysql.Source","version":1,"field":"source"},{"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"}],"optional":false,"name":"db1.sampledatabase.movies.Envelope","version":2},"payload":{"before":null,"after":{"movie_id":1,"title":"Heat \"95\"\né\u0001","release_year":1995},"source":{"version":"3.0.8.Final","ts_ms":1700000000000,"snapshot":"false","gtid":null},"op":"c","ts_ms":1700000000123}})json");
  EXPECT_EQ(ToJson(c, row, Value()), R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"release_year"}],"optional":true,"name":"db1.sampledatabase.movies.Value"},"payload":null})json");
  EXPECT_EQ(ToJson(c, nullptr, Value()), "");  // tombstone: no bytes
}

SchemaPtr AllTypes() {
  return SchemaBuilder::Struct()
      .Name("types")
      .Doc("all types")
      .Field("i8", data::Int8Schema())
      .Field("i16", data::Int16Schema())
      .Field("i64", data::Int64Schema())
      .Field("f32", data::Float32Schema())
      .Field("f64", data::Float64Schema())
      .Field("f64big", data::Float64Schema())
      .Field("f64small", data::Float64Schema())
      .Field("b", data::BooleanSchema())
      .Field("bytes", data::BytesSchema())
      .Field("dec", SchemaBuilder::Decimal(2).Parameter("connect.decimal.precision", "10").Build())
      .Field("decneg", SchemaBuilder::Decimal(3).Build())
      .Field("date", SchemaBuilder::Date().Build())
      .Field("time", SchemaBuilder::Time().Build())
      .Field("ts", SchemaBuilder::Timestamp().Build())
      .Field("arr", SchemaBuilder::Array(data::StringSchema()).Optional().Build())
      .Field("smap", SchemaBuilder::Map(data::StringSchema(), data::Int32Schema()).Build())
      .Field("imap", SchemaBuilder::Map(data::Int32Schema(), data::StringSchema()).Build())
      .Field("withdef", SchemaBuilder::Int32().Optional().Default(Value::Int(42)).Build())
      .Build();
}

Value AllTypesValue(const SchemaPtr& schema) {
  Value t = Value::EmptyStruct(schema);
  t.set("i8", Value::Int(-8));
  t.set("i16", Value::Int(300));
  t.set("i64", Value::Int(INT64_MIN));
  t.set("f32", Value::Double(1.1f));
  t.set("f64", Value::Double(0.1));
  t.set("f64big", Value::Double(1.0e7));
  t.set("f64small", Value::Double(1.5e-5));
  t.set("b", Value::Bool(true));
  t.set("bytes", Value::BytesOf(std::string("\x00\x01\x02\xff\x41", 5)));
  t.set("dec", Dec("12345.67", 2));
  t.set("decneg", Dec("-0.001", 3));
  t.set("date", Value::Int(19000));
  t.set("time", Value::Int(3723004));
  t.set("ts", Value::Int(1700000000123));
  t.set("arr", Value::ArrayOf({Value::String("a"), Value::String("b")}));
  t.set("smap", Value::MapOf({{Value::String("k"), Value::Int(1)}}));
  t.set("imap", Value::MapOf({{Value::Int(7), Value::String("seven")}}));
  return t;
}

TEST(JsonConverterTest, EveryTypeMatchesKafka) {
  SchemaPtr schema = AllTypes();
  Value value = AllTypesValue(schema);
  JsonConverter base64 = Make({});
  JsonConverter numeric = Make({{"decimal.format", "NUMERIC"}});
  JsonConverter plain = Make({{"schemas.enable", "false"}});
  EXPECT_EQ(ToJson(base64, schema, value), R"json({"schema":{"type":"struct","fields":[{"type":"int8","optional":false,"field":"i8"},{"type":"int16","optional":false,"field":"i16"},{"type":"int64","optional":false,"field":"i64"},{"type":"float","optional":false,"field":"f32"},{"type":"double","optional":false,"field":"f64"},{"type":"double","optional":false,"field":"f64big"},{"type":"double","optional":false,"field":"f64small"},{"type":"boolean","optional":false,"field":"b"},{"type":"bytes","optional":false,"field":"bytes"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"field":"dec"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"3"},"field":"decneg"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"date"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1,"field":"time"},{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"arr"},{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false,"field":"smap"},{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":false},"optional":false,"field":"imap"},{"type":"int32","optional":true,"default":42,"field":"withdef"}],"optional":false,"name":"types","doc":"all types"},"payload":{"i8":-8,"i16":300,"i64":-9223372036854775808,"f32":1.1,"f64":0.1,"f64big":1.0E7,"f64small":1.5E-5,"b":true,"bytes":"AAEC/0E=","dec":"EtaH","decneg":"/w==","date":19000,"time":3723004,"ts":1700000000123,"arr":["a","b"],"smap":{"k":1},"imap":[[7,"seven"]],"withdef":42}})json");
  EXPECT_EQ(ToJson(numeric, schema, value), R"json({"schema":{"type":"struct","fields":[{"type":"int8","optional":false,"field":"i8"},{"type":"int16","optional":false,"field":"i16"},{"type":"int64","optional":false,"field":"i64"},{"type":"float","optional":false,"field":"f32"},{"type":"double","optional":false,"field":"f64"},{"type":"double","optional":false,"field":"f64big"},{"type":"double","optional":false,"field":"f64small"},{"type":"boolean","optional":false,"field":"b"},{"type":"bytes","optional":false,"field":"bytes"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"field":"dec"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"3"},"field":"decneg"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"date"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1,"field":"time"},{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"arr"},{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false,"field":"smap"},{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":false},"optional":false,"field":"imap"},{"type":"int32","optional":true,"default":42,"field":"withdef"}],"optional":false,"name":"types","doc":"all types"},"payload":{"i8":-8,"i16":300,"i64":-9223372036854775808,"f32":1.1,"f64":0.1,"f64big":1.0E7,"f64small":1.5E-5,"b":true,"bytes":"AAEC/0E=","dec":12345.67,"decneg":-0.001,"date":19000,"time":3723004,"ts":1700000000123,"arr":["a","b"],"smap":{"k":1},"imap":[[7,"seven"]],"withdef":42}})json");
  EXPECT_EQ(ToJson(plain, schema, value), R"json({"i8":-8,"i16":300,"i64":-9223372036854775808,"f32":1.1,"f64":0.1,"f64big":1.0E7,"f64small":1.5E-5,"b":true,"bytes":"AAEC/0E=","dec":"EtaH","decneg":"/w==","date":19000,"time":3723004,"ts":1700000000123,"arr":["a","b"],"smap":{"k":1},"imap":[[7,"seven"]],"withdef":42})json");
}

TEST(JsonConverterTest, DecimalsMatchKafka) {
  JsonConverter base64 = Make({});
  JsonConverter numeric = Make({{"decimal.format", "numeric"}});
  EXPECT_EQ(ToJson(numeric, SchemaBuilder::Decimal(8).Build(), Dec("0.00000001", 8)), R"json({"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"8"}},"payload":1E-8})json");
  SchemaPtr s10 = SchemaBuilder::Decimal(10).Build();
  Value big = Dec("-12345678901234567890123.4567890123", 10);
  EXPECT_EQ(ToJson(numeric, s10, big), R"json({"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"10"}},"payload":-12345678901234567890123.4567890123})json");
  EXPECT_EQ(ToJson(base64, s10, big), R"json({"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"10"}},"payload":"+enBmaQUg1ldHlm9uzU="})json");
}

TEST(JsonConverterTest, FloatingPointAsJavaPrintsIt) {
  JsonConverter plain = Make({{"schemas.enable", "false"}});
  struct Case {
    double v;
    const char* expected;
  };
  for (const Case& c : {Case{123456.789, "123456.789"}, Case{1e-3, "0.001"},
                        Case{9.999e-4, "9.999E-4"}, Case{1e21, "1.0E21"}, Case{-2.5, "-2.5"},
                        Case{100.0, "100.0"}, Case{1234567.0, "1234567.0"},
                        Case{3.0e-10, "3.0E-10"}})
    EXPECT_EQ(ToJson(plain, data::Float64Schema(), Value::Double(c.v)), c.expected);
  struct FloatCase {
    float v;
    const char* expected;
  };
  for (const FloatCase& c : {FloatCase{0.3f, "0.3"}, FloatCase{1e10f, "1.0E10"},
                             FloatCase{16777216.0f, "1.6777216E7"},
                             FloatCase{3.4028235e38f, "3.4028235E38"}})
    EXPECT_EQ(ToJson(plain, data::Float32Schema(), Value::Double(c.v)), c.expected);
  EXPECT_EQ(ToJson(plain, data::Float64Schema(), Value::Double(NAN)), R"json("NaN")json");
}

// Jackson (so Kafka's JsonConverter, as the Debezium differential test saw) writes UTF-8 as is,
// except characters outside the Basic Multilingual Plane: those become escaped surrogate pairs.
TEST(JsonConverterTest, StringsEscapeAsJacksonDoes) {
  JsonConverter plain = Make({{"schemas.enable", "false"}});
  EXPECT_EQ(ToJson(plain, data::StringSchema(),
                   Value::String("h\xc3\xa9 \xe2\x98\x83 \xf0\x9f\x98\x80!\x01\"")),
            "\"h\xc3\xa9 \xe2\x98\x83 \\uD83D\\uDE00!\\u0001\\\"\"");
  // And reads them back to the same UTF-8.
  std::string json = ToJson(plain, data::StringSchema(), Value::String("\xf0\x9f\x98\x80"));
  SchemaPtr schema;
  Value back;
  ASSERT_TRUE(plain.ToConnectData("t", json, false, &schema, &back).ok());
  EXPECT_EQ(back.as_string(), "\xf0\x9f\x98\x80");
}

TEST(JsonConverterTest, SchemalessValuesMatchKafka) {
  JsonConverter plain = Make({{"schemas.enable", "false"}});
  JsonConverter envelope = Make({});
  Value map = Value::MapOf(
      {{Value::String("a"),
        Value::ArrayOf({Value::Int(1), Value::Double(2.5), Value::String("x")})}});
  EXPECT_EQ(ToJson(plain, nullptr, map), R"json({"a":[1,2.5,"x"]})json");
  EXPECT_EQ(ToJson(envelope, nullptr, Value::Int(5)), R"json({"schema":null,"payload":5})json");
}

TEST(JsonConverterTest, RoundTripGivesTheSameBytesAndOneSchemaObject) {
  SchemaPtr schema = AllTypes();
  Value value = AllTypesValue(schema);
  for (const char* format : {"BASE64", "NUMERIC"}) {
    JsonConverter c = Make({{"decimal.format", format}});
    std::string bytes = ToJson(c, schema, value);
    SchemaPtr back_schema;
    Value back;
    ASSERT_TRUE(c.ToConnectData("t", bytes, false, &back_schema, &back).ok());
    EXPECT_TRUE(back_schema->Equals(*schema)) << back_schema->DebugString();
    EXPECT_EQ(ToJson(c, back_schema, back), bytes);
    SchemaPtr again;
    ASSERT_TRUE(c.ToConnectData("t", bytes, false, &again, &back).ok());
    EXPECT_EQ(again.get(), back_schema.get());
  }
  // Kafka's own bytes parse too.
  JsonConverter c = Make({});
  SchemaPtr s;
  Value v;
  ASSERT_TRUE(c.ToConnectData("t", R"json({"schema":{"type":"struct","fields":[{"type":"int8","optional":false,"field":"i8"},{"type":"int16","optional":false,"field":"i16"},{"type":"int64","optional":false,"field":"i64"},{"type":"float","optional":false,"field":"f32"},{"type":"double","optional":false,"field":"f64"},{"type":"double","optional":false,"field":"f64big"},{"type":"double","optional":false,"field":"f64small"},{"type":"boolean","optional":false,"field":"b"},{"type":"bytes","optional":false,"field":"bytes"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"field":"dec"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"3"},"field":"decneg"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"date"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1,"field":"time"},{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"},{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"arr"},{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false,"field":"smap"},{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":false},"optional":false,"field":"imap"},{"type":"int32","optional":true,"default":42,"field":"withdef"}],"optional":false,"name":"types","doc":"all types"},"payload":{"i8":-8,"i16":300,"i64":-9223372036854775808,"f32":1.1,"f64":0.1,"f64big":1.0E7,"f64small":1.5E-5,"b":true,"bytes":"AAEC/0E=","dec":"EtaH","decneg":"/w==","date":19000,"time":3723004,"ts":1700000000123,"arr":["a","b"],"smap":{"k":1},"imap":[[7,"seven"]],"withdef":42}})json", false, &s, &v).ok());
  Value expected = value;
  expected.set("withdef", Value::Int(42));  // Kafka wrote the default for the null field
  EXPECT_EQ(v.DebugString(), expected.DebugString());
  EXPECT_TRUE(v == expected);
}

TEST(JsonConverterTest, ReadsSchemalessAndTombstones) {
  JsonConverter plain = Make({{"schemas.enable", "false"}});
  SchemaPtr s;
  Value v;
  ASSERT_TRUE(plain.ToConnectData("t", R"({"a":[1,2.5,"x"],"b":null})", false, &s, &v).ok());
  EXPECT_EQ(s, nullptr);
  EXPECT_EQ(v.DebugString(), R"([["a",[1,2.5,"x"]],["b",null]])");
  ASSERT_TRUE(plain.ToConnectData("t", "", true, &s, &v).ok());
  EXPECT_TRUE(v.is_null());
}

TEST(JsonConverterTest, ErrorsNameTheProblem) {
  JsonConverter c;
  Status bad = c.Configure(connect::Config(std::map<std::string, std::string>{{"decimal.format", "HEX"}}), false);
  EXPECT_NE(bad.message().find("decimal.format"), std::string::npos);
  EXPECT_NE(bad.message().find("BASE64, NUMERIC"), std::string::npos);

  c = Make({});
  SchemaPtr s;
  Value v;
  Status plain = c.ToConnectData("movies", R"({"movie_id":1})", false, &s, &v);
  EXPECT_NE(plain.message().find("schemas.enable=false"), std::string::npos);
  Status broken = c.ToConnectData("movies", R"({"schema":{"type":"int32"},"payload":)", false, &s, &v);
  EXPECT_NE(broken.message().find("byte offset 37"), std::string::npos) << broken.ToString();

  std::string out;
  Value row = Value::EmptyStruct(MoviesRow());
  Status missing = c.FromConnectData("movies", MoviesRow(), row, &out);
  EXPECT_NE(missing.message().find("movie_id"), std::string::npos) << missing.ToString();
}

}  // namespace
}  // namespace tributary::converters

namespace tributary::converters {
namespace {

TEST(JsonConverterTest, AConversionErrorNamesTheFieldPath) {
  SchemaPtr line = SchemaBuilder::Struct()
                       .Name("line")
                       .Field("sku", data::StringSchema())
                       .Field("qty", data::Int32Schema())
                       .Build();
  SchemaPtr order = SchemaBuilder::Struct()
                        .Name("order")
                        .Field("lines", SchemaBuilder::Array(line).Build())
                        .Build();
  Value good = Value::EmptyStruct(line);
  good.set("sku", Value::String("a"));
  good.set("qty", Value::Int(1));
  Value bad = Value::EmptyStruct(line);
  bad.set("sku", Value::String("b"));
  Value v = Value::EmptyStruct(order);
  v.set("lines", Value::ArrayOf({good, bad}));
  JsonConverter converter;
  ASSERT_TRUE(converter.Configure(connect::Config(), false).ok());
  std::string out;
  Status s = converter.FromConnectData("orders", order, v, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("field 'lines[1].qty'"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace tributary::converters
