#include "s3sink/s3_sink_task.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "avro/container_file.h"
#include "s3sink/memory_object_store_test_util.h"
#include "s3sink/plugins.h"

namespace tributary::s3sink {
namespace {

using connect::TopicPartition;
using data::Record;
using data::SchemaBuilder;
using data::SchemaPtr;
using data::Value;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

SchemaPtr MovieSchema(int version = 1, bool with_country = false) {
  auto b = SchemaBuilder::Struct().Name("db1.sampledatabase.movies.Value").Version(version);
  b.Field("movie_id", data::Int32Schema()).Field("title", data::OptionalStringSchema());
  if (with_country) b.Field("COUNTRY", data::OptionalStringSchema());
  return b.Build();
}

Record Movie(const SchemaPtr& schema, int64_t offset, int32_t partition = 0,
             const std::string& topic = "movies", int64_t ts = 1700000000000) {
  Record r;
  r.topic = topic;
  r.partition = partition;
  r.kafka_offset = offset;
  r.timestamp_ms = ts;
  r.value_schema = schema;
  r.value = Value::EmptyStruct(schema);
  r.value.set("movie_id", Value::Int(offset));
  r.value.set("title", Value::String("m" + std::to_string(offset)));
  if (schema->field("COUNTRY")) r.value.set("COUNTRY", Value::String("US"));
  r.key_schema = data::Int32Schema();
  r.key = Value::Int(offset);
  return r;
}

class SinkTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::make_shared<MemoryObjectStore>(); }

  std::map<std::string, std::string> BaseConfig() {
    return {{"name", "s3-sink"},
            {"connector.class", kS3SinkConnectorClass},
            {"s3.bucket.name", "bucket"},
            {"topics", "movies"},
            {"flush.size", "10"},
            {"format.class", kJsonFormatClass},
            {"storage.class", "io.confluent.connect.s3.storage.S3Storage"}};
  }

  Status Start(std::map<std::string, std::string> extra = {}) {
    auto values = BaseConfig();
    for (auto& [k, v] : extra) values[k] = v;
    task_ = std::make_unique<S3SinkTask>(
        [this](const connect::Config&) -> Result<std::shared_ptr<storage::ObjectStore>> {
          return std::shared_ptr<storage::ObjectStore>(store_);
        },
        [this] { return now_ms_; });
    return task_->Start(connect::TaskContext{"s3-sink", 0, "/tmp"}, connect::Config(values));
  }

  Status PutAll(std::vector<Record> records) {
    data::RecordBatch batch;
    batch.records = std::move(records);
    return task_->Put(batch);
  }

  int64_t Committed(const std::string& topic = "movies", int32_t partition = 0,
                    int64_t consumed = 1'000'000) {
    auto r = task_->PreCommit({{TopicPartition{topic, partition}, consumed}});
    EXPECT_TRUE(r.ok());
    auto it = r->find(TopicPartition{topic, partition});
    return it == r->end() ? -1 : it->second;
  }

  std::vector<std::string> Lines(const std::string& key) {
    auto data = store_->Get(key);
    EXPECT_TRUE(data.ok()) << key;
    std::vector<std::string> lines;
    size_t start = 0;
    while (data.ok() && start < data->size()) {
      size_t nl = data->find('\n', start);
      lines.push_back(data->substr(start, nl - start));
      start = nl + 1;
    }
    return lines;
  }

  std::shared_ptr<MemoryObjectStore> store_;
  std::unique_ptr<S3SinkTask> task_;
  int64_t now_ms_ = 1700000000000;
};

TEST_F(SinkTest, ConfigErrorsNameEveryBadKeyAndTheAllowedValues) {
  task_ = std::make_unique<S3SinkTask>(nullptr, [] { return 0; });
  Status s = task_->Start({"bad", 0, "/tmp"},
                          connect::Config({{"format.class", "com.example.CsvFormat"},
                                           {"schema.compatibility", "SOMETIMES"},
                                           {"flush.size", "ten"}}));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("s3.bucket.name: missing required configuration"));
  EXPECT_THAT(s.message(), HasSubstr("flush.size: 'ten' is not an integer"));
  EXPECT_THAT(s.message(), HasSubstr("format.class: invalid value 'com.example.CsvFormat'; "
                                     "valid values: io.confluent.connect.s3.format.avro."
                                     "AvroFormat"));
  EXPECT_THAT(s.message(),
              HasSubstr("schema.compatibility: invalid value 'SOMETIMES'; valid values: NONE, "
                        "BACKWARD, FORWARD, FULL"));
  EXPECT_THAT(s.message(), HasSubstr("connector 'bad'"));
}

TEST_F(SinkTest, ConfigDefaultsFollowConfluent) {
  auto c = S3SinkConfig::Parse(connect::Config(BaseConfig()));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->topics_dir, "topics");
  EXPECT_EQ(c->filename_offset_zero_pad_width, 10);
  EXPECT_EQ(c->parquet_codec, "snappy");
  EXPECT_EQ(c->avro_codec, "null");
  EXPECT_EQ(c->behavior_on_null_values, NullValueBehavior::kIgnore);
  EXPECT_EQ(c->schema_compatibility, SchemaCompatibilityMode::kNone);
  EXPECT_EQ(c->partitioner, PartitionerKind::kDefault);
  EXPECT_EQ(c->rotate_interval_ms, -1);
  EXPECT_EQ(c->directory_delim, "/");
  EXPECT_EQ(c->file_delim, "+");
  bool region_default = false;
  for (const auto& key : S3SinkConfigKeys())
    if (key.name == "s3.region") region_default = key.default_value == "us-west-2";
  EXPECT_TRUE(region_default);
}

