#include "registry/schemas_topic_record.h"

#include <gtest/gtest.h>

namespace tributary::registry {
namespace {

// Keys exactly as Confluent's registry writes them (field order included): a registry reading
// the same topic compares keys byte for byte when compacting.
TEST(SchemasTopicRecordTest, KeysAreConfluentsBytes) {
  EXPECT_EQ(EncodeSchemasKey({SchemasKeyType::kSchema, "orders-value", 3}),
            R"({"keytype":"SCHEMA","subject":"orders-value","version":3,"magic":1})");
  EXPECT_EQ(EncodeSchemasKey({SchemasKeyType::kConfig, std::nullopt, 0}),
            R"({"keytype":"CONFIG","subject":null,"magic":0})");
  EXPECT_EQ(EncodeSchemasKey({SchemasKeyType::kMode, ":.ctx:s", 0}),
            R"({"keytype":"MODE","subject":":.ctx:s","magic":0})");
  EXPECT_EQ(EncodeSchemasKey({SchemasKeyType::kNoop, std::nullopt, 0}),
            R"({"keytype":"NOOP","magic":0})");
}

TEST(SchemasTopicRecordTest, KeysRoundTripInAnyFieldOrder) {
  for (const SchemasTopicKey& key :
       {SchemasTopicKey{SchemasKeyType::kSchema, "s", 7}, SchemasTopicKey{SchemasKeyType::kConfig, "s", 0},
        SchemasTopicKey{SchemasKeyType::kMode, std::nullopt, 0}}) {
    auto decoded = DecodeSchemasKey(EncodeSchemasKey(key));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(*decoded, key);
  }
  // Karapace's older key format kept insertion order.
  auto karapace = DecodeSchemasKey(R"({"subject":"s","version":2,"magic":1,"keytype":"SCHEMA"})");
  ASSERT_TRUE(karapace.ok());
  EXPECT_EQ(*karapace, (SchemasTopicKey{SchemasKeyType::kSchema, "s", 2}));
  auto deletion = DecodeSchemasKey(R"({"keytype":"DELETE_SUBJECT","subject":"s","magic":0})");
  ASSERT_TRUE(deletion.ok());
  EXPECT_EQ(deletion->type, SchemasKeyType::kDeleteSubject);
}

TEST(SchemasTopicRecordTest, BadKeysNameTheProblem) {
  EXPECT_NE(DecodeSchemasKey("not json").status().message().find("not a JSON object"),
            std::string::npos);
  EXPECT_NE(DecodeSchemasKey(R"({"keytype":"SOMETHING","magic":0})").status().message().find(
                "unknown keytype 'SOMETHING'"),
            std::string::npos);
  EXPECT_FALSE(DecodeSchemasKey(R"({"keytype":"SCHEMA","subject":"s","magic":1})").ok());
}

TEST(SchemasTopicRecordTest, SchemaValuesRoundTrip) {
  SchemaVersionValue value{"s", 2, 41, "AVRO", R"({"type":"string"})", {{"Ref", "other", 1}}, true};
  std::string bytes = EncodeSchemaVersionValue(value);
  EXPECT_EQ(bytes,
            R"({"subject":"s","version":2,"id":41,"schema":"{\"type\":\"string\"}","deleted":true,)"
            R"("references":[{"name":"Ref","subject":"other","version":1}]})");
  auto decoded = DecodeSchemaVersionValue(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->subject, "s");
  EXPECT_EQ(decoded->version, 2);
  EXPECT_EQ(decoded->id, 41);
  EXPECT_EQ(decoded->schema, value.schema);
  EXPECT_EQ(decoded->references, value.references);
  EXPECT_TRUE(decoded->deleted);
  EXPECT_EQ(decoded->schema_type, "AVRO");
}

TEST(SchemasTopicRecordTest, SchemaValuesFromOtherRegistries) {
  // Confluent omits "deleted" in old records and writes "schemaType" for non-Avro schemas.
  auto decoded = DecodeSchemaVersionValue(
      R"({"subject":"p","version":1,"id":3,"schemaType":"PROTOBUF","schema":"syntax = \"proto3\";"})");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->schema_type, "PROTOBUF");
  EXPECT_FALSE(decoded->deleted);
  EXPECT_NE(DecodeSchemaVersionValue(R"({"subject":"p","version":1,"schema":"x"})")
                .status().message().find("without \"id\""),
            std::string::npos);
  EXPECT_FALSE(DecodeSchemaVersionValue(R"({"subject":"p","version":"1","id":1,"schema":"x"})").ok());
}

TEST(SchemasTopicRecordTest, ConfigModeAndDeleteSubjectValues) {
  EXPECT_EQ(EncodeConfigValue(SchemasKeyType::kConfig, "FULL"), R"({"compatibilityLevel":"FULL"})");
  EXPECT_EQ(EncodeConfigValue(SchemasKeyType::kMode, "READONLY"), R"({"mode":"READONLY"})");
  EXPECT_EQ(*DecodeConfigValue(SchemasKeyType::kConfig, R"({"compatibilityLevel":"NONE","normalize":true})"),
            "NONE");
  EXPECT_FALSE(DecodeConfigValue(SchemasKeyType::kMode, R"({"compatibilityLevel":"NONE"})").ok());
  EXPECT_EQ(*DecodeDeleteSubjectVersion(R"({"subject":"s","version":4})"), 4);
}

}  // namespace
}  // namespace tributary::registry
