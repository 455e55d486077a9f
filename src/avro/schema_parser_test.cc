#include "avro/schema_parser.h"

#include <gtest/gtest.h>

namespace tributary::avro {
namespace {

SchemaPtr MustParse(std::string_view json) {
  auto r = ParseSchema(json);
  EXPECT_TRUE(r.ok()) << r.status().ToString() << " for " << json;
  return r.ok() ? *r : nullptr;
}

std::string ParseError(std::string_view json) {
  auto r = ParseSchema(json);
  EXPECT_FALSE(r.ok()) << "accepted " << json;
  return r.ok() ? "" : r.status().message();
}

// Vectors of the specification's Parsing Canonical Form test suite (share/test/data).
struct CanonicalCase {
  const char* input;
  const char* canonical;
  int64_t fingerprint;  // 0: not given
};

TEST(SchemaParserTest, CanonicalFormAndFingerprintMatchSpecVectors) {
  const CanonicalCase cases[] = {
      {R"("null")", R"("null")", 7195948357588979594},
      {R"({"type":"null"})", R"("null")", 0},
      {R"("boolean")", R"("boolean")", -6970731678124411036},
      {R"("int")", R"("int")", 8247732601305521295},
      {R"({"type":"int"})", R"("int")", 0},
      {R"("long")", R"("long")", -3434872931120570953},
      {R"("float")", R"("float")", 5583340709985441680},
      {R"("double")", R"("double")", -8181574048448539266},
      {R"("bytes")", R"("bytes")", 5746618253357095269},
      {R"("string")", R"("string")", -8142146995180207161},
      {R"([  ])", R"([])", -1241056759729112623},
      {R"([ "int"  ])", R"(["int"])", -5232228896498058493},
      {R"([ "int" , {"type":"boolean"} ])", R"(["int","boolean"])", 5392556393470105090},
      {R"({"fields":[], "type":"record", "name":"foo"})",
       R"({"name":"foo","type":"record","fields":[]})", -4824392279771201922},
      {R"({"fields":[], "type":"record", "name":"foo", "namespace":"x.y"})",
       R"({"name":"x.y.foo","type":"record","fields":[]})", 5916914534497305771},
      {R"({"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"})",
       R"({"name":"a.b.foo","type":"record","fields":[]})", -4616218487480524110},
      {R"({"fields":[], "type":"record", "name":"foo", "doc":"foo", "aliases":["foo","bar"]})",
       R"({"name":"foo","type":"record","fields":[]})", -4824392279771201922},
      {R"({"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"})",
       R"({"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]})",
       7843277075252814651},
      {R"({"type":"enum", "name":"foo", "symbols":["A1"]})",
       R"({"name":"foo","type":"enum","symbols":["A1"]})", -6342190197741309591},
      {R"({"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]})",
       R"({"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]})", -4448647247586288245},
      {R"({"name":"foo","type":"fixed","size":15})", R"({"name":"foo","type":"fixed","size":15})",
       1756455273707447556},
      {R"({"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32})",
       R"({"name":"x.y.z.foo","type":"fixed","size":32})", -3064184465700546786},
      {R"({ "items":{"type":"null"}, "type":"array"})", R"({"type":"array","items":"null"})",
       -589620603366471059},
      {R"({ "values":"string", "type":"map"})", R"({"type":"map","values":"string"})",
       -8732877298790414990},
      {R"({"name":"PigValue","type":"record",
           "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]})",
       R"({"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]})",
       -1759257747318642341},
  };
  for (const auto& c : cases) {
    SchemaPtr s = MustParse(c.input);
    ASSERT_TRUE(s) << c.input;
    EXPECT_EQ(CanonicalForm(*s), c.canonical) << c.input;
    if (c.fingerprint != 0) {
      EXPECT_EQ(static_cast<int64_t>(Fingerprint64(*s)), c.fingerprint) << c.input;
    }
  }
}

TEST(SchemaParserTest, FullFormKeepsPropertiesAndOrder) {
  const std::string json =
      R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies","fields":[)"
      R"({"name":"movie_id","type":"int"},)"
      R"({"name":"price","type":{"type":"bytes","scale":2,"precision":10,"connect.version":1,)"
      R"("connect.parameters":{"scale":"2","connect.decimal.precision":"10"},)"
      R"("connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"}},)"
      R"({"name":"__op","type":["null","string"],"default":null}],)"
      R"("connect.name":"db1.sampledatabase.movies.Value"})";
  SchemaPtr s = MustParse(json);
  ASSERT_TRUE(s);
  EXPECT_EQ(ToJson(*s), json);
  EXPECT_EQ(s->full_name(), "db1.sampledatabase.movies.Value");
  const Schema& price = s->field("price")->schema();
  EXPECT_EQ(price.logical_type(), LogicalType::kDecimal);
  EXPECT_EQ(price.precision(), 10);
  EXPECT_EQ(price.scale(), 2);
  ASSERT_NE(price.property("connect.parameters"), nullptr);
  EXPECT_EQ(price.property("connect.parameters")->begin().key(), "scale");
  const Field* op = s->field("__op");
  ASSERT_TRUE(op->has_default());
  EXPECT_TRUE(op->default_value->is_null());
  EXPECT_EQ(op->schema().null_branch(), 0);
  EXPECT_EQ(s->property("connect.name")->get<std::string>(), "db1.sampledatabase.movies.Value");
}

