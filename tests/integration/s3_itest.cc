// S3Store against the S3-compatible server (versitygw), which verifies every SigV4 signature:
// a request we sign wrongly fails, so a passing test proves our signing and key encoding.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "service_env.h"
#include "storage/object_store_factory.h"
#include "storage/s3_store.h"

namespace tributary::storage {
namespace {

using testing_env::RequireEnv;

class S3ServerTest : public testing::Test {
 protected:
  void SetUp() override {
    endpoint_ = RequireEnv("TRIB_S3_ENDPOINT");
    access_key_ = RequireEnv("TRIB_S3_ACCESS_KEY");
    secret_key_ = RequireEnv("TRIB_S3_SECRET_KEY");
    bucket_ = RequireEnv("TRIB_S3_BUCKET");
    region_ = RequireEnv("TRIB_S3_REGION");
    ASSERT_FALSE(HasFailure());
    prefix_ = "itest-" + std::to_string(::getpid()) + "-" +
              testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
  }

  std::map<std::string, std::string> Config() const {
    return {{"store.url", endpoint_},         {"s3.bucket.name", bucket_},
            {"s3.region", region_},           {"aws.access.key.id", access_key_},
            {"aws.secret.access.key", secret_key_}, {"s3.part.size", "5242880"},
            {"s3.retry.backoff.ms", "50"}};
  }

  std::unique_ptr<ObjectStore> Open(std::map<std::string, std::string> overrides = {}) {
    auto config = Config();
    for (auto& [key, value] : overrides) config[key] = value;
    auto store = OpenObjectStore(config);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  std::string endpoint_, access_key_, secret_key_, bucket_, region_, prefix_;
};

TEST_F(S3ServerTest, SignedPutAndGetOfConfluentStyleKey) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  std::string key = prefix_ + "topics/t/partition=0/t+0+0000000000.snappy.parquet";
  std::string data("PAR1\0\x01\x02binary\xff", 14);
  ASSERT_TRUE(store->Put(key, data).ok());
  auto read = store->Get(key);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, data);
}

TEST_F(S3ServerTest, KeysWithSpacesUnicodeAndReservedCharactersRoundTrip) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  std::vector<std::string> keys = {
      prefix_ + "dir with spaces/ünïcödé €/a=b+c.json",
      prefix_ + "sym!$&'()*,;:@~[]/x y",
      prefix_ + "日本語/キー+1+0000000001.avro",
  };
  for (const auto& key : keys) {
    Status put = store->Put(key, "value of " + key);
    ASSERT_TRUE(put.ok()) << key << ": " << put.ToString();
    auto read = store->Get(key);
    ASSERT_TRUE(read.ok()) << key << ": " << read.status().ToString();
    EXPECT_EQ(*read, "value of " + key);
  }
  auto listed = store->List(prefix_);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  std::vector<std::string> listed_keys;
  for (const auto& object : *listed) listed_keys.push_back(object.key);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(listed_keys, keys);
}

TEST_F(S3ServerTest, ListFollowsContinuationTokensPastOneThousandKeys) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  constexpr int kObjects = 1003;
  ASSERT_TRUE(store->Put(prefix_ + "partition=0/t+0+0000000000.json", "x").ok());
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = w; i < kObjects; i += 4) {
        if (!store->Put(fmt::format("{}partition=0/t+0+{:010}.json", prefix_, i), "x").ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  ASSERT_EQ(failures.load(), 0);
  auto listed = store->List(prefix_ + "partition=0/");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), static_cast<size_t>(kObjects));
  EXPECT_EQ(listed->front().key, prefix_ + "partition=0/t+0+0000000000.json");
  EXPECT_EQ(listed->back().key, prefix_ + "partition=0/t+0+0000001002.json");
  EXPECT_EQ(listed->back().size, 1);
}

TEST_F(S3ServerTest, MultipartUploadAboveThePartSizeWithTags) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  std::string data(11 * 1024 * 1024 + 123, '\0');  // three parts of 5 MiB, 5 MiB, 1 MiB+
  std::mt19937 random(7);
  for (auto& byte : data) byte = static_cast<char>(random());
  std::string key = prefix_ + "topics/big/partition=0/big+0+0000000000.snappy.parquet";
  Status put = store->Put(key, data, {{"team", "data eng"}, {"k+=:@", "v/ü x"}});
  ASSERT_TRUE(put.ok()) << put.ToString();
  auto read = store->Get(key);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(*read == data) << "downloaded " << read->size() << " bytes";
  auto tags = static_cast<S3Store*>(store.get())->GetTags(key);
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  EXPECT_EQ(*tags, (std::map<std::string, std::string>{{"team", "data eng"}, {"k+=:@", "v/ü x"}}));
}

TEST_F(S3ServerTest, VirtualHostAddressing) {
  // curl resolves <bucket>.localhost to loopback and the server routes by host name.
  std::string port = endpoint_.substr(endpoint_.rfind(':') + 1);
  auto store = Open({{"store.url", "http://localhost:" + port},
                     {"s3.path.style.access.enabled", "false"}});
  ASSERT_NE(store, nullptr);
  std::string key = prefix_ + "partition=0/v+0+0000000000.json";
  Status put = store->Put(key, "virtual");
  ASSERT_TRUE(put.ok()) << put.ToString();
  EXPECT_EQ(store->Get(key).value(), "virtual");
  EXPECT_EQ(store->List(prefix_).value().size(), 1u);
}

TEST_F(S3ServerTest, DeleteAndMissingObjects) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  std::string key = prefix_ + "gone";
  ASSERT_TRUE(store->Put(key, "x").ok());
  ASSERT_TRUE(store->Delete(key).ok());
  auto read = store->Get(key);
  EXPECT_TRUE(read.status().IsNotFound()) << read.status().ToString();
  EXPECT_TRUE(store->List(prefix_).value().empty());
}

TEST_F(S3ServerTest, WrongSecretKeyIsRejectedByTheServer) {
  auto store = Open({{"aws.secret.access.key", secret_key_ + "x"}, {"s3.part.retries", "0"}});
  ASSERT_NE(store, nullptr);
  Status put = store->Put(prefix_ + "forged", "x");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.code(), StatusCode::kIOError) << put.ToString();
  EXPECT_TRUE(put.message().find("SignatureDoesNotMatch") != std::string::npos ||
              put.message().find("HTTP 403") != std::string::npos)
      << put.ToString();
  auto read = store->Get(prefix_ + "forged");
  EXPECT_FALSE(read.ok());
  EXPECT_FALSE(read.status().IsNotFound()) << "a forged request must not reach the object";
}

TEST_F(S3ServerTest, UnknownAccessKeyIsRejected) {
  auto store = Open({{"aws.access.key.id", "NOSUCHKEY"}, {"s3.part.retries", "0"}});
  ASSERT_NE(store, nullptr);
  auto listed = store->List(prefix_);
  ASSERT_FALSE(listed.ok());
  // The server must answer and refuse: AWS says 403 InvalidAccessKeyId, versitygw 404
  // XAdminUserNotFound. A transport error (no server) is kUnavailable and fails here.
  EXPECT_EQ(listed.status().code(), StatusCode::kIOError) << listed.status().ToString();
  EXPECT_NE(listed.status().message().find("HTTP 4"), std::string::npos);
}

}  // namespace
}  // namespace tributary::storage
