#include "storage/local_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "storage/object_store_factory.h"

namespace tributary::storage {
namespace {

class LocalStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("trib-local-store-" + std::to_string(::getpid()) + "-" +
               testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::unique_ptr<ObjectStore> OpenFromConfig() {
    auto store = OpenObjectStore({{"store.url", "file://" + folder_.string()},
                                  {"s3.bucket.name", "bucket"}});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return std::move(store).value();
  }

  std::filesystem::path folder_;
};

TEST_F(LocalStoreTest, ObjectsLandUnderFolderBucketKey) {
  auto store = OpenFromConfig();
  std::string key = "topics/t/partition=0/t+0+0000000000.snappy.parquet";
  ASSERT_TRUE(store->Put(key, "PAR1data").ok());
  std::ifstream in(folder_ / "bucket" / key, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "PAR1data");
  EXPECT_EQ(store->Get(key).value(), "PAR1data");
  EXPECT_EQ(store->Describe(), "file://" + (folder_ / "bucket").string());
}

TEST_F(LocalStoreTest, PutReplacesAndLeavesNoTemporaryFiles) {
  auto store = OpenFromConfig();
  ASSERT_TRUE(store->Put("a/b c/ü+1.json", "first").ok());
  ASSERT_TRUE(store->Put("a/b c/ü+1.json", "second, longer").ok());
  EXPECT_EQ(store->Get("a/b c/ü+1.json").value(), "second, longer");
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder_)) {
    if (entry.is_regular_file()) ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST_F(LocalStoreTest, ListsByPrefixInKeyOrderWithSizes) {
  auto store = OpenFromConfig();
  ASSERT_TRUE(store->Put("topics/t/partition=1/t+1+0000000000.json", "12345").ok());
  ASSERT_TRUE(store->Put("topics/t/partition=0/t+0+0000000003.json", "1").ok());
  ASSERT_TRUE(store->Put("topics/t/partition=0/t+0+0000000000.json", "12").ok());
  ASSERT_TRUE(store->Put("topics/u/partition=0/u+0+0000000000.json", "").ok());
  auto listed = store->List("topics/t/partition=0/");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].key, "topics/t/partition=0/t+0+0000000000.json");
  EXPECT_EQ((*listed)[0].size, 2);
  EXPECT_EQ((*listed)[1].key, "topics/t/partition=0/t+0+0000000003.json");
  EXPECT_EQ(store->List("topics/t").value().size(), 3u);
  EXPECT_EQ(store->List("").value().size(), 4u);
  EXPECT_TRUE(store->List("nothing/here/").value().empty());
}

TEST_F(LocalStoreTest, MissingObjectIsNotFoundAndDeleteIsIdempotent) {
  auto store = OpenFromConfig();
  EXPECT_TRUE(store->Get("no/such/key").status().IsNotFound());
  ASSERT_TRUE(store->Put("k", "v").ok());
  EXPECT_TRUE(store->Delete("k").ok());
  EXPECT_TRUE(store->Get("k").status().IsNotFound());
  EXPECT_TRUE(store->Delete("k").ok());
}

TEST_F(LocalStoreTest, KeysThatWouldEscapeTheFolderAreRejected) {
  auto store = OpenFromConfig();
  for (std::string key : {"../x", "a/../../x", "/abs", "a//b", "dir/", ""}) {
    Status status = store->Put(key, "v");
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << key;
  }
}

TEST_F(LocalStoreTest, RelativeFolderIsRejected) {
  auto store = OpenObjectStore({{"store.url", "file://relative"}, {"s3.bucket.name", "b"}});
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(LocalStoreTest, StreamedObjectAppearsOnlyOnCommitAndAbortLeavesNothing) {
  auto store = OpenFromConfig();
  auto upload = store->StartUpload("topics/t/partition=0/t+0+0000000000.parquet");
  ASSERT_TRUE(upload.ok()) << upload.status().ToString();
  ASSERT_TRUE((*upload)->Append("PAR1").ok());
  ASSERT_TRUE((*upload)->Append("rest").ok());
  EXPECT_EQ((*upload)->buffered_bytes(), 0);
  EXPECT_TRUE(store->List("topics/")->empty());
  ASSERT_TRUE((*upload)->Commit().ok());
  EXPECT_EQ(*store->Get("topics/t/partition=0/t+0+0000000000.parquet"), "PAR1rest");

  auto aborted = store->StartUpload("topics/t/partition=0/t+0+0000000001.parquet");
  ASSERT_TRUE(aborted.ok());
  ASSERT_TRUE((*aborted)->Append("partial").ok());
  aborted->reset();
  EXPECT_EQ(store->List("topics/")->size(), 1u);
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder_)) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 1u);  // no temporary file left behind
}

}  // namespace
}  // namespace tributary::storage