TEST_F(SinkTest, CrossKeyRulesAreChecked) {
  auto values = BaseConfig();
  values["partitioner.class"] = "io.confluent.connect.storage.partitioner.TimeBasedPartitioner";
  values["behavior.on.null.values"] = "write";
  values["rotate.schedule.interval.ms"] = "60000";
  auto c = S3SinkConfig::Parse(connect::Config(values));
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("path.format: must be set"));
  EXPECT_THAT(c.status().message(), HasSubstr("partition.duration.ms: must be set"));
  EXPECT_THAT(c.status().message(), HasSubstr("locale: must be set"));
  EXPECT_THAT(c.status().message(), HasSubstr("timezone: must be set"));
  EXPECT_THAT(c.status().message(), HasSubstr("needs store.kafka.keys=true"));
}

TEST_F(SinkTest, FlushSizeMakesConfluentKeysAndCommitsOnlyUploadedOffsets) {
  ASSERT_TRUE(Start().ok());
  auto schema = MovieSchema();
  std::vector<Record> records;
  for (int i = 0; i < 25; ++i) records.push_back(Movie(schema, i));
  ASSERT_TRUE(PutAll(records).ok());
  EXPECT_THAT(store_->Keys(), ElementsAre("topics/movies/partition=0/movies+0+0000000000.json",
                                          "topics/movies/partition=0/movies+0+0000000010.json"));
  EXPECT_EQ(Committed(), 20);  // offsets 20..24 are still in an open file
  auto lines = Lines("topics/movies/partition=0/movies+0+0000000010.json");
  ASSERT_EQ(lines.size(), 10u);
  EXPECT_EQ(lines[0], R"({"movie_id":10,"title":"m10"})");
}

TEST_F(SinkTest, PartitionsAreWrittenIndependently) {
  ASSERT_TRUE(Start({{"flush.size", "2"}}).ok());
  auto schema = MovieSchema();
  ASSERT_TRUE(PutAll({Movie(schema, 0, 0), Movie(schema, 0, 3), Movie(schema, 1, 3),
                      Movie(schema, 1, 0), Movie(schema, 7, 0, "other")})
                  .ok());
  EXPECT_THAT(store_->Keys(), ElementsAre("topics/movies/partition=0/movies+0+0000000000.json",
                                          "topics/movies/partition=3/movies+3+0000000000.json"));
  EXPECT_EQ(Committed("movies", 3, 2), 2);
  EXPECT_EQ(Committed("other", 0), -1);
}

TEST_F(SinkTest, ReplayFromTheCommittedOffsetRewritesIdenticalObjects) {
  ASSERT_TRUE(Start({{"flush.size", "3"}}).ok());
  auto v1 = MovieSchema(1), v2 = MovieSchema(2, true);
  std::vector<Record> all;
  for (int i = 0; i < 11; ++i) all.push_back(Movie(i < 5 ? v1 : v2, i));
  ASSERT_TRUE(PutAll(std::vector<Record>(all.begin(), all.begin() + 7)).ok());
  int64_t committed = Committed("movies", 0, 7);
  EXPECT_EQ(committed, 5);  // offsets 5 and 6 are in an open file
  auto before = store_->Keys();
  std::map<std::string, std::string> contents;
  for (const auto& k : before) contents[k] = *store_->Get(k);
  task_->Stop();  // crash: open files are lost

  ASSERT_TRUE(Start({{"flush.size", "3"}}).ok());
  ASSERT_TRUE(PutAll(std::vector<Record>(all.begin() + committed, all.end())).ok());
  for (const auto& [k, v] : contents) EXPECT_EQ(*store_->Get(k), v) << k;
  // v1 has 5 records: files at 0 (3) and 3 (2, cut by the schema change), then v2 from 5.
  EXPECT_THAT(store_->Keys(), ElementsAre("topics/movies/partition=0/movies+0+0000000000.json",
                                          "topics/movies/partition=0/movies+0+0000000003.json",
                                          "topics/movies/partition=0/movies+0+0000000005.json",
                                          "topics/movies/partition=0/movies+0+0000000008.json"));
  EXPECT_EQ(Committed("movies", 0, 11), 11);
}

TEST_F(SinkTest, SchemaChangeWithNoneStartsANewFile) {
  ASSERT_TRUE(Start().ok());
  auto v1 = MovieSchema(1), v2 = MovieSchema(2, true);
  ASSERT_TRUE(PutAll({Movie(v1, 0), Movie(v1, 1), Movie(v2, 2), Movie(v1, 3)}).ok());
  EXPECT_THAT(store_->Keys(), ElementsAre("topics/movies/partition=0/movies+0+0000000000.json",
                                          "topics/movies/partition=0/movies+0+0000000002.json"));
  EXPECT_EQ(Committed(), 3);
}

