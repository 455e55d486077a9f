#include "converters/glue_avro_converter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "converters/converter_test_support.h"
#include "registry/embedded_registry.h"

namespace tributary::converters {
namespace {

using data::SchemaBuilder;
using ::testing::HasSubstr;

using test_support::Movie;
using test_support::MoviesValue;

class GlueAvroConverterTest : public test_support::EmbeddedRegistryTest {
 protected:
  std::unique_ptr<GlueAvroConverter> Converter(std::map<std::string, std::string> config, bool is_key = false) {
    return Configured<GlueAvroConverter>(std::move(config), is_key);
  }
  std::map<std::string, std::string> SeedValueConfig(const std::string& compatibility) {
    return {{"registry.name", "msk-connect-blog-values"}, {"compatibility", compatibility},
            {"schemaAutoRegistrationEnabled", "true"}, {"region", "us-east-1"}};
  }
};

TEST_F(GlueAvroConverterTest, SeedScenarioForwardRegistersVersionsOneAndTwo) {
  auto converter = Converter(SeedValueConfig("FORWARD"));
  const std::string topic = "db1.sampledatabase.movies";
  std::string bytes;
  auto v1 = MoviesValue(false);
  ASSERT_TRUE(converter->FromConnectData(topic, v1, Movie(v1, 1), &bytes).ok());
  auto v2 = MoviesValue(true);
  Status s = converter->FromConnectData(topic, v2, Movie(v2, 2), &bytes);
  ASSERT_TRUE(s.ok()) << s.ToString();

  auto versions = registry_->GlueListSchemaVersions("msk-connect-blog-values", topic);
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(*registry_->GetCompatibility(registry::Registry::GlueSubject("msk-connect-blog-values", topic), false),
            registry::CompatibilityLevel::kForward);
  // Header: version 3, no compression, version 2's UUID.
  ASSERT_GT(bytes.size(), 18u);
  EXPECT_EQ(bytes[0], 3);
  EXPECT_EQ(bytes[1], 0);
  EXPECT_EQ(UuidFromBytes(bytes.substr(2, 16)), (*versions)[1].uuid);

  auto reader = Converter({{"registry.name", "msk-connect-blog-values"}, {"avroRecordType", "GENERIC_RECORD"},
                           {"compatibility", "NONE"}});
  data::SchemaPtr schema;
  data::Value value;
  s = reader->ToConnectData(topic, bytes, false, &schema, &value);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(value.field("movie_id")->as_int(), 2);
  EXPECT_EQ(value.field("COUNTRY")->as_string(), "NZ");
  // The schema carries its Glue version number (the S3 sink orders schemas by it).
  EXPECT_EQ(schema->version(), std::optional<int32_t>(2));
  EXPECT_EQ(value.as_struct().schema, schema);
}

TEST_F(GlueAvroConverterTest, BackwardRejectsCountryNamingSchemaLevelAndField) {
  auto converter = Converter(SeedValueConfig("BACKWARD"));
  std::string bytes;
  auto v1 = MoviesValue(false);
  ASSERT_TRUE(converter->FromConnectData("db1.sampledatabase.movies", v1, Movie(v1, 1), &bytes).ok());
  auto v2 = MoviesValue(true);
  Status s = converter->FromConnectData("db1.sampledatabase.movies", v2, Movie(v2, 2), &bytes);
  ASSERT_EQ(s.code(), StatusCode::kIncompatible) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("schema 'db1.sampledatabase.movies' in registry 'msk-connect-blog-values'"));
  EXPECT_THAT(s.message(), HasSubstr("BACKWARD"));
  EXPECT_THAT(s.message(), HasSubstr("'COUNTRY'"));
  EXPECT_THAT(s.message(), HasSubstr("no default value"));
}

TEST_F(GlueAvroConverterTest, ZlibCompressionRoundTrips) {
  auto converter = Converter({{"registry.name", "r"}, {"schemaAutoRegistrationEnabled", "true"},
                              {"compression", "ZLIB"}, {"schemaName", "fixed-name"}});
  auto schema = MoviesValue(false);
  std::string plain, compressed;
  ASSERT_TRUE(Converter({{"registry.name", "r"}, {"schemaAutoRegistrationEnabled", "true"}, {"schemaName", "fixed-name"}})
                  ->FromConnectData("t", schema, Movie(schema, 7), &plain).ok());
  ASSERT_TRUE(converter->FromConnectData("t", schema, Movie(schema, 7), &compressed).ok());
  EXPECT_EQ(compressed[1], 5);
  EXPECT_LT(compressed.size(), plain.size());
  EXPECT_EQ(compressed.substr(2, 16), plain.substr(2, 16));
  EXPECT_EQ(registry_->GlueListSchemas("r")->at(0).schema_name, "fixed-name");
  data::SchemaPtr read_schema;
  data::Value value;
  ASSERT_TRUE(converter->ToConnectData("t", compressed, false, &read_schema, &value).ok());
  EXPECT_EQ(value.field("movie_id")->as_int(), 7);
  std::string truncated = compressed.substr(0, compressed.size() - 4);
  EXPECT_EQ(converter->ToConnectData("t", truncated, false, &read_schema, &value).code(), StatusCode::kCorruption);
}

TEST_F(GlueAvroConverterTest, KeysAndValuesUseTheirOwnRegistriesAndTopicNamedSchemas) {
  auto key_schema = SchemaBuilder::Struct().Name("db1.sampledatabase.movies.Key").Field("movie_id", data::Int32Schema()).Build();
  data::Value key = data::Value::EmptyStruct(key_schema);
  key.set("movie_id", data::Value::Int(1));
  std::string bytes;
  ASSERT_TRUE(Converter({{"registry.name", "msk-connect-blog-keys"}, {"schemaAutoRegistrationEnabled", "true"}}, true)
                  ->FromConnectData("db1.sampledatabase.movies", key_schema, key, &bytes).ok());
  EXPECT_EQ((*registry_->GlueListRegistries()), std::vector<std::string>{"msk-connect-blog-keys"});
  EXPECT_EQ(registry_->GlueListSchemas("msk-connect-blog-keys")->at(0).schema_name, "db1.sampledatabase.movies");
}

TEST_F(GlueAvroConverterTest, ConfigAndFramingErrors) {
  GlueAvroConverter c;
  EXPECT_THAT(c.Configure(connect::Config(std::map<std::string, std::string>{{"compression", "GZIP"}}), false).message(), HasSubstr("GZIP"));
  EXPECT_THAT(c.Configure(connect::Config(std::map<std::string, std::string>{{"avroRecordType", "X"}}), false).message(), HasSubstr("avroRecordType"));
  EXPECT_THAT(c.Configure(connect::Config(std::map<std::string, std::string>{{"compatibility", "SOME"}}), false).message(), HasSubstr("SOME"));

  auto converter = Converter({{"registry.name", "r"}});  // auto-registration off by default
  auto schema = MoviesValue(false);
  std::string bytes;
  Status missing = converter->FromConnectData("t", schema, Movie(schema, 1), &bytes);
  EXPECT_TRUE(missing.IsNotFound()) << missing.ToString();
  EXPECT_THAT(missing.message(), HasSubstr("schemaAutoRegistrationEnabled=false"));

  data::SchemaPtr read_schema;
  data::Value value;
  Status bad = converter->ToConnectData("t", std::string(20, '\0'), false, &read_schema, &value);
  EXPECT_THAT(bad.message(), HasSubstr("header version byte 0x00"));
  std::string unknown_version = std::string("\x03\x00", 2) + std::string(16, '\x11') + "x";
  EXPECT_THAT(converter->ToConnectData("t", unknown_version, false, &read_schema, &value).message(),
              HasSubstr("11111111-1111-1111-1111-111111111111"));
}

TEST(UuidBytesTest, RoundTrip) {
  const std::string uuid = "0f8d3c1a-9b2e-4c5d-8e7f-a1b2c3d4e5f6";
  auto bytes = UuidToBytes(uuid);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), 16u);
  EXPECT_EQ(static_cast<uint8_t>((*bytes)[0]), 0x0f);
  EXPECT_EQ(UuidFromBytes(*bytes), uuid);
  EXPECT_FALSE(UuidToBytes("not-a-uuid").ok());
}

}  // namespace
}  // namespace tributary::converters
