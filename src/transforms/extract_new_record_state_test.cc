// ExtractNewRecordState against Debezium's behaviour. Expected outputs for the
// delete.tombstone.handling.mode configurations were produced by Debezium 3.0.8's own
// ExtractNewRecordState on the same records, rendered by Kafka 4.1.1's JsonConverter. The seed
// configuration follows the walkthrough's registry schema (Debezium 1.x field order).
#include "transforms/extract_new_record_state.h"

#include <gtest/gtest.h>

#include "converters/json_converter.h"

namespace tributary::transforms {
namespace {

using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;

struct Movies {
  SchemaPtr row = SchemaBuilder::Struct()
                      .Name("db1.sampledatabase.movies.Value")
                      .Field("movie_id", data::Int32Schema())
                      .Field("title", data::StringSchema())
                      .Field("release_year", data::Int32Schema())
                      .Optional()
                      .Build();
  SchemaPtr source = SchemaBuilder::Struct()
                         .Name("io.debezium.connector.mysql.Source")
                         .Field("version", data::StringSchema())
                         .Field("connector", data::StringSchema())
                         .Field("name", data::StringSchema())
                         .Field("ts_ms", data::Int64Schema())
                         .Field("db", data::StringSchema())
                         .Field("table", data::OptionalStringSchema())
                         .Field("file", data::StringSchema())
                         .Field("pos", data::Int64Schema())
                         .Build();
  SchemaPtr txn = SchemaBuilder::Struct()
                      .Name("event.block")
                      .Version(1)
                      .Field("id", data::StringSchema())
                      .Field("total_order", data::Int64Schema())
                      .Field("data_collection_order", data::Int64Schema())
                      .Optional()
                      .Build();
  SchemaPtr envelope = SchemaBuilder::Struct()
                           .Name("db1.sampledatabase.movies.Envelope")
                           .Version(2)
                           .Field("before", row)
                           .Field("after", row)
                           .Field("source", source)
                           .Field("transaction", txn)
                           .Field("op", data::StringSchema())
                           .Field("ts_ms", data::OptionalInt64Schema())
                           .Build();
  SchemaPtr key = SchemaBuilder::Struct()
                      .Name("db1.sampledatabase.movies.Key")
                      .Field("movie_id", data::Int32Schema())
                      .Build();