TEST_F(SinkTest, BackwardProjectsOlderRecordsAndRotatesOnNewerOnes) {
  ASSERT_TRUE(Start({{"schema.compatibility", "BACKWARD"}}).ok());
  auto v1 = MovieSchema(1), v2 = MovieSchema(2, true);
  ASSERT_TRUE(PutAll({Movie(v1, 0), Movie(v2, 1), Movie(v1, 2)}).ok());
  // v2 is newer than the file's v1: new file at 1; then v1 is projected into the v2 file.
  EXPECT_THAT(store_->Keys(), ElementsAre("topics/movies/partition=0/movies+0+0000000000.json"));
  EXPECT_EQ(Committed(), 1);
  for (int i = 3; i < 11; ++i) ASSERT_TRUE(PutAll({Movie(v2, i)}).ok());
  auto lines = Lines("topics/movies/partition=0/movies+0+0000000001.json");
  ASSERT_EQ(lines.size(), 10u);
  EXPECT_EQ(lines[1], R"({"movie_id":2,"title":"m2","COUNTRY":null})");
}

TEST_F(SinkTest, ForwardRotatesOnOlderRecords) {
  ASSERT_TRUE(Start({{"schema.compatibility", "FORWARD"}}).ok());
  auto v1 = MovieSchema(1), v2 = MovieSchema(2, true);
  ASSERT_TRUE(PutAll({Movie(v2, 0), Movie(v1, 1)}).ok());
  EXPECT_THAT(store_->Keys(), ElementsAre("topics/movies/partition=0/movies+0+0000000000.json"));
}

TEST_F(SinkTest, CompatibilityModesNeedSchemaVersions) {
  ASSERT_TRUE(Start({{"schema.compatibility", "FULL"}}).ok());
  auto unversioned = SchemaBuilder::Struct().Field("movie_id", data::Int32Schema()).Build();
  Record a = Movie(MovieSchema(1), 0);
  Record b;
  b.topic = "movies";
  b.partition = 0;
  b.kafka_offset = 1;
  b.value_schema = unversioned;
  b.value = Value::EmptyStruct(unversioned);
  b.value.set("movie_id", Value::Int(1));
  Status s = PutAll({a, b});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("needs schema versions"));
  EXPECT_THAT(s.message(), HasSubstr("movies-0@1"));
}

TEST_F(SinkTest, TombstonesAreSkippedByDefault) {
  ASSERT_TRUE(Start({{"flush.size", "2"}}).ok());
  Record tomb = Movie(MovieSchema(), 1);
  tomb.value = Value::Null();
  tomb.value_schema = nullptr;
  ASSERT_TRUE(PutAll({Movie(MovieSchema(), 0), tomb, Movie(MovieSchema(), 2)}).ok());
  EXPECT_EQ(Committed("movies", 0, 3), 3);
}

TEST_F(SinkTest, TombstonesFailWhenAskedTo) {
  ASSERT_TRUE(Start({{"behavior.on.null.values", "fail"}}).ok());
  Record tomb = Movie(MovieSchema(), 0);
  tomb.value = Value::Null();
  tomb.value_schema = nullptr;
  Status s = PutAll({tomb});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("movies-0@0 has a null value"));
  EXPECT_THAT(s.message(), HasSubstr("behavior.on.null.values=fail"));
}

TEST_F(SinkTest, IgnoredTombstonesAreSkippedAndCommittable) {
  ASSERT_TRUE(Start({{"behavior.on.null.values", "ignore"}, {"flush.size", "2"}}).ok());
  auto schema = MovieSchema();
  Record tomb = Movie(schema, 2);
  tomb.value = Value::Null();
  ASSERT_TRUE(PutAll({Movie(schema, 0), Movie(schema, 1), tomb}).ok());
  EXPECT_THAT(store_->Keys(), ElementsAre("topics/movies/partition=0/movies+0+0000000000.json"));
  EXPECT_EQ(Committed("movies", 0, 3), 3);  // nothing open: the skipped tombstone is done too
  ASSERT_TRUE(PutAll({Movie(schema, 3)}).ok());
  EXPECT_EQ(Committed(), 2);  // offset 3 is open again: only up to the last upload
}

TEST_F(SinkTest, WrittenTombstonesGoToKeysFilesOfTheTombstonePartition) {
  ASSERT_TRUE(Start({{"behavior.on.null.values", "write"},
                     {"store.kafka.keys", "true"},
                     {"keys.format.class", kJsonFormatClass},
                     {"flush.size", "3"}})
                  .ok());
  auto schema = MovieSchema();
  Record tomb = Movie(schema, 1);
  tomb.value = Value::Null();
  tomb.value_schema = nullptr;
  ASSERT_TRUE(PutAll({Movie(schema, 0), tomb, Movie(schema, 2)}).ok());
  // flush.size counts the topic partition's records across its files, as Confluent's.
  EXPECT_THAT(store_->Keys(),
              ElementsAre("topics/movies/partition=0/movies+0+0000000000.json",
                          "topics/movies/partition=0/movies+0+0000000000.keys.json",
                          "topics/movies/tombstone/movies+0+0000000001.keys.json"));
  EXPECT_THAT(Lines("topics/movies/partition=0/movies+0+0000000000.keys.json"),
              ElementsAre("0", "2"));
  EXPECT_THAT(Lines("topics/movies/tombstone/movies+0+0000000001.keys.json"), ElementsAre("1"));
}

