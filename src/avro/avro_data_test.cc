#include "avro/avro_data.h"

#include <gtest/gtest.h>

#include "avro/generic_codec.h"
#include "avro/schema_parser.h"

namespace tributary::avro {
namespace {

using data::SchemaBuilder;

data::SchemaPtr MoviesValue(bool with_country) {
  auto b = SchemaBuilder::Struct().Name("db1.sampledatabase.movies.Value");
  b.Field("movie_id", data::Int32Schema())
      .Field("title", data::StringSchema())
      .Field("release_year", data::Int32Schema());
  if (with_country) b.Field("COUNTRY", data::StringSchema());
  b.Field("__op", data::OptionalStringSchema())
      .Field("__source_ts_ms", data::OptionalInt64Schema())
      .Field("__deleted", data::OptionalStringSchema());
  return b.Build();
}

// Version 1 as the seed walkthrough prints it from the AWS Glue registry.
constexpr const char* kWalkthroughV1 = R"({
  "type": "record",
  "name": "Value",
  "namespace": "db1.sampledatabase.movies",
  "fields": [
    {"name": "movie_id", "type": "int"},
    {"name": "title", "type": "string"},
    {"name": "release_year", "type": "int"},
    {"name": "__op", "type": ["null", "string"], "default": null},
    {"name": "__source_ts_ms", "type": ["null", "long"], "default": null},
    {"name": "__deleted", "type": ["null", "string"], "default": null}
  ],
  "connect.name": "db1.sampledatabase.movies.Value"
})";

constexpr const char* kWalkthroughV2 = R"({
  "type": "record",
  "name": "Value",
  "namespace": "db1.sampledatabase.movies",
  "fields": [
    {"name": "movie_id", "type": "int"},
    {"name": "title", "type": "string"},
    {"name": "release_year", "type": "int"},
    {"name": "COUNTRY", "type": "string"},
    {"name": "__op", "type": ["null", "string"], "default": null},
    {"name": "__source_ts_ms", "type": ["null", "long"], "default": null},
    {"name": "__deleted", "type": ["null", "string"], "default": null}
  ],
  "connect.name": "db1.sampledatabase.movies.Value"
})";

std::vector<std::string> TopLevelKeys(const std::string& json) {
  std::vector<std::string> keys;
  Json parsed = Json::parse(json);
  for (const auto& [k, v] : parsed.items()) keys.push_back(k);
  return keys;
}

TEST(AvroDataTest, MoviesSchemasMatchTheWalkthrough) {
  AvroData avro_data;
  for (bool v2 : {false, true}) {
    auto avro = avro_data.FromConnectSchema(MoviesValue(v2));
    ASSERT_TRUE(avro.ok()) << avro.status().ToString();
    std::string compact = ToJson(**avro);
    EXPECT_EQ(Json::parse(compact), Json::parse(v2 ? kWalkthroughV2 : kWalkthroughV1)) << compact;
    EXPECT_EQ(TopLevelKeys(compact),
              (std::vector<std::string>{"type", "name", "namespace", "fields", "connect.name"}));
  }
  EXPECT_EQ(ToJson(**avro_data.FromConnectSchema(MoviesValue(false))),
            R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies","fields":[)"
            R"({"name":"movie_id","type":"int"},{"name":"title","type":"string"},)"
            R"({"name":"release_year","type":"int"},)"
            R"({"name":"__op","type":["null","string"],"default":null},)"
            R"({"name":"__source_ts_ms","type":["null","long"],"default":null},)"
            R"({"name":"__deleted","type":["null","string"],"default":null}],)"
            R"("connect.name":"db1.sampledatabase.movies.Value"})");
}

std::string AvroJsonOf(const data::SchemaPtr& s) {
  auto r = ConnectToAvroSchema(*s);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? ToJson(**r) : "";
}