TEST(SchemaParserTest, NestedNamesAreRelativeAndReferencesReuseTheNode) {
  SchemaPtr s = MustParse(R"({"type":"record","name":"a.Outer","fields":[
      {"name":"x","type":{"type":"fixed","name":"Md5","size":16,"aliases":["Hash","b.Old"]}},
      {"name":"y","type":"Md5"},
      {"name":"z","type":"a.Md5"},
      {"name":"e","type":{"type":"enum","name":"E","namespace":"c","symbols":["A","B"],"default":"B"}},
      {"name":"e2","type":"c.E","default":"A"}]})");
  ASSERT_TRUE(s);
  const Schema& md5 = s->field("x")->schema();
  EXPECT_EQ(md5.full_name(), "a.Md5");
  EXPECT_EQ(&md5, &s->field("y")->schema());
  EXPECT_EQ(&md5, &s->field("z")->schema());
  EXPECT_EQ(md5.aliases(), (std::vector<std::string>{"a.Hash", "b.Old"}));
  EXPECT_EQ(s->field("e")->schema().enum_default(), "B");
  EXPECT_EQ(ToJson(*s),
            R"({"type":"record","name":"Outer","namespace":"a","fields":[)"
            R"({"name":"x","type":{"type":"fixed","name":"Md5","size":16,"aliases":["Hash","b.Old"]}},)"
            R"({"name":"y","type":"Md5"},{"name":"z","type":"Md5"},)"
            R"({"name":"e","type":{"type":"enum","name":"E","namespace":"c","symbols":["A","B"],"default":"B"}},)"
            R"({"name":"e2","type":"c.E","default":"A"}]})");
  // The full form parses back to the same canonical form.
  SchemaPtr again = MustParse(ToJson(*s));
  EXPECT_EQ(CanonicalForm(*again), CanonicalForm(*s));
}

TEST(SchemaParserTest, LogicalTypes) {
  struct Case {
    const char* json;
    LogicalType expected;
  };
  const Case cases[] = {
      {R"({"type":"int","logicalType":"date"})", LogicalType::kDate},
      {R"({"type":"int","logicalType":"time-millis"})", LogicalType::kTimeMillis},
      {R"({"type":"long","logicalType":"time-micros"})", LogicalType::kTimeMicros},
      {R"({"type":"long","logicalType":"timestamp-millis"})", LogicalType::kTimestampMillis},
      {R"({"type":"long","logicalType":"timestamp-micros"})", LogicalType::kTimestampMicros},
      {R"({"type":"long","logicalType":"timestamp-nanos"})", LogicalType::kTimestampNanos},
      {R"({"type":"long","logicalType":"local-timestamp-millis"})",
       LogicalType::kLocalTimestampMillis},
      {R"({"type":"long","logicalType":"local-timestamp-micros"})",
       LogicalType::kLocalTimestampMicros},
      {R"({"type":"string","logicalType":"uuid"})", LogicalType::kUuid},
      {R"({"type":"fixed","name":"d","size":12,"logicalType":"duration"})", LogicalType::kDuration},
      {R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":2})", LogicalType::kDecimal},
      {R"({"type":"fixed","name":"f","size":4,"logicalType":"decimal","precision":9})",
       LogicalType::kDecimal},
      // Invalid ones are ignored, as the specification requires.
      {R"({"type":"fixed","name":"f","size":4,"logicalType":"decimal","precision":10})",
       LogicalType::kNone},
      {R"({"type":"bytes","logicalType":"decimal","precision":2,"scale":3})", LogicalType::kNone},
      {R"({"type":"bytes","logicalType":"decimal"})", LogicalType::kNone},
      {R"({"type":"string","logicalType":"date"})", LogicalType::kNone},
      {R"({"type":"int","logicalType":"no-such-type"})", LogicalType::kNone},
  };
  for (const auto& c : cases) {
    SchemaPtr s = MustParse(c.json);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->logical_type(), c.expected) << c.json;
    EXPECT_EQ(ToJson(*s), Json::parse(c.json).dump()) << "attributes kept for " << c.json;
  }
}