TEST_F(SinkTest, HeadersFilesHoldKeyValuePairs) {
  ASSERT_TRUE(Start({{"store.kafka.headers", "true"},
                     {"headers.format.class", kJsonFormatClass},
                     {"flush.size", "1"}})
                  .ok());
  Record r = Movie(MovieSchema(), 0);
  r.headers.push_back({"op", data::StringSchema(), Value::String("c")});
  r.headers.push_back({"n", data::Int32Schema(), Value::Int(5)});
  ASSERT_TRUE(PutAll({r}).ok());
  EXPECT_THAT(Lines("topics/movies/partition=0/movies+0+0000000000.headers.json"),
              ElementsAre(R"({"headers":[{"key":"op","value":"c"},{"key":"n","value":"5"}]})"));
}

TEST_F(SinkTest, HourlyPartitionerWithRecordTimeAndRotateInterval) {
  ASSERT_TRUE(Start({{"partitioner.class",
                      "io.confluent.connect.storage.partitioner.HourlyPartitioner"},
                     {"locale", "en-US"},
                     {"timezone", "UTC"},
                     {"timestamp.extractor", "Record"},
                     {"rotate.interval.ms", "600000"},
                     {"flush.size", "100"}})
                  .ok());
  auto schema = MovieSchema();
  const int64_t t0 = 1795737600000;  // 2026-11-27T00:00:00Z
  ASSERT_TRUE(PutAll({Movie(schema, 0, 0, "movies", t0 + 1000),
                      Movie(schema, 1, 0, "movies", t0 + 300000),
                      Movie(schema, 2, 0, "movies", t0 + 601000),  // 10 min after the first
                      Movie(schema, 3, 0, "movies", t0 + 3600000)})  // next hour
                  .ok());
  EXPECT_THAT(store_->Keys(),
              ElementsAre("topics/movies/year=2026/month=11/day=27/hour=00/movies+0+0000000000.json",
                          "topics/movies/year=2026/month=11/day=27/hour=00/movies+0+0000000002.json"));
  EXPECT_EQ(Committed(), 3);
}

TEST_F(SinkTest, TimeBasedPartitionerUsesPathFormatDurationAndZone) {
  ASSERT_TRUE(Start({{"partitioner.class",
                      "io.confluent.connect.storage.partitioner.TimeBasedPartitioner"},
                     {"path.format", "'dt'=YYYY-MM-dd/'hour'=HH/"},
                     {"partition.duration.ms", "7200000"},
                     {"locale", "en-US"},
                     {"timezone", "America/New_York"},
                     {"timestamp.extractor", "RecordField"},
                     {"timestamp.field", "meta.ts"},
                     {"flush.size", "1"}})
                  .ok());
  auto meta = SchemaBuilder::Struct().Field("ts", data::StringSchema()).Build();
  auto schema = SchemaBuilder::Struct().Field("id", data::Int32Schema()).Field("meta", meta).Build();
  Record r;
  r.topic = "events";
  r.partition = 1;
  r.kafka_offset = 42;
  r.value_schema = schema;
  r.value = Value::EmptyStruct(schema);
  r.value.set("id", Value::Int(1));
  Value m = Value::EmptyStruct(meta);
  m.set("ts", Value::String("2026-07-04T15:30:00Z"));  // 11:30 EDT -> 10:00 bucket
  r.value.set("meta", m);
  ASSERT_TRUE(PutAll({r}).ok());
  EXPECT_THAT(store_->Keys(),
              ElementsAre("topics/events/dt=2026-07-04/hour=10/events+1+0000000042.json"));
}

TEST_F(SinkTest, FieldPartitionerUsesFieldValues) {
  ASSERT_TRUE(Start({{"partitioner.class",
                      "io.confluent.connect.storage.partitioner.FieldPartitioner"},
                     {"partition.field.name", "title,movie_id"},
                     {"flush.size", "1"},
                     {"topics.dir", "out"},
                     {"filename.offset.zero.pad.width", "4"}})
                  .ok());
  ASSERT_TRUE(PutAll({Movie(MovieSchema(), 7)}).ok());
  EXPECT_THAT(store_->Keys(), ElementsAre("out/movies/title=m7/movie_id=7/movies+0+0007.json"));
}

TEST_F(SinkTest, ScheduledRotationCommitsOnTick) {
  ASSERT_TRUE(Start({{"rotate.schedule.interval.ms", "60000"}, {"timezone", "UTC"}}).ok());
  ASSERT_TRUE(PutAll({Movie(MovieSchema(), 0)}).ok());
  EXPECT_TRUE(store_->Keys().empty());
  ASSERT_TRUE(task_->Tick(now_ms_ + 30000).ok());  // now is 22:13:20 UTC; next is 22:14:00
  EXPECT_TRUE(store_->Keys().empty());
  ASSERT_TRUE(task_->Tick(now_ms_ + 40000).ok());
  EXPECT_EQ(store_->Keys().size(), 1u);
  EXPECT_EQ(Committed("movies", 0, 1), 1);
}