TEST(AvroDataTest, LogicalAndSemanticTypes) {
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::Decimal(2).Build()),
            R"({"type":"bytes","scale":2,"precision":64,"connect.version":1,)"
            R"("connect.parameters":{"scale":"2"},"connect.name":"org.apache.kafka.connect.data.Decimal",)"
            R"("logicalType":"decimal"})");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::Decimal(3).Parameter("connect.decimal.precision", "10").Build()),
            R"({"type":"bytes","scale":3,"precision":10,"connect.version":1,)"
            R"("connect.parameters":{"scale":"3","connect.decimal.precision":"10"},)"
            R"("connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"})");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::Date().Build()),
            R"({"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Date","logicalType":"date"})");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::Time().Build()),
            R"({"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Time","logicalType":"time-millis"})");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::Timestamp().Build()),
            R"({"type":"long","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Timestamp","logicalType":"timestamp-millis"})");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::Int8().Build()), R"({"type":"int","connect.type":"int8"})");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::Int16().Optional().Build()),
            R"(["null",{"type":"int","connect.type":"int16"}])");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::Int64().Name("io.debezium.time.MicroTimestamp").Version(1).Build()),
            R"({"type":"long","connect.version":1,"connect.name":"io.debezium.time.MicroTimestamp"})");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::String().Optional().Name("io.debezium.data.Enum").Version(1)
                           .Parameter("allowed", "a,b").Build()),
            R"(["null",{"type":"string","connect.version":1,"connect.parameters":{"allowed":"a,b"},)"
            R"("connect.name":"io.debezium.data.Enum"}])");
  EXPECT_EQ(AvroJsonOf(SchemaBuilder::String().Doc("hi").Build()), R"({"type":"string","connect.doc":"hi"})");
}

TEST(AvroDataTest, DefaultsUnnamedStructsMapsAndReuse) {
  auto with_default = SchemaBuilder::Struct()
                          .Field("s", SchemaBuilder::String().Optional().Default(data::Value::String("x")).Build())
                          .Field("n", SchemaBuilder::Int32().Default(data::Value::Int(5)).Build())
                          .Build();
  EXPECT_EQ(AvroJsonOf(with_default),
            R"({"type":"record","name":"ConnectDefault","namespace":"io.confluent.connect.avro","fields":[)"
            R"({"name":"s","type":[{"type":"string","connect.default":"x"},"null"],"default":"x"},)"
            R"({"name":"n","type":{"type":"int","connect.default":5},"default":5}]})");

  auto map = SchemaBuilder::Struct().Name("m.R")
                 .Field("by_id", SchemaBuilder::Map(data::Int32Schema(), data::StringSchema()).Build())
                 .Field("by_name", SchemaBuilder::Map(data::StringSchema(), data::Int64Schema()).Build())
                 .Build();
  EXPECT_EQ(AvroJsonOf(map),
            R"({"type":"record","name":"R","namespace":"m","fields":[)"
            R"({"name":"by_id","type":{"type":"array","items":{"type":"record","name":"MapEntry",)"
            R"("namespace":"io.confluent.connect.avro","fields":[{"name":"key","type":"int"},{"name":"value","type":"string"}]}}},)"
            R"({"name":"by_name","type":{"type":"map","values":"long"}}],"connect.name":"m.R"})");

  // Debezium's envelope: before and after share the Value schema; the second is a reference.
  auto value = SchemaBuilder::Struct().Name("db.t.Value").Optional().Field("id", data::Int32Schema()).Build();
  auto envelope = SchemaBuilder::Struct().Name("db.t.Envelope").Version(2)
                      .Field("before", value).Field("after", value)
                      .Field("op", data::StringSchema()).Build();
  EXPECT_EQ(AvroJsonOf(envelope),
            R"({"type":"record","name":"Envelope","namespace":"db.t","fields":[)"
            R"({"name":"before","type":["null",{"type":"record","name":"Value","fields":[{"name":"id","type":"int"}],)"
            R"("connect.name":"db.t.Value"}],"default":null},)"
            R"({"name":"after","type":["null","Value"],"default":null},)"
            R"({"name":"op","type":"string"}],"connect.version":2,"connect.name":"db.t.Envelope"})");
}

TEST(AvroDataTest, FlavorsNameUnnamedStructsDifferently) {
  auto inner = SchemaBuilder::Struct().Field("a", data::Int32Schema()).Build();
  auto outer = SchemaBuilder::Struct().Field("x", inner).Field("y", data::StringSchema()).Build();
  auto confluent = ConnectToAvroSchema(*outer);
  ASSERT_TRUE(confluent.ok()) << confluent.status().ToString();
  EXPECT_EQ((*confluent)->full_name(), "io.confluent.connect.avro.ConnectDefault");
  EXPECT_EQ((*confluent)->field("x")->schema().full_name(), "io.confluent.connect.avro.ConnectDefault2");
  AvroDataConfig glue;
  glue.flavor = AvroDataConfig::Flavor::kAwsGlue;
  // Glue's copy names both ConnectDefault, which Avro rejects as a redefinition.
  EXPECT_FALSE(ConnectToAvroSchema(*outer, glue).ok());
  auto fixed = SchemaBuilder::Bytes().Name("x.Md5").Parameter("connect.fixed.size", "16").Build();
  EXPECT_EQ((*ConnectToAvroSchema(*fixed))->type(), Type::kFixed);
  EXPECT_EQ((*ConnectToAvroSchema(*fixed, glue))->type(), Type::kBytes);
}

