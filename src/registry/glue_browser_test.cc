#include "registry/glue_browser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tributary::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* kMoviesV1 = R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies",
  "fields":[{"name":"movie_id","type":"int"},{"name":"title","type":"string"},
            {"name":"release_year","type":"int"}]})";
const char* kMoviesV2 = R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies",
  "fields":[{"name":"movie_id","type":"int"},{"name":"title","type":"string"},
            {"name":"release_year","type":"int"},{"name":"COUNTRY","type":"string"}]})";

TEST(DiffAvroRecordFieldsTest, AddedFieldWithoutDefault) {
  auto lines = DiffAvroRecordFields(kMoviesV1, kMoviesV2);
  ASSERT_TRUE(lines.ok()) << lines.status().message();
  EXPECT_THAT(*lines, ElementsAre("+ COUNTRY: string (no default)"));
}

TEST(DiffAvroRecordFieldsTest, RemovedFieldAndIdenticalSchemas) {
  auto removed = DiffAvroRecordFields(kMoviesV2, kMoviesV1);
  ASSERT_TRUE(removed.ok());
  EXPECT_THAT(*removed, ElementsAre("- COUNTRY: string (no default)"));
  auto same = DiffAvroRecordFields(kMoviesV1, kMoviesV1);
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->empty());
}

TEST(DiffAvroRecordFieldsTest, NestedRecordsTypeAndDefaultChanges) {
  const char* before = R"({"type":"record","name":"Envelope","fields":[
    {"name":"after","type":["null",{"type":"record","name":"Value","fields":[
      {"name":"id","type":"int"},
      {"name":"rating","type":"float","default":0.5}]}],"default":null},
    {"name":"ts_ms","type":"long"}]})";
  const char* after = R"({"type":"record","name":"Envelope","fields":[
    {"name":"after","type":["null",{"type":"record","name":"Value","fields":[
      {"name":"id","type":"long"},
      {"name":"rating","type":"float","default":1.0},
      {"name":"created","type":{"type":"long","logicalType":"timestamp-millis"},"default":0}]}],
     "default":null},
    {"name":"ts_ms","type":"long"}]})";
  auto lines = DiffAvroRecordFields(before, after);
  ASSERT_TRUE(lines.ok()) << lines.status().message();
  EXPECT_THAT(*lines, ElementsAre("+ after.created: long(timestamp-millis) (default 0)",
                                  "~ after.id: type int -> long",
                                  "~ after.rating: default 0.5 -> default 1.0"));
}

TEST(DiffAvroRecordFieldsTest, NonRecordSchemaNamesTheSide) {
  auto lines = DiffAvroRecordFields(kMoviesV1, R"("string")");
  ASSERT_FALSE(lines.ok());
  EXPECT_THAT(lines.status().message(), HasSubstr("second schema is not an Avro record"));
  auto bad = DiffAvroRecordFields("{not json", kMoviesV1);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("first schema is not valid JSON"));
}

}  // namespace
}  // namespace tributary::registry