TEST(SchemaParserTest, DefaultsAreValidated) {
  auto record = [](std::string_view type, std::string_view def) {
    return fmt::format(R"({{"type":"record","name":"R","fields":[{{"name":"f","type":{},"default":{}}}]}})",
                       type, def);
  };
  EXPECT_TRUE(ParseSchema(record(R"("int")", "5")).ok());
  EXPECT_TRUE(ParseSchema(record(R"("long")", "-9223372036854775808")).ok());
  EXPECT_TRUE(ParseSchema(record(R"("double")", "1.5")).ok());
  EXPECT_TRUE(ParseSchema(record(R"("float")", "\"NaN\"")).ok());
  EXPECT_TRUE(ParseSchema(record(R"("bytes")", "\"\\u00ff\"")).ok());
  EXPECT_TRUE(ParseSchema(record(R"(["null","string"])", "null")).ok());
  EXPECT_TRUE(ParseSchema(record(R"(["null","string"])", "\"x\"")).ok()) << "1.12: any branch";
  EXPECT_TRUE(ParseSchema(record(R"({"type":"array","items":"int"})", "[1,2]")).ok());
  EXPECT_TRUE(ParseSchema(record(R"({"type":"map","values":"int"})", R"({"a":1})")).ok());
  EXPECT_TRUE(ParseSchema(record(R"({"type":"fixed","name":"F","size":2})", "\"ab\"")).ok());
  EXPECT_TRUE(ParseSchema(record(
      R"({"type":"record","name":"In","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":0}]})",
      R"({"a":1})")).ok());

  EXPECT_NE(ParseError(record(R"("int")", "\"5\"")).find("/fields/0/default"), std::string::npos);
  EXPECT_NE(ParseError(record(R"("int")", "3000000000")).find("32-bit"), std::string::npos);
  ParseError(record(R"("int")", "1.5"));
  ParseError(record(R"("bytes")", "\"\\u0100\""));
  ParseError(record(R"("string")", "null"));
  ParseError(record(R"({"type":"fixed","name":"F","size":2})", "\"abc\""));
  ParseError(record(R"({"type":"enum","name":"E","symbols":["A"]})", "\"B\""));
  ParseError(record(R"({"type":"array","items":"int"})", "[1,\"x\"]"));
  EXPECT_NE(ParseError(record(R"({"type":"record","name":"In","fields":[{"name":"a","type":"int"}]})",
                              "{}")).find("lacks field 'a'"),
            std::string::npos);
}

TEST(SchemaParserTest, ErrorsNameTheLocationAndReason) {
  EXPECT_EQ(ParseError(R"({"type":"record","name":"R","fields":[{"name":"a","type":"Strin"}]})"),
            "Avro schema /fields/0/type: unknown type 'Strin' (not a primitive type nor a named "
            "type defined before this point)");
  EXPECT_NE(ParseError("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(ParseError(R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]})")
                .find("already has a field 'a'"),
            std::string::npos);
  EXPECT_NE(ParseError(R"(["int","int"])").find("/1"), std::string::npos);
  EXPECT_NE(ParseError(R"(["int",["string"]])").find("another union"), std::string::npos);
  ParseError(R"({"type":"record","name":"1bad","fields":[]})");
  ParseError(R"({"type":"record","name":"R","namespace":"a..b","fields":[]})");
  ParseError(R"({"type":"record","name":"int","fields":[]})");
  ParseError(R"({"type":"enum","name":"E","symbols":["A","A"]})");
  ParseError(R"({"type":"enum","name":"E","symbols":["A"],"default":"Z"})");
  ParseError(R"({"type":"fixed","name":"F","size":-1})");
  ParseError(R"({"type":"fixed","name":"F"})");
  ParseError(R"({"type":"array"})");
  ParseError(R"({"type":"map","values":"nope"})");
  ParseError(R"({"type":"record","name":"R"})");
  ParseError(R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]})");
  ParseError(R"({"type":"record","name":"R","fields":[{"name":"r","type":{"type":"record","name":"R","fields":[]}}]})");
  ParseError("\"record\"");
  ParseError("42");
  ParseError(R"({"no":"type"})");
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += R"({"type":"array","items":)";
  deep += "\"int\"";
  for (int i = 0; i < 1000; ++i) deep += "}";
  EXPECT_NE(ParseError(deep).find("too deeply"), std::string::npos);
}

TEST(SchemaParserTest, ReferencesToOtherSchemas) {
  SchemaPtr address = MustParse(R"({"type":"record","name":"com.acme.Address","fields":[{"name":"city","type":"string"}]})");
  ParseOptions options;
  options.references.push_back(address);
  auto user = ParseSchema(R"({"type":"record","name":"com.acme.User","fields":[{"name":"home","type":"Address"}]})",
                          options);
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_EQ(&(*user)->field("home")->schema(), address.get());
  address.reset();  // the user schema keeps its reference alive
  EXPECT_EQ((*user)->field("home")->schema().fields()[0].name, "city");
}

TEST(SchemaParserTest, RecursiveSchemaWritesItselfByName) {
  SchemaPtr s = MustParse(R"({"type":"record","name":"LongList","aliases":["LinkedLongs"],
      "fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]})");
  ASSERT_TRUE(s);
  EXPECT_EQ(&s->field("next")->schema().branch(1), s.get());
  EXPECT_EQ(ToJson(*s),
            R"({"type":"record","name":"LongList","fields":[{"name":"value","type":"long"},)"
            R"({"name":"next","type":["null","LongList"]}],"aliases":["LinkedLongs"]})");
}

}  // namespace
}  // namespace tributary::avro