TEST(AvroDataTest, ToConnectSchemaInvertsFromConnect) {
  auto decimal = SchemaBuilder::Decimal(2).Optional().Build();
  auto s = SchemaBuilder::Struct().Name("db1.sampledatabase.movies.Value")
               .Field("id", data::Int32Schema())
               .Field("tiny", data::Int8Schema())
               .Field("price", decimal)
               .Field("day", SchemaBuilder::Date().Build())
               .Field("ts", SchemaBuilder::Timestamp().Optional().Build())
               .Field("tags", SchemaBuilder::Array(data::StringSchema()).Build())
               .Field("attrs", SchemaBuilder::Map(data::StringSchema(), data::OptionalFloat64Schema()).Build())
               .Field("__op", data::OptionalStringSchema())
               .Build();
  AvroData avro_data;
  auto avro = avro_data.FromConnectSchema(s);
  ASSERT_TRUE(avro.ok()) << avro.status().ToString();
  auto back = avro_data.ToConnectSchema(*avro);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->Equals(*s)) << (*back)->DebugString() << " vs " << s->DebugString();
}

TEST(AvroDataTest, ToConnectSchemaOfPlainAvro) {
  auto avro = ParseSchema(R"({"type":"record","name":"ns.R","doc":"a record","fields":[
      {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"]}},
      {"name":"u","type":["null","int","string"]},
      {"name":"f","type":{"type":"fixed","name":"F","size":2}},
      {"name":"d","type":"string","default":"x","doc":"field doc"}]})");
  ASSERT_TRUE(avro.ok());
  auto c = AvroToConnectSchema(**avro);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const data::Schema& r = **c;
  EXPECT_EQ(*r.name(), "ns.R");
  EXPECT_EQ(*r.parameter("io.confluent.connect.avro.record.doc"), "a record");
  EXPECT_EQ(*r.parameter("io.confluent.connect.avro.field.doc.d"), "field doc");
  const data::Schema& e = *r.field("e")->schema;
  EXPECT_EQ(e.type(), data::Type::kString);
  EXPECT_EQ(*e.parameter("io.confluent.connect.avro.Enum"), "ns.Color");
  EXPECT_EQ(*e.parameter("io.confluent.connect.avro.Enum.GREEN"), "GREEN");
  const data::Schema& u = *r.field("u")->schema;
  EXPECT_EQ(*u.name(), "io.confluent.connect.avro.Union");
  EXPECT_TRUE(u.optional());
  EXPECT_EQ(u.fields()[0].name, "int");
  EXPECT_EQ(u.fields()[1].name, "string");
  EXPECT_EQ(*r.field("f")->schema->parameter("connect.fixed.size"), "2");
  EXPECT_EQ(*r.field("f")->schema->name(), "ns.F");
  const data::Schema& d = *r.field("d")->schema;
  ASSERT_NE(d.default_value(), nullptr);
  EXPECT_EQ(d.default_value()->as_string(), "x");
  EXPECT_EQ(*d.parameter("io.confluent.connect.avro.field.default"), "true");

  auto recursive = ParseSchema(R"({"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]})");
  EXPECT_EQ(AvroToConnectSchema(**recursive).status().code(), StatusCode::kNotSupported);
}