std::string Gunzip(std::string_view gz) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  std::string plain;
  int rc = Z_OK;
  while (rc == Z_OK) {
    char chunk[1 << 14];
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof(chunk);
    rc = inflate(&zs, Z_NO_FLUSH);
    plain.append(chunk, sizeof(chunk) - zs.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END) << "one complete gzip member";
  EXPECT_EQ(zs.avail_in, 0u) << "nothing after the member";
  inflateEnd(&zs);
  return plain;
}

// Avro, JSON (plain and gzip) and ByteArray objects go to the upload in pieces as records
// arrive, as Parquet's row groups do: the writer never holds the object.
TEST_F(SinkTest, AvroJsonAndByteArrayObjectsStreamAndAppearOnlyOnCommit) {
  constexpr int kRecords = 20000;
  constexpr int64_t kPieceLimit = 256 << 10;
  struct Case {
    std::map<std::string, std::string> config;
    std::string extension;
  };
  const std::vector<Case> cases = {
      {{{"format.class", kJsonFormatClass}}, ".json"},
      {{{"format.class", kJsonFormatClass}, {"s3.compression.type", "gzip"}}, ".json.gz"},
      {{{"format.class", kAvroFormatClass}, {"avro.codec", "deflate"}}, ".avro"},
      {{{"format.class", kByteArrayFormatClass}}, ".bin"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.extension);
    store_ = std::make_shared<MemoryObjectStore>();
    std::map<std::string, std::string> config = c.config;
    config["flush.size"] = std::to_string(kRecords);
    ASSERT_TRUE(Start(config).ok());
    const bool bytes = c.extension == ".bin";
    auto schema = MovieSchema();
    std::mt19937_64 rng(9);
    std::vector<Record> records;
    std::string expected_bytes;
    for (int i = 0; i < kRecords; ++i) {
      Record r = Movie(schema, i);
      std::string title(64, ' ');
      for (char& ch : title) ch = static_cast<char>('a' + rng() % 26);
      if (bytes) {
        r.value_schema = data::BytesSchema();
        r.value = Value::BytesOf(title);
        expected_bytes += title + "\n";
      } else {
        r.value.set("title", Value::String(title));
      }
      records.push_back(std::move(r));
    }
    const std::string key = "topics/movies/partition=0/movies+0+0000000000" + c.extension;
    ASSERT_TRUE(PutAll(std::vector<Record>(records.begin(), records.end() - 1)).ok());
    const auto open = store_->StatsOf(key);
    EXPECT_TRUE(store_->Keys().empty());
    EXPECT_FALSE(open.committed);
    EXPECT_GT(open.appends, 3);
    EXPECT_LT(open.largest_append, kPieceLimit);

    ASSERT_TRUE(PutAll({records.back()}).ok());
    ASSERT_THAT(store_->Keys(), ElementsAre(key));
    const std::string object = *store_->Get(key);
    if (c.extension == ".avro") {
      auto reader = avro::ContainerReader::Open(object);
      ASSERT_TRUE(reader.ok()) << reader.status().ToString();
      int count = 0;
      std::string_view encoded;
      while (*(*reader)->NextEncoded(&encoded)) ++count;
      EXPECT_EQ(count, kRecords);
    } else if (bytes) {
      EXPECT_EQ(object, expected_bytes);
    } else {
      const std::string json = c.extension == ".json.gz" ? Gunzip(object) : object;
      EXPECT_EQ(std::count(json.begin(), json.end(), '\n'), kRecords);
      EXPECT_EQ(json.substr(0, 14), "{\"movie_id\":0,");
      EXPECT_EQ(json.substr(json.size() - 2), "}\n");
    }
    task_->Stop();
  }
}

TEST_F(SinkTest, GzipJsonAndObjectTags) {
  ASSERT_TRUE(Start({{"s3.compression.type", "gzip"},
                     {"flush.size", "2"},
                     {"s3.object.tagging", "true"},
                     {"s3.object.tagging.key.value.pairs", "team:data"}})
                  .ok());
  auto schema = MovieSchema();
  ASSERT_TRUE(PutAll({Movie(schema, 5), Movie(schema, 6)}).ok());
  const std::string key = "topics/movies/partition=0/movies+0+0000000005.json.gz";
  ASSERT_THAT(store_->Keys(), ElementsAre(key));
  std::string gz = *store_->Get(key);
  std::string plain(1024, '\0');
  z_stream zs{};
  ASSERT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(gz.data());
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = reinterpret_cast<Bytef*>(plain.data());
  zs.avail_out = static_cast<uInt>(plain.size());
  ASSERT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  plain.resize(zs.total_out);
  inflateEnd(&zs);
  EXPECT_EQ(plain, "{\"movie_id\":5,\"title\":\"m5\"}\n{\"movie_id\":6,\"title\":\"m6\"}\n");
  EXPECT_EQ(store_->TagsOf(key),
            (std::map<std::string, std::string>{
                {"startOffset", "5"}, {"endOffset", "6"}, {"recordCount", "2"}, {"team", "data"}}));
}

