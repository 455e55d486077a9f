// The S3 sink against the real S3-compatible server of scripts/services (SigV4 verified):
// exact object keys after flush and rotation, multipart uploads above s3.part.size, a wrong
// secret and an unreachable server failing without committing, and a replay completing the
// result without duplicates. tests/python/test_s3sink_s3.py lists the same objects through
// boto3 and reads them with pyarrow (it sets TRIB_S3SINK_PREFIX to find them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <unistd.h>

#include "s3sink/s3_sink_task.h"
#include "storage/object_store_factory.h"
#include "storage/s3_store.h"

namespace tributary::s3sink {
namespace {

using data::SchemaBuilder;
using data::Value;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) {
    ADD_FAILURE() << name << " is not set: start the services with `scripts/services start s3` "
                  << "and `source $(scripts/services env-file)` before running this test";
    return "";
  }
  return v;
}

class S3SinkS3Test : public ::testing::Test {
 protected:
  void SetUp() override {
    values_ = {{"name", "s3-itest"},
               {"s3.bucket.name", Env("TRIB_S3_BUCKET")},
               {"store.url", Env("TRIB_S3_ENDPOINT")},
               {"s3.region", Env("TRIB_S3_REGION")},
               {"aws.access.key.id", Env("TRIB_S3_ACCESS_KEY")},
               {"aws.secret.access.key", Env("TRIB_S3_SECRET_KEY")},
               {"s3.retry.backoff.ms", "10"},
               {"s3.part.retries", "1"},
               {"flush.size", "10"},
               {"format.class", kParquetFormatClass}};
    ASSERT_FALSE(HasFailure());
    const char* prefix = std::getenv("TRIB_S3SINK_PREFIX");
    prefix_ = prefix ? prefix
                     : "s3sink-itest-" + std::to_string(getpid()) + "-" +
                           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    auto store = storage::OpenObjectStore(values_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }

  std::string Dir(const std::string& test) { return prefix_ + "/" + test; }

  std::vector<std::string> ListKeys(const std::string& dir) {
    auto list = store_->List(dir + "/");
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    std::vector<std::string> keys;
    if (list.ok())
      for (const auto& o : *list) keys.push_back(o.key);
    return keys;
  }

  static data::Record Movie(int64_t offset, int version, size_t title_bytes = 8) {
    // One schema object per version, as converters share them.
    static const data::SchemaPtr v1 = SchemaBuilder::Struct()
                                          .Name("db1.sampledatabase.movies.Value")
                                          .Version(1)
                                          .Field("movie_id", data::Int32Schema())
                                          .Field("title", data::OptionalStringSchema())
                                          .Build();
    static const data::SchemaPtr v2 = SchemaBuilder::From(*v1).Version(2)
                                          .Field("COUNTRY", data::OptionalStringSchema())
                                          .Build();
    data::Record r;
    r.topic = "movies";
    r.partition = 0;
    r.kafka_offset = offset;
    r.value_schema = version > 1 ? v2 : v1;
    r.value = Value::EmptyStruct(r.value_schema);
    r.value.set("movie_id", Value::Int(offset));
    std::string title = "movie " + std::to_string(offset) + " ";
    title.resize(std::max(title.size(), title_bytes), 'x');
    r.value.set("title", Value::String(title));
    if (version > 1) r.value.set("COUNTRY", Value::String("US"));
    return r;
  }

  Status Run(std::map<std::string, std::string> extra, int64_t from, int64_t to,
             int64_t* committed, size_t title_bytes = 8) {
    auto values = values_;
    for (auto& [k, v] : extra) values[k] = v;
    S3SinkTask task;
    TRIB_RETURN_IF_ERROR(task.Start({"s3-itest", 0, "/tmp"}, connect::Config(values)));
    data::RecordBatch batch;
    for (int64_t i = from; i < to; ++i) batch.records.push_back(Movie(i, i < 13 ? 1 : 2, title_bytes));
    Status s = task.Put(batch);
    auto safe = task.PreCommit({{{"movies", 0}, to}});
    *committed = safe.ok() && safe->count({"movies", 0}) ? safe->at({"movies", 0}) : from;
    task.Stop();
    return s;
  }

  std::map<std::string, std::string> values_;
  std::string prefix_;
  std::unique_ptr<storage::ObjectStore> store_;
};

TEST_F(S3SinkS3Test, FlushAndSchemaRotationGiveConfluentsKeys) {
  int64_t committed = 0;
  Status s = Run({{"topics.dir", Dir("flush")}}, 0, 25, &committed);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(committed, 23);
  const std::string base = Dir("flush") + "/movies/partition=0/movies+0+";
  EXPECT_THAT(ListKeys(Dir("flush")),
              ElementsAre(base + "0000000000.snappy.parquet", base + "0000000010.snappy.parquet",
                          base + "0000000013.snappy.parquet"));
  auto first = store_->Get(base + "0000000000.snappy.parquet");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->substr(0, 4), "PAR1");
}