  Value Movie(int id, const char* title, int year) const {
    Value v = Value::EmptyStruct(row);
    v.set("movie_id", Value::Int(id));
    v.set("title", Value::String(title));
    v.set("release_year", Value::Int(year));
    return v;
  }
  data::Record Change(const char* op, Value before, Value after, int id) const {
    Value src = Value::EmptyStruct(source);
    src.set("version", Value::String("3.0.8.Final"));
    src.set("connector", Value::String("mysql"));
    src.set("name", Value::String("db1"));
    src.set("ts_ms", Value::Int(1700000000000 + id));
    src.set("db", Value::String("sampledatabase"));
    src.set("table", Value::String("movies"));
    src.set("file", Value::String("binlog.000001"));
    src.set("pos", Value::Int(1234));
    Value e = Value::EmptyStruct(envelope);
    e.set("before", std::move(before));
    e.set("after", std::move(after));
    e.set("source", std::move(src));
    e.set("op", Value::String(op));
    e.set("ts_ms", Value::Int(1700000000500 + id));
    data::Record r = Tombstone(id);
    r.value_schema = envelope;
    r.value = std::move(e);
    return r;
  }
  data::Record Tombstone(int id) const {
    data::Record r;
    r.topic = "db1.sampledatabase.movies";
    r.key_schema = key;
    r.key = Value::EmptyStruct(key);
    r.key.set("movie_id", Value::Int(id));
    r.timestamp_ms = 1700000000999;
    return r;
  }
  // The walkthrough's sequence: snapshot read, insert, update, delete, tombstone.
  std::vector<data::Record> Sequence() const {
    std::vector<data::Record> v;
    v.push_back(Change("r", Value(), Movie(1, "Heat", 1995), 1));
    v.push_back(Change("c", Value(), Movie(2, "Alien", 1979), 2));
    v.push_back(Change("u", Movie(2, "Alien", 1979), Movie(2, "Aliens", 1986), 2));
    v.push_back(Change("d", Movie(2, "Aliens", 1986), Value(), 2));
    v.push_back(Tombstone(2));
    return v;
  }
};

struct Expected {
  std::string topic;  // "DROPPED" when the record must be dropped
  std::string json;   // JsonConverter bytes of the value ("<null>" for no bytes)
  std::string headers;
};

void Check(const std::map<std::string, std::string>& config, const std::vector<Expected>& expected) {
  Movies m;
  ExtractNewRecordState t;
  ASSERT_TRUE(t.Configure(connect::Config(config)).ok());
  converters::JsonConverter json;
  ASSERT_TRUE(json.Configure(connect::Config(), false).ok());
  auto records = m.Sequence();
  ASSERT_EQ(records.size(), expected.size());
  for (int pass = 0; pass < 2; ++pass) {  // the second pass runs from the schema cache
    records = m.Sequence();
    for (size_t i = 0; i < records.size(); ++i) {
      SCOPED_TRACE(i);
      bool keep = true;
      ASSERT_TRUE(t.Apply(records[i], &keep).ok());
      if (expected[i].topic == "DROPPED") {
        EXPECT_FALSE(keep);
        continue;
      }
      ASSERT_TRUE(keep);
      EXPECT_EQ(records[i].topic, expected[i].topic);
      std::string bytes;
      ASSERT_TRUE(json.FromConnectData(records[i].topic, records[i].value_schema, records[i].value, &bytes).ok());
      EXPECT_EQ(bytes.empty() ? "<null>" : bytes, expected[i].json);
      std::string headers;
      for (const auto& h : records[i].headers)
        headers += h.key + "=" + h.value.as_string() + ":" +
                   (data::TypeName(h.schema->type()) == "string" ? "STRING" : "?") +
                   (h.schema->optional() ? "?" : "") + ";";
      EXPECT_EQ(headers, expected[i].headers);
    }
  }
}

TEST(ExtractNewRecordStateTest, DeleteTombstoneHandlingRewriteWithFieldsAndHeaders) {
  Check({{"delete.tombstone.handling.mode", "rewrite"},
         {"add.fields", "op,source.ts_ms,table:TBL,id"},
         {"add.headers", "op,db,source.name:src"}},
        {
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"},{"type":"string","optional":true,"field":"__deleted"},{"type":"string","optional":true,"field":"__op"},{"type":"int64","optional":true,"field":"__source_ts_ms"},{"type":"string","optional":true,"field":"__TBL"},{"type":"string","optional":true,"field":"__id"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":1,"title":"Heat","release_year":1995,"__deleted":"false","__op":"r","__source_ts_ms":1700000000001,"__TBL":"movies","__id":null}})json", "__op=r:STRING?;__db=sampledatabase:STRING?;__src=db1:STRING?;"},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"},{"type":"string","optional":true,"field":"__deleted"},{"type":"string","optional":true,"field":"__op"},{"type":"int64","optional":true,"field":"__source_ts_ms"},{"type":"string","optional":true,"field":"__TBL"},{"type":"string","optional":true,"field":"__id"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Alien","release_year":1979,"__deleted":"false","__op":"c","__source_ts_ms":1700000000002,"__TBL":"movies","__id":null}})json", "__op=c:STRING?;__db=sampledatabase:STRING?;__src=db1:STRING?;"},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"},{"type":"string","optional":true,"field":"__deleted"},{"type":"string","optional":true,"field":"__op"},{"type":"int64","optional":true,"field":"__source_ts_ms"},{"type":"string","optional":true,"field":"__TBL"},{"type":"string","optional":true,"field":"__id"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Aliens","release_year":1986,"__deleted":"false","__op":"u","__source_ts_ms":1700000000002,"__TBL":"movies","__id":null}})json", "__op=u:STRING?;__db=sampledatabase:STRING?;__src=db1:STRING?;"},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"},{"type":"string","optional":true,"field":"__deleted"},{"type":"string","optional":true,"field":"__op"},{"type":"int64","optional":true,"field":"__source_ts_ms"},{"type":"string","optional":true,"field":"__TBL"},{"type":"string","optional":true,"field":"__id"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Aliens","release_year":1986,"__deleted":"true","__op":"d","__source_ts_ms":1700000000002,"__TBL":"movies","__id":null}})json", "__op=d:STRING?;__db=sampledatabase:STRING?;__src=db1:STRING?;"},
      {"DROPPED", "", ""}
        });
}

TEST(ExtractNewRecordStateTest, DeleteTombstoneHandlingTombstone) {
  Check({{"delete.tombstone.handling.mode", "tombstone"}}, {
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":1,"title":"Heat","release_year":1995}})json", ""},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Alien","release_year":1979}})json", ""},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Aliens","release_year":1986}})json", ""},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"}],"optional":true,"name":"db1.sampledatabase.movies.Value"},"payload":null})json", ""},
      {"DROPPED", "", ""}
  });
}