TEST(AvroDataTest, FastPathMatchesTheGenericEncoderAndRoundTrips) {
  auto s = SchemaBuilder::Struct().Name("t.Row")
               .Field("id", data::Int32Schema())
               .Field("small", data::Int16Schema())
               .Field("big", data::Int64Schema())
               .Field("f", data::Float32Schema())
               .Field("d", data::OptionalFloat64Schema())
               .Field("ok", data::BooleanSchema())
               .Field("name", data::OptionalStringSchema())
               .Field("raw", data::BytesSchema())
               .Field("price", SchemaBuilder::Decimal(2).Build())
               .Field("tags", SchemaBuilder::Array(data::OptionalStringSchema()).Build())
               .Field("kv", SchemaBuilder::Map(data::Int32Schema(), data::StringSchema()).Build())
               .Field("fallback", SchemaBuilder::String().Default(data::Value::String("dflt")).Build())
               .Build();
  data::Value v = data::Value::EmptyStruct(s);
  v.set("id", data::Value::Int(42));
  v.set("small", data::Value::Int(-3));
  v.set("big", data::Value::Int(int64_t{1} << 40));
  v.set("f", data::Value::Double(1.5));
  v.set("ok", data::Value::Bool(true));
  v.set("name", data::Value::String("Heat"));
  v.set("raw", data::Value::BytesOf(std::string("\0\1", 2)));
  v.set("price", data::Value::BytesOf("\x04\xd2"));
  v.set("tags", data::Value::ArrayOf({data::Value::String("a"), data::Value()}));
  v.set("kv", data::Value::MapOf({{data::Value::Int(1), data::Value::String("one")}}));

  AvroData avro_data;
  std::string fast;
  ASSERT_TRUE(avro_data.EncodeConnectValue(s, v, &fast).ok());
  auto avro = *avro_data.FromConnectSchema(s);
  auto generic = DecodeDatum(*avro, fast);
  ASSERT_TRUE(generic.ok()) << generic.status().ToString();
  Json plain = DatumToPlainJson(*avro, *generic);
  EXPECT_EQ(plain["id"], 42);
  EXPECT_EQ(plain["small"], -3);
  EXPECT_EQ(plain["d"], nullptr);
  EXPECT_EQ(plain["name"], "Heat");
  EXPECT_EQ(plain["kv"][0]["key"], 1);
  EXPECT_EQ(plain["fallback"], "dflt");

  data::Value back;
  data::SchemaPtr back_schema;
  ASSERT_TRUE(avro_data.DecodeToConnect(avro, fast, &back, &back_schema).ok());
  EXPECT_EQ(back.field("big")->as_int(), int64_t{1} << 40);
  EXPECT_EQ(back.field("price")->as_bytes(), "\x04\xd2");
  EXPECT_EQ(back.field("kv")->as_map()[0].second.as_string(), "one");
  EXPECT_EQ(back.field("fallback")->as_string(), "dflt");
  EXPECT_TRUE(back.field("d")->is_null());
  std::string again;
  ASSERT_TRUE(avro_data.EncodeConnectValue(back_schema, back, &again).ok());
  EXPECT_EQ(again, fast);

  data::Value bad = v;
  bad.set("title_missing_is_fine", data::Value());
  bad.set("id", data::Value::String("x"));
  std::string out;
  Status st = avro_data.EncodeConnectValue(s, bad, &out);
  EXPECT_EQ(st.message(), "Connect value at /id: a string value does not fit Connect type int32");
  bad.set("id", data::Value());
  st = avro_data.EncodeConnectValue(s, bad, &out);
  EXPECT_EQ(st.message(), "Connect value at /id: null value for a required int32");
}

TEST(AvroDataTest, GenericValuesAndResolvedDecoding) {
  AvroData avro_data;
  auto v1 = MoviesValue(false);
  data::Value row = data::Value::EmptyStruct(v1);
  row.set("movie_id", data::Value::Int(7));
  row.set("title", data::Value::String("Heat"));
  row.set("release_year", data::Value::Int(1995));
  auto datum = avro_data.FromConnectValue(v1, row);
  ASSERT_TRUE(datum.ok()) << datum.status().ToString();
  EXPECT_EQ(datum->items()[1], Datum::String("Heat"));
  EXPECT_EQ(datum->items()[3], Datum::Null().set_branch(0));
  auto writer = *avro_data.FromConnectSchema(v1);
  auto back = avro_data.ToConnectValue(writer, *datum);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->field("title")->as_string(), "Heat");

  // Version 1 data read as version 2 (COUNTRY with a default) gets the default.
  auto v2_avro = *ParseSchema(R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies",
      "fields":[{"name":"movie_id","type":"int"},{"name":"COUNTRY","type":"string","default":"unknown"},
      {"name":"title","type":"string"}]})");
  std::string bytes;
  ASSERT_TRUE(avro_data.EncodeConnectValue(v1, row, &bytes).ok());
  data::Value projected;
  data::SchemaPtr projected_schema;
  ASSERT_TRUE(avro_data.DecodeToConnect(writer, v2_avro, bytes, &projected, &projected_schema).ok());
  EXPECT_EQ(projected.field("COUNTRY")->as_string(), "unknown");
  EXPECT_EQ(projected.field("movie_id")->as_int(), 7);
  EXPECT_EQ(projected_schema->fields().size(), 3u);
}

TEST(AvroDataTest, CacheReturnsTheSameAvroSchema) {
  AvroData avro_data;
  auto s = MoviesValue(false);
  auto a1 = avro_data.FromConnectSchema(s);
  auto a2 = avro_data.FromConnectSchema(*s);
  ASSERT_TRUE(a1.ok() && a2.ok());
  EXPECT_EQ(a1->get(), a2->get());
}

}  // namespace
}  // namespace tributary::avro
