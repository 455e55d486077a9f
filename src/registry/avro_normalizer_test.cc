#include "registry/avro_normalizer.h"

#include <gtest/gtest.h>

#include "avro/schema_parser.h"

namespace tributary::registry {
namespace {

std::string Normalized(const std::string& text) {
  auto schema = avro::ParseSchema(text);
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return schema.ok() ? NormalizedAvroSchema(**schema) : "";
}

TEST(AvroNormalizerTest, FixedAttributeOrderFullNamesAndSortedProperties) {
  EXPECT_EQ(
      Normalized(R"({"fields":[{"default":null,"type":["null","string"],"name":"title"},
                    {"name":"price","type":{"type":"bytes","scale":2,"precision":6,"logicalType":"decimal"}},
                    {"name":"next","type":["null","Movie"],"aliases":["b","a"]}],
                    "z.prop":{"y":1,"x":2},"connect.name":"shop.Movie",
                    "name":"Movie","type":"record","namespace":"shop","aliases":["Film"],"doc":"d"})"),
      R"({"name":"shop.Movie","type":"record","fields":[)"
      R"({"name":"title","type":["null","string"],"default":null},)"
      R"({"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":6,"scale":2}},)"
      R"({"name":"next","type":["null","shop.Movie"],"aliases":["a","b"]}],)"
      R"("doc":"d","aliases":["shop.Film"],"connect.name":"shop.Movie","z.prop":{"x":2,"y":1}})");
}

TEST(AvroNormalizerTest, SpellingsOfOneSchemaAreEqual) {
  std::string a = R"({"type":"record","name":"R","namespace":"n","fields":[
      {"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"],"default":"X"}},
      {"name":"f","type":{"type":"fixed","name":"F","size":16,"logicalType":"uuid"}},
      {"name":"m","type":{"type":"map","values":"long","p":1}}],"connect.version":1,"connect.name":"n.R"})";
  std::string b = R"({"name":"n.R","type":"record","connect.name":"n.R","connect.version":1,"fields":[
      {"type":{"name":"n.E","symbols":["X","Y"],"type":"enum","default":"X"},"name":"e"},
      {"name":"f","type":{"logicalType":"uuid","size":16,"type":"fixed","name":"F","namespace":"n"}},
      {"name":"m","type":{"p":1,"values":{"type":"long"},"type":"map"}}]})";
  EXPECT_EQ(Normalized(a), Normalized(b));
  EXPECT_NE(avro::ToJson(**avro::ParseSchema(a)), avro::ToJson(**avro::ParseSchema(b)));
}

TEST(AvroNormalizerTest, ReferencedTypesByName) {
  auto address = avro::ParseSchema(
      R"({"type":"record","name":"Address","namespace":"shop","fields":[{"name":"city","type":"string"}]})");
  ASSERT_TRUE(address.ok());
  avro::ParseOptions options;
  options.references.push_back(*address);
  auto order = avro::ParseSchema(
      R"({"type":"record","name":"Order","namespace":"shop","fields":[{"name":"to","type":"Address"}]})",
      options);
  ASSERT_TRUE(order.ok()) << order.status().ToString();
  EXPECT_EQ(NormalizedAvroSchema(**order, options.references),
            R"({"name":"shop.Order","type":"record","fields":[{"name":"to","type":"shop.Address"}]})");
}

}  // namespace
}  // namespace tributary::registry
