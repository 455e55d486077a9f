#include "converters/avro_converter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "converters/converter_test_support.h"
#include "registry/embedded_registry.h"

namespace tributary::converters {
namespace {

using ::testing::HasSubstr;

using test_support::Movie;
using test_support::MoviesValue;

class AvroConverterTest : public test_support::EmbeddedRegistryTest {
 protected:
  std::unique_ptr<AvroConverter> Converter(std::map<std::string, std::string> config, bool is_key = false) {
    return Configured<AvroConverter>(std::move(config), is_key);
  }
};

TEST_F(AvroConverterTest, ConfluentFramingAndRoundTripThroughTheEmbeddedRegistry) {
  auto converter = Converter({});
  auto schema = MoviesValue(false);
  std::string bytes;
  ASSERT_TRUE(converter->FromConnectData("db1.sampledatabase.movies", schema, Movie(schema, 1, "Movie 1"), &bytes).ok());
  auto registered = registry_->GetVersion("db1.sampledatabase.movies-value", "latest");
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->parsed->full_name(), "db1.sampledatabase.movies.Value");
  ASSERT_GE(bytes.size(), 5u);
  EXPECT_EQ(bytes[0], 0);
  int32_t id = (uint8_t(bytes[1]) << 24) | (uint8_t(bytes[2]) << 16) | (uint8_t(bytes[3]) << 8) | uint8_t(bytes[4]);
  EXPECT_EQ(id, registered->id);

  // A second converter (another task) reads it back through the registry.
  auto reader = Converter({});
  data::SchemaPtr read_schema;
  data::Value read_value;
  Status s = reader->ToConnectData("db1.sampledatabase.movies", bytes, false, &read_schema, &read_value);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(read_value.field("movie_id")->as_int(), 1);
  EXPECT_EQ(read_value.field("title")->as_string(), "Movie 1");
  EXPECT_EQ(read_schema->name(), "db1.sampledatabase.movies.Value");

  // The same schema again costs no new version.
  ASSERT_TRUE(converter->FromConnectData("db1.sampledatabase.movies", schema, Movie(schema, 2, "Movie 2"), &bytes).ok());
  EXPECT_EQ(registry_->ListVersions("db1.sampledatabase.movies-value", false)->size(), 1u);
}

TEST_F(AvroConverterTest, SubjectNameStrategies) {
  auto schema = MoviesValue(false);
  auto avro_schema = avro::AvroData().FromConnectSchema(schema);
  ASSERT_TRUE(avro_schema.ok());
  EXPECT_EQ(Converter({})->SubjectFor("t", **avro_schema), "t-value");
  EXPECT_EQ(Converter({}, true)->SubjectFor("t", **avro_schema), "t-key");
  EXPECT_EQ(Converter({{"value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"}})
                ->SubjectFor("t", **avro_schema),
            "db1.sampledatabase.movies.Value");
  EXPECT_EQ(Converter({{"key.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"}}, true)
                ->SubjectFor("t", **avro_schema),
            "t-db1.sampledatabase.movies.Value");
  AvroConverter bad;
  Status s = bad.Configure(connect::Config(std::map<std::string, std::string>{{"value.subject.name.strategy", "Nope"}}), false);
  EXPECT_THAT(s.message(), HasSubstr("value.subject.name.strategy"));
}

TEST_F(AvroConverterTest, IncompatibleSchemaNamesSubjectLevelAndEachIncompatibility) {
  auto converter = Converter({});
  std::string bytes;
  auto v1 = MoviesValue(false);
  ASSERT_TRUE(converter->FromConnectData("movies", v1, Movie(v1, 1, "a"), &bytes).ok());
  auto v2 = MoviesValue(true);
  Status s = converter->FromConnectData("movies", v2, Movie(v2, 2, "b"), &bytes);
  ASSERT_EQ(s.code(), StatusCode::kIncompatible) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("subject 'movies-value'"));
  EXPECT_THAT(s.message(), HasSubstr("BACKWARD"));
  EXPECT_THAT(s.message(), HasSubstr("READER_FIELD_MISSING_DEFAULT_VALUE"));
  EXPECT_THAT(s.message(), HasSubstr("'COUNTRY' at path '/fields/3'"));
}

