#include "converters/string_converter.h"

#include <gtest/gtest.h>

#include "converters/byte_array_converter.h"
#include "converters/plugins.h"

namespace tributary::converters {
namespace {

using data::Value;

TEST(StringConverterTest, WritesTextAsKafkaDoes) {
  StringConverter c;
  ASSERT_TRUE(c.Configure(connect::Config(), false).ok());
  std::string out;
  ASSERT_TRUE(c.FromConnectData("t", data::StringSchema(), Value::String("héllo"), &out).ok());
  EXPECT_EQ(out, "héllo");
  ASSERT_TRUE(c.FromConnectData("t", data::Int64Schema(), Value::Int(-42), &out).ok());
  EXPECT_EQ(out, "-42");
  ASSERT_TRUE(c.FromConnectData("t", data::Float64Schema(), Value::Double(1e7), &out).ok());
  EXPECT_EQ(out, "1.0E7");  // Double.toString
  auto schema = data::SchemaBuilder::Struct()
                    .Field("id", data::Int32Schema())
                    .Field("name", data::OptionalStringSchema())
                    .Field("note", data::OptionalStringSchema())
                    .Build();
  Value s = Value::EmptyStruct(schema);
  s.set("id", Value::Int(7));
  s.set("name", Value::String("x"));
  ASSERT_TRUE(c.FromConnectData("t", schema, s, &out).ok());
  EXPECT_EQ(out, "Struct{id=7,name=x}");
  ASSERT_TRUE(c.FromConnectData("t", nullptr, Value(), &out).ok());
  EXPECT_EQ(out, "");
}

TEST(StringConverterTest, ReadsOptionalString) {
  StringConverter c;
  data::SchemaPtr schema;
  Value v;
  ASSERT_TRUE(c.ToConnectData("t", "abc", false, &schema, &v).ok());
  EXPECT_TRUE(schema->optional());
  EXPECT_EQ(schema->type(), data::Type::kString);
  EXPECT_EQ(v.as_string(), "abc");
  ASSERT_TRUE(c.ToConnectData("t", "", true, &schema, &v).ok());
  EXPECT_TRUE(v.is_null());
}

TEST(StringConverterTest, RejectsOtherEncodingsByKey) {
  StringConverter c;
  Status s = c.Configure(
      connect::Config(std::map<std::string, std::string>{{"converter.encoding", "UTF-16"}}), false);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("converter.encoding"), std::string::npos);
}

TEST(ByteArrayConverterTest, PassesBytesThroughAndRejectsOtherTypes) {
  ByteArrayConverter c;
  ASSERT_TRUE(c.Configure(connect::Config(), true).ok());
  std::string out;
  ASSERT_TRUE(c.FromConnectData("t", data::BytesSchema(), Value::BytesOf(std::string("\0\1", 2)), &out).ok());
  EXPECT_EQ(out, std::string("\0\1", 2));
  EXPECT_FALSE(c.FromConnectData("t", data::StringSchema(), Value::String("x"), &out).ok());
  EXPECT_FALSE(c.FromConnectData("t", nullptr, Value::Int(1), &out).ok());
  data::SchemaPtr schema;
  Value v;
  ASSERT_TRUE(c.ToConnectData("t", "zz", false, &schema, &v).ok());
  EXPECT_EQ(schema->type(), data::Type::kBytes);
  EXPECT_EQ(v.as_bytes(), "zz");
}

TEST(ConverterPluginsTest, RegistersKafkaClassNames) {
  connect::PluginRegistry registry;
  RegisterPlugins(registry);
  for (const char* name : {"org.apache.kafka.connect.storage.StringConverter",
                           "org.apache.kafka.connect.converters.ByteArrayConverter",
                           "org.apache.kafka.connect.json.JsonConverter"}) {
    auto c = registry.NewConverter(name);
    EXPECT_TRUE(c.ok()) << name;
  }
}

}  // namespace
}  // namespace tributary::converters