TEST_F(S3SinkS3Test, ObjectsLargerThanThePartSizeUploadInParts) {
  int64_t committed = 0;
  // 3 records of 3 MiB titles as JSON: a ~9 MiB object, two parts of 5 MiB.
  Status s = Run({{"topics.dir", Dir("multipart")},
                  {"format.class", kJsonFormatClass},
                  {"flush.size", "3"},
                  {"s3.part.size", "5242880"}},
                 0, 3, &committed, 3 << 20);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(committed, 3);
  auto keys = ListKeys(Dir("multipart"));
  ASSERT_EQ(keys.size(), 1u);
  auto data = store_->Get(keys[0]);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_GT(data->size(), size_t{9} << 20);
  EXPECT_EQ(std::count(data->begin(), data->end(), '\n'), 3);
}

TEST_F(S3SinkS3Test, LargeParquetFilesStreamAsMultipartUploadsWithTags) {
  int64_t committed = 0;
  // 13 records of 1 MiB titles, uncompressed: a ~13 MiB file whose row groups (closed at the
  // 5 MiB part size) go up as parts while the file is open; tags follow the completion.
  Status s = Run({{"topics.dir", Dir("streamed")},
                  {"format.class", kParquetFormatClass},
                  {"parquet.codec", "none"},
                  {"flush.size", "13"},
                  {"s3.part.size", "5242880"},
                  {"s3.object.tagging", "true"}},
                 0, 13, &committed, 1 << 20);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(committed, 13);
  auto keys = ListKeys(Dir("streamed"));
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_THAT(keys[0], ::testing::EndsWith("movies+0+0000000000.parquet"));
  auto data = store_->Get(keys[0]);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_GT(data->size(), size_t{13} << 20);
  EXPECT_EQ(data->substr(0, 4), "PAR1");
  EXPECT_EQ(data->substr(data->size() - 4), "PAR1");
  auto* s3 = dynamic_cast<storage::S3Store*>(store_.get());
  ASSERT_NE(s3, nullptr);
  auto tags = s3->GetTags(keys[0]);
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ((*tags)["recordCount"], "13");
  EXPECT_EQ((*tags)["endOffset"], "12");
}

TEST_F(S3SinkS3Test, AWrongSecretFailsThePutAndCommitsNothing) {
  int64_t committed = 0;
  Status s = Run({{"topics.dir", Dir("badsecret")}, {"aws.secret.access.key", "wrong"}}, 0, 10,
                 &committed);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("movies+0+0000000000.snappy.parquet"));
  EXPECT_EQ(committed, 0);
  EXPECT_TRUE(ListKeys(Dir("badsecret")).empty());
}

TEST_F(S3SinkS3Test, AnUnreachableServerThenAReplayLeavesNoGapsNorDuplicates) {
  int64_t committed = 0;
  // The first 10 records go up; the server "stops" (an unreachable endpoint) for the rest.
  ASSERT_TRUE(Run({{"topics.dir", Dir("outage")}}, 0, 12, &committed).ok());
  ASSERT_EQ(committed, 10);
  Status s = Run({{"topics.dir", Dir("outage")}, {"store.url", "http://127.0.0.1:9"}}, committed,
                 25, &committed);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(committed, 10);
  // Back up: the runtime replays from the committed offset.
  s = Run({{"topics.dir", Dir("outage")}}, committed, 25, &committed);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(committed, 23);
  const std::string base = Dir("outage") + "/movies/partition=0/movies+0+";
  EXPECT_THAT(ListKeys(Dir("outage")),
              ElementsAre(base + "0000000000.snappy.parquet", base + "0000000010.snappy.parquet",
                          base + "0000000013.snappy.parquet"));
}

}  // namespace
}  // namespace tributary::s3sink