TEST(ExtractNewRecordStateTest, RewriteWithTombstonePrefixAndRouting) {
  Check({{"delete.tombstone.handling.mode", "rewrite-with-tombstone"},
         {"add.fields.prefix", "_x_"},
         {"add.fields", "ts_ms"},
         {"route.by.field", "title"}},
        {
      {"Heat", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"},{"type":"string","optional":true,"field":"__deleted"},{"type":"int64","optional":true,"field":"_x_ts_ms"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":1,"title":"Heat","release_year":1995,"__deleted":"false","_x_ts_ms":1700000000501}})json", ""},
      {"Alien", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"},{"type":"string","optional":true,"field":"__deleted"},{"type":"int64","optional":true,"field":"_x_ts_ms"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Alien","release_year":1979,"__deleted":"false","_x_ts_ms":1700000000502}})json", ""},
      {"Aliens", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"},{"type":"string","optional":true,"field":"__deleted"},{"type":"int64","optional":true,"field":"_x_ts_ms"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Aliens","release_year":1986,"__deleted":"false","_x_ts_ms":1700000000502}})json", ""},
      {"Aliens", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"},{"type":"string","optional":true,"field":"__deleted"},{"type":"int64","optional":true,"field":"_x_ts_ms"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Aliens","release_year":1986,"__deleted":"true","_x_ts_ms":1700000000502}})json", ""},
      {"db1.sampledatabase.movies", R"json(<null>)json", ""}
        });
}

TEST(ExtractNewRecordStateTest, LegacyNoneKeepsDeletesAsNullValues) {
  Check({{"delete.handling.mode", "none"}}, {
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":1,"title":"Heat","release_year":1995}})json", ""},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Alien","release_year":1979}})json", ""},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"}],"optional":false,"name":"db1.sampledatabase.movies.Value"},"payload":{"movie_id":2,"title":"Aliens","release_year":1986}})json", ""},
      {"db1.sampledatabase.movies", R"json({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},{"type":"string","optional":false,"field":"title"},{"type":"int32","optional":false,"field":"release_year"}],"optional":true,"name":"db1.sampledatabase.movies.Value"},"payload":null})json", ""},
      {"DROPPED", "", ""}
  });
}

// The walkthrough's connector: drop.tombstones=false, delete.handling.mode=rewrite,
// add.fields=op,source.ts_ms. Its registry shows the value schema as movie_id, title,
// release_year, __op, __source_ts_ms, __deleted, named db1.sampledatabase.movies.Value.
TEST(ExtractNewRecordStateTest, SeedConfigurationGivesTheWalkthroughSchema) {
  const std::string schema =
      R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"movie_id"},)"
      R"({"type":"string","optional":false,"field":"title"},)"
      R"({"type":"int32","optional":false,"field":"release_year"},)"
      R"({"type":"string","optional":true,"field":"__op"},)"
      R"({"type":"int64","optional":true,"field":"__source_ts_ms"},)"
      R"({"type":"string","optional":true,"field":"__deleted"}],)"
      R"("optional":false,"name":"db1.sampledatabase.movies.Value"})";
  auto row = [&](const char* payload) {
    return R"({"schema":)" + schema + R"(,"payload":)" + payload + "}";
  };
  const std::string topic = "db1.sampledatabase.movies";
  Check({{"drop.tombstones", "false"},
         {"delete.handling.mode", "rewrite"},
         {"add.fields", "op,source.ts_ms"}},
        {
            {topic, row(R"({"movie_id":1,"title":"Heat","release_year":1995,"__op":"r","__source_ts_ms":1700000000001,"__deleted":"false"})"), ""},
            {topic, row(R"({"movie_id":2,"title":"Alien","release_year":1979,"__op":"c","__source_ts_ms":1700000000002,"__deleted":"false"})"), ""},
            {topic, row(R"({"movie_id":2,"title":"Aliens","release_year":1986,"__op":"u","__source_ts_ms":1700000000002,"__deleted":"false"})"), ""},
            {topic, row(R"({"movie_id":2,"title":"Aliens","release_year":1986,"__op":"d","__source_ts_ms":1700000000002,"__deleted":"true"})"), ""},
            {topic, "<null>", ""},  // drop.tombstones=false keeps the tombstone
        });
}

TEST(ExtractNewRecordStateTest, DerivedSchemaIsBuiltOncePerInputSchema) {
  Movies m;
  ExtractNewRecordState t;
  ASSERT_TRUE(t.Configure(connect::Config(std::map<std::string, std::string>{
                              {"delete.handling.mode", "rewrite"}, {"add.fields", "op,source.ts_ms"}}))
                  .ok());
  auto a = m.Change("c", Value(), m.Movie(1, "A", 2000), 1);
  auto b = m.Change("u", m.Movie(1, "A", 2000), m.Movie(1, "B", 2001), 1);
  bool keep = false;
  ASSERT_TRUE(t.Apply(a, &keep).ok());
  ASSERT_TRUE(t.Apply(b, &keep).ok());
  EXPECT_EQ(a.value_schema.get(), b.value_schema.get());
}