TEST_F(SinkTest, UploadRefusedForGoodFailsThePutUntilRestarted) {
  ASSERT_TRUE(Start({{"flush.size", "2"}}).ok());
  store_->set_fail_puts(true, StatusCode::kIOError);
  auto schema = MovieSchema();
  Status s = PutAll({Movie(schema, 0), Movie(schema, 1)});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("movies+0+0000000000.json"));
  EXPECT_EQ(Committed(), -1);
  store_->set_fail_puts(false);
  EXPECT_FALSE(PutAll({Movie(schema, 2)}).ok());  // the task stays failed until restarted
}

// An unreachable store fails Put retriably; the runtime puts the same batch again until the
// store is back, and the objects are exactly those of a run without the outage.
TEST_F(SinkTest, PutAgainAfterAnOutageWritesEveryRecordOnceUnderTheSameKeys) {
  auto schema = MovieSchema();
  std::vector<Record> records;
  for (int i = 0; i < 25; ++i) records.push_back(Movie(schema, i));
  std::vector<Record> first(records.begin(), records.begin() + 7);
  std::vector<Record> second(records.begin() + 7, records.end());

  ASSERT_TRUE(Start({{"flush.size", "5"}, {"store.kafka.keys", "true"}}).ok());
  ASSERT_TRUE(PutAll(first).ok());  // 0..4 uploaded, 5..6 open
  store_->set_fail_puts(true);
  for (int attempt = 0; attempt < 3; ++attempt) {
    Status s = PutAll(second);
    ASSERT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
    EXPECT_THAT(s.message(), HasSubstr("movies+0+0000000005"));
    EXPECT_EQ(Committed("movies", 0, 25), 5);  // nothing past the uploaded file
  }
  store_->set_fail_puts(false);
  ASSERT_TRUE(PutAll(second).ok());
  EXPECT_EQ(Committed("movies", 0, 25), 25);
  auto healed = store_->Keys();
  std::map<std::string, std::string> contents;
  for (const auto& k : healed) contents[k] = *store_->Get(k);

  // The same records without an outage.
  store_ = std::make_shared<MemoryObjectStore>();
  ASSERT_TRUE(Start({{"flush.size", "5"}, {"store.kafka.keys", "true"}}).ok());
  ASSERT_TRUE(PutAll(first).ok());
  ASSERT_TRUE(PutAll(second).ok());
  ASSERT_EQ(store_->Keys(), healed);
  for (const auto& k : healed) EXPECT_EQ(*store_->Get(k), contents[k]) << k;
  EXPECT_EQ(healed.size(), 10u);  // 5 files of values and 5 of keys
}

// A Parquet row group whose upload fails mid-file is kept by the upload and sent when the
// store is back; the file's later rows and its commit follow in order.
TEST_F(SinkTest, FailedRowGroupUploadIsResentAndTheFileIsWhole) {
  constexpr int kRecords = 3000;
  auto schema = MovieSchema();
  std::mt19937_64 rng(7);
  std::vector<Record> records;
  for (int i = 0; i < kRecords; ++i) {
    Record r = Movie(schema, i);
    std::string title(200, ' ');
    for (char& ch : title) ch = static_cast<char>('!' + rng() % 90);  // hardly compressible
    r.value.set("title", Value::String(title));
    records.push_back(std::move(r));
  }
  auto run = [&](bool outage) -> std::string {
    store_ = std::make_shared<MemoryObjectStore>();
    EXPECT_TRUE(Start({{"format.class", kParquetFormatClass},
                       {"flush.size", std::to_string(kRecords)},
                       {"s3.part.size", std::to_string(64 << 10)}})
                    .ok());
    std::vector<Record> head(records.begin(), records.begin() + kRecords / 2);
    std::vector<Record> tail(records.begin() + kRecords / 2, records.end());
    if (outage) {
      store_->set_fail_appends(true);
      store_->set_fail_puts(true);
      EXPECT_EQ(PutAll(head).code(), StatusCode::kUnavailable);
      store_->set_fail_appends(false);
      EXPECT_TRUE(PutAll(head).ok());
      EXPECT_EQ(PutAll(tail).code(), StatusCode::kUnavailable);  // the commit fails
      EXPECT_EQ(Committed("movies", 0, kRecords), -1);
      store_->set_fail_puts(false);
    } else {
      EXPECT_TRUE(PutAll(head).ok());
    }
    EXPECT_TRUE(PutAll(tail).ok());
    EXPECT_EQ(Committed("movies", 0, kRecords), kRecords);
    auto keys = store_->Keys();
    EXPECT_EQ(keys.size(), 1u);
    return keys.empty() ? "" : *store_->Get(keys[0]);
  };
  std::string without = run(false);
  std::string with = run(true);
  EXPECT_GT(without.size(), 3u * (64 << 10));  // several row groups
  EXPECT_EQ(with, without);
}

