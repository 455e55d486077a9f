// S3SinkOracle: writes objects through the whole sink (config, partitioner, rotation, formats,
// LocalStore) for tests/python/test_s3sink_oracle.py, which reads them back with pyarrow and
// DuckDB. With TRIB_S3SINK_OUT set the objects and an expected.json land there; otherwise in a
// temporary folder, and this test checks the object keys itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "s3sink/s3_sink_task.h"

namespace tributary::s3sink {
namespace {

using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;
namespace fs = std::filesystem;

SchemaPtr MoviesSchema(int version) {
  auto b = SchemaBuilder::Struct().Name("db1.sampledatabase.movies.Value").Version(version);
  b.Field("movie_id", data::Int32Schema())
      .Field("title", data::OptionalStringSchema())
      .Field("release_year", data::OptionalInt32Schema())
      .Field("price", SchemaBuilder::Decimal(2).Optional().Build())
      .Field("released", SchemaBuilder::Date().Optional().Build())
      .Field("updated", SchemaBuilder::Timestamp().Optional().Build())
      .Field("rating", data::OptionalFloat64Schema())
      .Field("tags", SchemaBuilder::Array(data::StringSchema()).Optional().Build());
  if (version >= 2) b.Field("COUNTRY", data::OptionalStringSchema());
  b.Field("__op", data::OptionalStringSchema())
      .Field("__source_ts_ms", data::OptionalInt64Schema())
      .Field("__deleted", data::OptionalStringSchema());
  return b.Build();
}

// Two's-complement big-endian bytes of `v`.
std::string Unscaled(int64_t v) {
  std::string out;
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  while (out.size() > 1 && ((out[0] == 0 && !(out[1] & 0x80)) ||
                            (out[0] == '\xFF' && (out[1] & 0x80))))
    out.erase(0, 1);
  return out;
}

struct Written {
  data::Record record;
  nlohmann::json expected;
};

Written MakeMovie(int64_t offset, int version) {
  SchemaPtr schema = MoviesSchema(version);
  data::Record r;
  r.topic = "db1.sampledatabase.movies";
  r.partition = 0;
  r.kafka_offset = offset;
  r.timestamp_ms = 1795797005000 + offset;
  r.value_schema = schema;
  r.value = Value::EmptyStruct(schema);
  static const SchemaPtr key_schema = SchemaBuilder::Struct()
                                          .Name("db1.sampledatabase.movies.Key")
                                          .Field("movie_id", data::Int32Schema())
                                          .Build();
  r.key_schema = key_schema;
  r.key = Value::EmptyStruct(key_schema);
  r.key.set("movie_id", Value::Int(offset));
  nlohmann::json e;
  e["movie_id"] = offset;
  r.value.set("movie_id", Value::Int(offset));
  if (offset % 7 == 3) {
    e["title"] = nullptr;  // nulls in every optional column now and then
  } else {
    std::string title = offset % 5 == 0 ? "" : "Movie \"" + std::to_string(offset) + "\" é";
    r.value.set("title", Value::String(title));
    e["title"] = title;
  }
  r.value.set("release_year", Value::Int(1990 + offset));
  e["release_year"] = 1990 + offset;
  int64_t cents = offset % 2 ? -123456 - offset : 999999999 + offset;
  r.value.set("price", Value::BytesOf(Unscaled(cents)));
  e["price_cents"] = cents;
  r.value.set("released", Value::Int(20000 + offset));
  e["released_days"] = 20000 + offset;
  r.value.set("updated", Value::Int(1795797005123 + offset * 1000));
  e["updated_ms"] = 1795797005123 + offset * 1000;
  r.value.set("rating", Value::Double(offset * 0.5));
  e["rating"] = offset * 0.5;
  data::Array tags;
  nlohmann::json etags = nlohmann::json::array();
  for (int i = 0; i < offset % 3; ++i) {
    tags.push_back(Value::String("t" + std::to_string(i)));
    etags.push_back("t" + std::to_string(i));
  }
  r.value.set("tags", Value::ArrayOf(std::move(tags)));
  e["tags"] = etags;
  if (version >= 2) {
    r.value.set("COUNTRY", Value::String("US"));
    e["COUNTRY"] = "US";
  }
  r.value.set("__op", Value::String(offset < 5 ? "r" : "c"));
  e["__op"] = offset < 5 ? "r" : "c";
  r.value.set("__source_ts_ms", Value::Int(1795797000000 + offset));
  e["__source_ts_ms"] = 1795797000000 + offset;
  r.value.set("__deleted", Value::String("false"));
  e["__deleted"] = "false";
  return {std::move(r), std::move(e)};
}

// Runs 25 records (schema v1 for offsets 0..12, v2 from 13) through a sink with `extra`.
std::vector<std::string> RunSink(const fs::path& folder, std::map<std::string, std::string> extra,
                                 nlohmann::json* expected_rows) {
  std::map<std::string, std::string> values = {
      {"name", "oracle"},
      {"s3.bucket.name", "bucket"},
      {"store.url", "file://" + folder.string()},
      {"flush.size", "10"},
      {"format.class", kParquetFormatClass},
      {"topics", "db1.sampledatabase.movies"}};
  for (auto& [k, v] : extra) values[k] = v;
  S3SinkTask task;
  Status s = task.Start({"oracle", 0, folder.string()}, connect::Config(values));
  EXPECT_TRUE(s.ok()) << s.ToString();
  data::RecordBatch batch;
  for (int64_t offset = 0; offset < 25; ++offset) {
    Written w = MakeMovie(offset, offset < 13 ? 1 : 2);
    (*expected_rows)[std::to_string(offset)] = w.expected;
    batch.records.push_back(std::move(w.record));
  }
  s = task.Put(batch);
  EXPECT_TRUE(s.ok()) << s.ToString();
  auto keys = task.CommittedKeys();
  task.Stop();
  return keys;
}

TEST(S3SinkOracle, WritesParquetAndJsonObjectsInConfluentsLayout) {
  const char* env = std::getenv("TRIB_S3SINK_OUT");
  fs::path folder = env ? fs::path(env) : fs::temp_directory_path() / "s3sink_oracle_XXXXXX";
  if (!env) {
    std::string tmpl = folder.string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    folder = tmpl;
  }
  nlohmann::json expected;
  expected["rows"] = nlohmann::json::object();
  struct Case {
    std::string name;
    std::map<std::string, std::string> extra;
  };
  std::vector<Case> cases = {
      {"snappy", {}},
      {"gzip", {{"parquet.codec", "gzip"}, {"topics.dir", "gzip"}}},
      {"zstd", {{"parquet.codec", "zstd"}, {"topics.dir", "zstd"}}},
      {"none", {{"parquet.codec", "none"}, {"topics.dir", "none"}}},
      {"json", {{"format.class", kJsonFormatClass}, {"topics.dir", "json"}}},
      {"avro", {{"format.class", kAvroFormatClass}, {"topics.dir", "avro"}}},
      {"avro_deflate",
       {{"format.class", kAvroFormatClass}, {"avro.codec", "deflate"}, {"topics.dir", "avro_deflate"}}},
      {"avro_snappy",
       {{"format.class", kAvroFormatClass}, {"avro.codec", "snappy"}, {"topics.dir", "avro_snappy"}}},
      {"avro_zstandard",
       {{"format.class", kAvroFormatClass}, {"avro.codec", "zstandard"},
        {"topics.dir", "avro_zstandard"}}},
      // Keys beside the values: Avro keys (keys.format.class default), Parquet keys enveloped.
      {"keys", {{"store.kafka.keys", "true"}, {"topics.dir", "keys"}}},
      {"parquet_keys",
       {{"store.kafka.keys", "true"}, {"keys.format.class", kParquetFormatClass},
        {"format.class", kJsonFormatClass}, {"topics.dir", "parquet_keys"}}},
  };
  for (const auto& c : cases) {
    auto keys = RunSink(folder, c.extra, &expected["rows"]);
    expected["cases"][c.name] = keys;
  }
  // v1 offsets 0..12: files at 0 (10 rows) and 10 (3, cut by the schema change); v2: 13 (10),
  // 23..24 stay open.
  EXPECT_THAT(expected["cases"]["snappy"].get<std::vector<std::string>>(),
              ::testing::ElementsAre(
                  "topics/db1.sampledatabase.movies/partition=0/"
                  "db1.sampledatabase.movies+0+0000000000.snappy.parquet",
                  "topics/db1.sampledatabase.movies/partition=0/"
                  "db1.sampledatabase.movies+0+0000000010.snappy.parquet",
                  "topics/db1.sampledatabase.movies/partition=0/"
                  "db1.sampledatabase.movies+0+0000000013.snappy.parquet"));
  EXPECT_EQ(expected["cases"]["gzip"][0].get<std::string>().substr(
                expected["cases"]["gzip"][0].get<std::string>().size() - 11),
            ".gz.parquet");
  EXPECT_EQ(expected["cases"]["none"][2].get<std::string>(),
            "none/db1.sampledatabase.movies/partition=0/db1.sampledatabase.movies+0+0000000013.parquet");
  std::ifstream first(folder / "bucket" / expected["cases"]["zstd"][0].get<std::string>(),
                      std::ios::binary);
  std::string magic(4, '\0');
  first.read(magic.data(), 4);
  EXPECT_EQ(magic, "PAR1");
  std::ofstream(folder / "expected.json") << expected.dump(1);
  if (!env) fs::remove_all(folder);
}

}  // namespace
}  // namespace tributary::s3sink
