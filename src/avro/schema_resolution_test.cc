#include "avro/schema_resolution.h"

#include <gtest/gtest.h>

#include "avro/schema_parser.h"

namespace tributary::avro {
namespace {

SchemaPtr Parse(std::string_view json) {
  auto r = ParseSchema(json);
  EXPECT_TRUE(r.ok()) << r.status().ToString() << json;
  return *r;
}

// Encodes `value` with `writer` and reads it back as `reader`.
Result<Datum> Resolve(std::string_view writer, std::string_view reader, const Datum& value) {
  SchemaPtr w = Parse(writer), r = Parse(reader);
  std::string bytes;
  TRIB_RETURN_IF_ERROR(EncodeDatum(*w, value, &bytes));
  TRIB_ASSIGN_OR_RETURN(auto res, SchemaResolution::Create(w, r));
  return res->Decode(bytes);
}

TEST(SchemaResolutionTest, Promotions) {
  EXPECT_EQ(*Resolve("\"int\"", "\"long\"", Datum::Int(-5)), Datum::Long(-5));
  EXPECT_EQ(*Resolve("\"int\"", "\"float\"", Datum::Int(7)), Datum::Float(7));
  EXPECT_EQ(*Resolve("\"int\"", "\"double\"", Datum::Int(7)), Datum::Double(7));
  EXPECT_EQ(*Resolve("\"long\"", "\"float\"", Datum::Long(1 << 20)), Datum::Float(1 << 20));
  EXPECT_EQ(*Resolve("\"long\"", "\"double\"", Datum::Long(-3)), Datum::Double(-3));
  EXPECT_EQ(*Resolve("\"float\"", "\"double\"", Datum::Float(0.5f)), Datum::Double(0.5));
  EXPECT_EQ(*Resolve("\"string\"", "\"bytes\"", Datum::String("ab")), Datum::Bytes("ab"));
  EXPECT_EQ(*Resolve("\"bytes\"", "\"string\"", Datum::Bytes("ab")), Datum::String("ab"));
  auto bad = Resolve("\"long\"", "\"int\"", Datum::Long(1));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kIncompatible);
  EXPECT_FALSE(Resolve("\"double\"", "\"float\"", Datum::Double(1)).ok());
  EXPECT_FALSE(Resolve("\"string\"", "\"int\"", Datum::String("1")).ok());
}

TEST(SchemaResolutionTest, RecordFieldsByNameAliasAndDefault) {
  const char* writer = R"({"type":"record","name":"w.Movie","fields":[
      {"name":"movie_id","type":"int"},
      {"name":"dropped","type":{"type":"array","items":"string"}},
      {"name":"old_title","type":"string"},
      {"name":"year","type":"int"}]})";
  const char* reader = R"({"type":"record","name":"r.Movie","fields":[
      {"name":"year","type":"long"},
      {"name":"title","type":"string","aliases":["old_title"]},
      {"name":"COUNTRY","type":"string","default":"US"},
      {"name":"movie_id","type":"int"},
      {"name":"rating","type":["null","double"],"default":null}]})";
  auto r = Resolve(writer, reader,
                   Datum::Record({Datum::Int(1), Datum::Array({Datum::String("x")}),
                                  Datum::String("Heat"), Datum::Int(1995)}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, Datum::Record({Datum::Long(1995), Datum::String("Heat"), Datum::String("US"),
                               Datum::Int(1), Datum::Null().set_branch(0)}));

  auto missing = Resolve(writer, R"({"type":"record","name":"Movie","fields":[{"name":"COUNTRY","type":"string"}]})",
                         Datum::Record({Datum::Int(1), Datum::Array({}), Datum::String(""), Datum::Int(1)}));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("'COUNTRY'"), std::string::npos);
  EXPECT_NE(missing.status().message().find("no default"), std::string::npos);

  auto renamed = Resolve(writer, R"({"type":"record","name":"Film","fields":[]})",
                         Datum::Record({Datum::Int(1), Datum::Array({}), Datum::String(""), Datum::Int(1)}));
  EXPECT_FALSE(renamed.ok());
  auto aliased = Resolve(writer, R"({"type":"record","name":"Film","aliases":["w.Movie"],"fields":[]})",
                         Datum::Record({Datum::Int(1), Datum::Array({}), Datum::String(""), Datum::Int(1)}));
  EXPECT_TRUE(aliased.ok()) << aliased.status().ToString();
}