// A put's Parquet rows go to the writer in batches; files still end exactly at flush.size
// inside a batch, and the objects are the bytes that putting one record at a time gives.
TEST_F(SinkTest, ParquetBatchesKeepFlushBoundariesAndMatchOneRecordPuts) {
  auto schema = MovieSchema();
  std::vector<Record> records;
  for (int i = 0; i < 3000; ++i) records.push_back(Movie(schema, i));
  auto run = [&](bool one_put) {
    store_ = std::make_shared<MemoryObjectStore>();
    EXPECT_TRUE(Start({{"format.class", kParquetFormatClass}, {"flush.size", "700"}}).ok());
    if (one_put) {
      EXPECT_TRUE(PutAll(records).ok());
    } else {
      for (const Record& r : records) EXPECT_TRUE(PutAll({r}).ok());
    }
    std::map<std::string, std::string> objects;
    for (const auto& k : store_->Keys()) objects[k] = *store_->Get(k);
    EXPECT_EQ(Committed("movies", 0, 3000), 2800);
    return objects;
  };
  auto batched = run(true);
  const std::string base = "topics/movies/partition=0/movies+0+";
  std::vector<std::string> keys;
  for (const auto& [k, v] : batched) keys.push_back(k);
  EXPECT_THAT(keys, ElementsAre(base + "0000000000.snappy.parquet",
                                base + "0000000700.snappy.parquet",
                                base + "0000001400.snappy.parquet",
                                base + "0000002100.snappy.parquet"));
  EXPECT_EQ(batched, run(false));
}

TEST_F(SinkTest, BadParquetRowInABatchNamesItsOffsetAndFailsTheTask) {
  ASSERT_TRUE(Start({{"format.class", kParquetFormatClass}, {"flush.size", "3"}}).ok());
  auto schema = MovieSchema();
  std::vector<Record> records;
  for (int i = 0; i < 8; ++i) records.push_back(Movie(schema, i));
  records[5].value.set("movie_id", Value::Null());  // a required column
  Status s = PutAll(records);
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("movies-0@5"));
  EXPECT_THAT(store_->Keys(),
              ElementsAre("topics/movies/partition=0/movies+0+0000000000.snappy.parquet"));
  EXPECT_EQ(Committed("movies", 0, 8), 3);
  EXPECT_EQ(PutAll({Movie(schema, 8)}).code(), StatusCode::kInvalidArgument);
}

// A Parquet file far larger than s3.part.size goes out row group by row group while it is
// open; the object appears only when flush.size commits it.
TEST_F(SinkTest, LargeParquetFilesStreamRowGroupsAndAppearOnlyOnCommit) {
  constexpr int64_t kPartSize = 256 << 10;
  constexpr int kRecords = 60000;
  ASSERT_TRUE(Start({{"format.class", kParquetFormatClass},
                     {"flush.size", std::to_string(kRecords)},
                     {"s3.part.size", std::to_string(kPartSize)}})
                  .ok());
  auto schema = MovieSchema();
  std::mt19937_64 rng(5);
  std::vector<Record> records;
  for (int i = 0; i < kRecords; ++i) {
    Record r = Movie(schema, i);
    std::string title(64, ' ');
    for (char& ch : title) ch = static_cast<char>('!' + rng() % 90);  // hardly compressible
    r.value.set("title", Value::String(title));
    records.push_back(std::move(r));
  }
  const std::string key = "topics/movies/partition=0/movies+0+0000000000.snappy.parquet";
  std::vector<Record> all_but_last(records.begin(), records.end() - 1);
  ASSERT_TRUE(PutAll(all_but_last).ok());
  auto open = store_->StatsOf(key);
  EXPECT_TRUE(store_->Keys().empty());  // nothing visible before the commit
  EXPECT_FALSE(open.committed);
  EXPECT_GT(open.appends, 5);            // row groups already on their way
  EXPECT_GT(open.appended, 8 * kPartSize);
  // Each piece is one row group: about a part, never the file.
  EXPECT_LT(open.largest_append, 2 * kPartSize);

  ASSERT_TRUE(PutAll({records.back()}).ok());
  EXPECT_THAT(store_->Keys(), ElementsAre(key));
  EXPECT_TRUE(store_->StatsOf(key).committed);
  EXPECT_EQ(Committed("movies", 0, kRecords), kRecords);
  auto object = store_->Get(key);
  ASSERT_TRUE(object.ok());
  EXPECT_EQ(object->substr(0, 4), "PAR1");
  EXPECT_EQ(object->substr(object->size() - 4), "PAR1");
  EXPECT_GT(static_cast<int64_t>(object->size()), 8 * kPartSize);
}

TEST_F(SinkTest, RegisteredUnderConfluentsClassName) {
  connect::PluginRegistry registry;
  RegisterPlugins(registry);
  EXPECT_TRUE(registry.IsSink("io.confluent.connect.s3.S3SinkConnector"));
  EXPECT_TRUE(registry.NewSink("io.confluent.connect.s3.S3SinkConnector").ok());
}

}  // namespace
}  // namespace tributary::s3sink