TEST_F(AvroConverterTest, WithoutAutoRegistrationTheSchemaMustExist) {
  auto converter = Converter({{"auto.register.schemas", "false"}});
  auto schema = MoviesValue(false);
  std::string bytes;
  Status s = converter->FromConnectData("movies", schema, Movie(schema, 1, "a"), &bytes);
  EXPECT_TRUE(s.IsNotFound()) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("movies-value"));
  ASSERT_TRUE(Converter({})->FromConnectData("movies", schema, Movie(schema, 1, "a"), &bytes).ok());
  EXPECT_TRUE(converter->FromConnectData("movies", schema, Movie(schema, 1, "a"), &bytes).ok());
  auto latest = Converter({{"auto.register.schemas", "false"}, {"use.latest.version", "true"}});
  EXPECT_TRUE(latest->FromConnectData("movies", schema, Movie(schema, 1, "a"), &bytes).ok());
}

// Confluent's converter gives the decoded schema the subject's version of the writer schema;
// the S3 sink's BACKWARD/FORWARD/FULL modes need it to order schema changes.
TEST_F(AvroConverterTest, DecodedSchemasCarryTheirSubjectVersion) {
  auto writer = Converter({});
  ASSERT_TRUE(registry_->SetCompatibility("movies-value", registry::CompatibilityLevel::kNone).ok());
  std::string v1_bytes, v2_bytes;
  auto v1 = MoviesValue(false), v2 = MoviesValue(true);
  ASSERT_TRUE(writer->FromConnectData("movies", v1, Movie(v1, 1, "a"), &v1_bytes).ok());
  ASSERT_TRUE(writer->FromConnectData("movies", v2, Movie(v2, 2, "b"), &v2_bytes).ok());

  auto reader = Converter({});
  data::SchemaPtr schema;
  data::Value value;
  ASSERT_TRUE(reader->ToConnectData("movies", v2_bytes, false, &schema, &value).ok());
  ASSERT_TRUE(schema->version().has_value());
  EXPECT_EQ(*schema->version(), 2);
  EXPECT_EQ(value.as_struct().schema, schema);
  EXPECT_EQ(value.field("COUNTRY")->as_string(), "NZ");
  ASSERT_TRUE(reader->ToConnectData("movies", v1_bytes, false, &schema, &value).ok());
  EXPECT_EQ(schema->version(), std::optional<int32_t>(1));
  ASSERT_TRUE(reader->ToConnectData("movies", v1_bytes, false, &schema, &value).ok());
  EXPECT_EQ(schema->version(), std::optional<int32_t>(1));

  // Read from a topic whose subject does not hold the schema: no version, as there is none.
  ASSERT_TRUE(reader->ToConnectData("other", v1_bytes, false, &schema, &value).ok());
  EXPECT_FALSE(schema->version().has_value());
  EXPECT_EQ(value.field("movie_id")->as_int(), 1);
}

TEST_F(AvroConverterTest, TombstonesAndCorruptFraming) {
  auto converter = Converter({});
  std::string bytes = "x";
  ASSERT_TRUE(converter->FromConnectData("t", nullptr, data::Value::Null(), &bytes).ok());
  EXPECT_TRUE(bytes.empty());
  data::SchemaPtr schema;
  data::Value value = data::Value::Int(1);
  ASSERT_TRUE(converter->ToConnectData("t", "", true, &schema, &value).ok());
  EXPECT_TRUE(value.is_null());
  Status bad = converter->ToConnectData("t", std::string("\x03\x00\x00\x00\x01", 5), false, &schema, &value);
  EXPECT_EQ(bad.code(), StatusCode::kCorruption);
  EXPECT_THAT(bad.message(), HasSubstr("magic byte 0x03"));
  Status unknown = converter->ToConnectData("t", std::string("\x00\x00\x00\x00\x63\x02", 6), false, &schema, &value);
  EXPECT_THAT(unknown.message(), HasSubstr("schema id 99"));
}

TEST(AvroConverterConfigTest, NoUrlAndNoEmbeddedRegistryIsAClearError) {
  registry::SetEmbeddedRegistry(nullptr);
  AvroConverter converter;
  Status s = converter.Configure(connect::Config(), false);
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("schema.registry.url"));
}

}  // namespace
}  // namespace tributary::converters