TEST(SchemaResolutionTest, EnumsUseTheReaderDefaultForUnknownSymbols) {
  const char* writer = R"({"type":"enum","name":"E","symbols":["A","B","C"]})";
  EXPECT_EQ(*Resolve(writer, R"({"type":"enum","name":"E","symbols":["C","A"]})", Datum::Enum(0)),
            Datum::Enum(1));
  EXPECT_EQ(*Resolve(writer, R"({"type":"enum","name":"E","symbols":["Z","A"],"default":"Z"})",
                     Datum::Enum(1)),
            Datum::Enum(0));
  auto r = Resolve(writer, R"({"type":"enum","name":"E","symbols":["A"]})", Datum::Enum(2));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIncompatible);
  EXPECT_NE(r.status().message().find("'C'"), std::string::npos);
}

TEST(SchemaResolutionTest, Unions) {
  // writer union -> reader union: per branch.
  EXPECT_EQ(*Resolve(R"(["null","int"])", R"(["string","null","long"])", Datum::Int(3)),
            Datum::Long(3).set_branch(2));
  EXPECT_EQ(*Resolve(R"(["null","int"])", R"(["string","null","long"])", Datum::Null()),
            Datum::Null().set_branch(1));
  // writer plain -> reader union: exact match preferred over promotion.
  EXPECT_EQ(*Resolve("\"int\"", R"(["null","long","int"])", Datum::Int(3)),
            Datum::Int(3).set_branch(2));
  EXPECT_EQ(*Resolve("\"int\"", R"(["null","double"])", Datum::Int(3)),
            Datum::Double(3).set_branch(1));
  // writer union -> reader plain: works for matching branches, fails for others at read time.
  EXPECT_EQ(*Resolve(R"(["null","string"])", "\"string\"", Datum::String("x")), Datum::String("x"));
  auto r = Resolve(R"(["null","string"])", "\"string\"", Datum::Null());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIncompatible);
  EXPECT_FALSE(Resolve("\"boolean\"", R"(["null","int"])", Datum::Boolean(true)).ok());
}

TEST(SchemaResolutionTest, ArraysMapsFixedAndRecursion) {
  EXPECT_EQ(*Resolve(R"({"type":"array","items":"int"})", R"({"type":"array","items":"long"})",
                     Datum::Array({Datum::Int(1), Datum::Int(2)})),
            Datum::Array({Datum::Long(1), Datum::Long(2)}));
  EXPECT_EQ(*Resolve(R"({"type":"map","values":"float"})", R"({"type":"map","values":"double"})",
                     Datum::Map({{"a", Datum::Float(1)}})),
            Datum::Map({{"a", Datum::Double(1)}}));
  EXPECT_TRUE(Resolve(R"({"type":"fixed","name":"F","size":2})", R"({"type":"fixed","name":"F","size":2})",
                      Datum::Fixed("ab")).ok());
  EXPECT_FALSE(Resolve(R"({"type":"fixed","name":"F","size":2})", R"({"type":"fixed","name":"F","size":3})",
                       Datum::Fixed("ab")).ok());
  const char* list_w = R"({"type":"record","name":"L","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","L"]}]})";
  const char* list_r = R"({"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]},{"name":"v","type":"long"}]})";
  Datum list = Datum::Record({Datum::Int(1), Datum::Record({Datum::Int(2), Datum::Null().set_branch(0)}).set_branch(1)});
  auto r = Resolve(list_w, list_r, list);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, Datum::Record({Datum::Record({Datum::Null().set_branch(0), Datum::Long(2)}).set_branch(1),
                               Datum::Long(1)}));
}

}  // namespace
}  // namespace tributary::avro