namespace tributary::s3sink {
namespace {

TEST(S3SinkTaskStoreTest, StoreUrlFileWritesTheSameKeysIntoAFolder) {
  char tmpl[] = "/tmp/s3sink_test_XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string folder = tmpl;
  S3SinkTask task;  // the store comes from the config, as in production
  ASSERT_TRUE(task.Start({"local", 0, folder},
                         connect::Config({{"s3.bucket.name", "lake"},
                                          {"store.url", "file://" + folder},
                                          {"flush.size", "1"},
                                          {"format.class", kJsonFormatClass}}))
                  .ok());
  data::RecordBatch batch;
  batch.records.push_back(Movie(MovieSchema(), 3));
  ASSERT_TRUE(task.Put(batch).ok());
  task.Stop();
  const std::string path = folder + "/lake/topics/movies/partition=0/movies+0+0000000003.json";
  FILE* f = fopen(path.c_str(), "r");
  ASSERT_NE(f, nullptr) << path;
  char buf[128] = {};
  size_t n = fread(buf, 1, sizeof(buf) - 1, f);
  fclose(f);
  EXPECT_EQ(std::string(buf, n), "{\"movie_id\":3,\"title\":\"m3\"}\n");
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace tributary::s3sink

namespace tributary::s3sink {
namespace {

TEST(S3SinkConfigTest, TheWalkthroughsSinkConfigParses) {
  auto text = connect::Config::LoadPropertiesFile(std::string(TRIBUTARY_SOURCE_DIR) +
                                                  "/examples/movies/s3-sink.properties");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  connect::Config config = *text;
  config.Set("s3.bucket.name", "my-bucket");
  config.Set("s3.region", "us-east-1");
  auto parsed = S3SinkConfig::Parse(config);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->format, FormatKind::kParquet);
  EXPECT_EQ(parsed->flush_size, 10);
  EXPECT_EQ(parsed->partitioner, PartitionerKind::kDefault);
  EXPECT_THAT(parsed->topics, ElementsAre("db1.sampledatabase.movies"));
}

}  // namespace
}  // namespace tributary::s3sink

namespace tributary::s3sink {
namespace {

// Exactly-once relies on a replay rewriting the same bytes under the same names.
TEST_F(SinkTest, ReplayedObjectsAreByteIdenticalInEveryFormat) {
  for (const char* format : {kAvroFormatClass, kParquetFormatClass, kJsonFormatClass}) {
    std::vector<std::map<std::string, std::string>> runs;
    for (int run = 0; run < 2; ++run) {
      store_ = std::make_shared<MemoryObjectStore>();
      ASSERT_TRUE(Start({{"format.class", format}, {"flush.size", "3"}}).ok());
      auto schema = MovieSchema();
      ASSERT_TRUE(PutAll({Movie(schema, 0), Movie(schema, 1), Movie(schema, 2)}).ok());
      std::map<std::string, std::string> objects;
      for (const auto& k : store_->Keys()) objects[k] = *store_->Get(k);
      ASSERT_EQ(objects.size(), 1u) << format;
      runs.push_back(objects);
      task_->Stop();
    }
    EXPECT_EQ(runs[0], runs[1]) << format;
  }
}

TEST_F(SinkTest, UnsupportedCodecsAreNamed) {
  Status s = Start({{"format.class", kAvroFormatClass}, {"avro.codec", "bzip2"}});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("avro.codec"));
  EXPECT_THAT(s.message(), HasSubstr("bzip2"));
  s = Start({{"format.class", kParquetFormatClass}, {"parquet.codec", "lz4"}});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("parquet.codec"));
  EXPECT_THAT(s.message(), HasSubstr("lz4"));
}

}  // namespace
}  // namespace tributary::s3sink

namespace tributary::s3sink {
namespace {

TEST_F(SinkTest, BackwardProjectionFeedsParquetRowsOfTheFileSchema) {
  ASSERT_TRUE(Start({{"schema.compatibility", "BACKWARD"},
                     {"format.class", kParquetFormatClass},
                     {"flush.size", "4"}})
                  .ok());
  auto v1 = MovieSchema(1), v2 = MovieSchema(2, true);
  // v2 file from offset 1; the v1 records 2 and 3 are projected into it (COUNTRY null).
  ASSERT_TRUE(PutAll({Movie(v1, 0), Movie(v2, 1), Movie(v1, 2), Movie(v1, 3), Movie(v2, 4)}).ok());
  EXPECT_THAT(store_->Keys(),
              ElementsAre("topics/movies/partition=0/movies+0+0000000000.snappy.parquet",
                          "topics/movies/partition=0/movies+0+0000000001.snappy.parquet"));
}

TEST_F(SinkTest, ByteArrayFormatWritesRawValues) {
  ASSERT_TRUE(Start({{"format.class", kByteArrayFormatClass},
                     {"flush.size", "2"},
                     {"format.bytearray.separator", "|"}})
                  .ok());
  Record a, b;
  for (Record* r : {&a, &b}) {
    r->topic = "movies";
    r->partition = 0;
    r->value_schema = data::BytesSchema();
  }
  a.kafka_offset = 0;
  a.value = Value::BytesOf(std::string("\x00\x01", 2));
  b.kafka_offset = 1;
  b.value = Value::BytesOf("raw");
  ASSERT_TRUE(PutAll({a, b}).ok());
  EXPECT_EQ(*store_->Get("topics/movies/partition=0/movies+0+0000000000.bin"),
            std::string("\x00\x01|raw|", 7));
}

TEST_F(SinkTest, UnknownScheduleTimezoneIsNamed) {
  Status s = Start({{"rotate.schedule.interval.ms", "60000"}, {"timezone", "Nowhere/Land"}});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("unknown time zone id 'Nowhere/Land'"));
}

}  // namespace
}  // namespace tributary::s3sink