TEST(ExtractNewRecordStateTest, DropTombstonesDefaultsToTrueAndNonEnvelopesPassThrough) {
  Movies m;
  ExtractNewRecordState t;
  ASSERT_TRUE(t.Configure(connect::Config(std::map<std::string, std::string>{
                              {"delete.handling.mode", "rewrite"}}))
                  .ok());
  auto tomb = m.Tombstone(3);
  bool keep = true;
  ASSERT_TRUE(t.Apply(tomb, &keep).ok());
  EXPECT_FALSE(keep);

  data::Record plain;
  plain.topic = "heartbeat";
  plain.value_schema = m.row;
  plain.value = m.Movie(1, "x", 1);
  ASSERT_TRUE(t.Apply(plain, &keep).ok());
  EXPECT_TRUE(keep);
  EXPECT_EQ(plain.value_schema, m.row);
}

TEST(ExtractNewRecordStateTest, DeleteToTombstoneDropsSchemaToo) {
  Movies m;
  ExtractNewRecordState t;
  ASSERT_TRUE(t.Configure(connect::Config(std::map<std::string, std::string>{
                              {"delete.tombstone.handling.mode", "delete-to-tombstone"}}))
                  .ok());
  auto records = m.Sequence();
  bool keep = false;
  ASSERT_TRUE(t.Apply(records[3], &keep).ok());
  EXPECT_TRUE(keep);
  EXPECT_EQ(records[3].value_schema, nullptr);
  EXPECT_TRUE(records[3].value.is_null());
  ASSERT_TRUE(t.Apply(records[4], &keep).ok());
  EXPECT_FALSE(keep);
}

TEST(ExtractNewRecordStateTest, DropsFieldsNamedByAHeader) {
  Movies m;
  SchemaPtr row = SchemaBuilder::Struct()
                      .Name("t.Value")
                      .Field("id", data::Int32Schema())
                      .Field("secret", data::OptionalStringSchema())
                      .Field("required_secret", data::StringSchema())
                      .Optional()
                      .Build();
  SchemaPtr env = SchemaBuilder::Struct()
                      .Name("t.Envelope")
                      .Field("before", row)
                      .Field("after", row)
                      .Field("source", m.source)
                      .Field("op", data::StringSchema())
                      .Build();
  auto make = [&] {
    Value after = Value::EmptyStruct(row);
    after.set("id", Value::Int(1));
    after.set("secret", Value::String("s"));
    after.set("required_secret", Value::String("r"));
    Value e = Value::EmptyStruct(env);
    e.set("after", after);
    e.set("source", Value::EmptyStruct(m.source));
    e.set("op", Value::String("c"));
    data::Record r;
    r.value_schema = env;
    r.value = e;
    r.headers.push_back({"drop", nullptr, Value::ArrayOf({Value::String("secret"), Value::String("required_secret")})});
    return r;
  };
  for (bool compatible : {true, false}) {
    ExtractNewRecordState t;
    ASSERT_TRUE(t.Configure(connect::Config(std::map<std::string, std::string>{
                                {"drop.fields.header.name", "drop"},
                                {"drop.fields.keep.schema.compatible", compatible ? "true" : "false"}}))
                    .ok());
    auto r = make();
    bool keep = false;
    ASSERT_TRUE(t.Apply(r, &keep).ok());
    EXPECT_EQ(r.value_schema->field("secret"), nullptr);
    EXPECT_EQ(r.value_schema->field("required_secret") != nullptr, compatible);
    EXPECT_EQ(r.value.field("id")->as_int(), 1);
  }
}

TEST(ExtractNewRecordStateTest, BadModeNamesKeyAndAllowedValues) {
  ExtractNewRecordState t;
  Status s = t.Configure(connect::Config(std::map<std::string, std::string>{
      {"delete.tombstone.handling.mode", "erase"}}));
  EXPECT_NE(s.message().find("delete.tombstone.handling.mode"), std::string::npos);
  EXPECT_NE(s.message().find("rewrite-with-tombstone"), std::string::npos);
  s = t.Configure(connect::Config(std::map<std::string, std::string>{{"delete.handling.mode", "keep"}}));
  EXPECT_NE(s.message().find("delete.handling.mode"), std::string::npos);
  EXPECT_NE(s.message().find("drop, rewrite, none"), std::string::npos);
  s = t.Configure(connect::Config(std::map<std::string, std::string>{{"drop.tombstones", "maybe"}}));
  EXPECT_NE(s.message().find("drop.tombstones"), std::string::npos);
}

}  // namespace
}  // namespace tributary::transforms
