#include "registry/sqlite_schema_store.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace tributary::registry {
namespace {

class SqliteSchemaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trib-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    store_.reset();
    auto s = SqliteSchemaStore::Open(dir_.string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  NewVersion Version(std::string subject, std::string key) {
    return NewVersion{std::move(subject), "AVRO", "\"" + key + "\"", {}, key, {}, {}};
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteSchemaStore> store_;
};

TEST_F(SqliteSchemaStoreTest, SameSchemaKeepsItsIdAcrossSubjectsAndRestarts) {
  auto a = store_->AddVersion(Version("a-value", "int"));
  ASSERT_TRUE(a.ok());
  auto b = store_->AddVersion(Version("b-value", "int"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->schema_id, b->schema_id);
  auto c = store_->AddVersion(Version("a-value", "long"));
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->schema_id, a->schema_id);
  EXPECT_EQ(c->version, 2);
  EXPECT_NE(c->uuid, a->uuid);

  Reopen();
  auto found = store_->FindSchemaId("long");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->value(), c->schema_id);
  auto versions = store_->ListVersions("a-value", false);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[1].uuid, c->uuid);
  auto by_uuid = store_->VersionByUuid(c->uuid);
  ASSERT_TRUE(by_uuid.ok());
  EXPECT_EQ(by_uuid->version, 2);
  auto schema = store_->GetSchema(c->schema_id);
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->schema, "\"long\"");
}

TEST_F(SqliteSchemaStoreTest, VersionNumbersContinueAfterSoftDeleteAndRestartAfterHardDelete) {
  ASSERT_TRUE(store_->AddVersion(Version("s", "int")).ok());
  ASSERT_TRUE(store_->AddVersion(Version("s", "long")).ok());
  ASSERT_TRUE(store_->SetDeleted("s", 2, true).ok());
  EXPECT_EQ(store_->ListVersions("s", false)->size(), 1u);
  EXPECT_EQ(store_->ListVersions("s", true)->size(), 2u);
  auto v3 = store_->AddVersion(Version("s", "string"));
  ASSERT_TRUE(v3.ok());
  EXPECT_EQ(v3->version, 3);
  ASSERT_TRUE(store_->DeletePermanently("s", 3).ok());
  EXPECT_TRUE(store_->DeletePermanently("s", 3).IsNotFound());
  EXPECT_EQ(store_->AddVersion(Version("s", "bytes"))->version, 3);
}

TEST_F(SqliteSchemaStoreTest, ImportKeepsGivenIdsAndRejectsConflicts) {
  NewVersion v = Version("s", "int");
  v.id = 100;
  v.version = 7;
  auto r = store_->AddVersion(v);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->schema_id, 100);
  EXPECT_EQ(r->version, 7);
  NewVersion clash = Version("t", "long");
  clash.id = 100;
  EXPECT_EQ(store_->AddVersion(clash).status().code(), StatusCode::kAlreadyExists);
  // The failed transaction left nothing behind.
  EXPECT_TRUE(store_->ListVersions("t", true)->empty());
  EXPECT_EQ(store_->AddVersion(Version("u", "long"))->schema_id, 101);
}

TEST_F(SqliteSchemaStoreTest, ReferencesAndConfig) {
  ASSERT_TRUE(store_->AddVersion(Version("base", "int")).ok());
  NewVersion user = Version("user", "rec");
  user.references = {{"Base", "base", 1}};
  auto u = store_->AddVersion(user);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(*store_->ReferencedBy("base", 1), std::vector<int32_t>{u->schema_id});
  EXPECT_EQ(store_->GetSchema(u->schema_id)->references, user.references);

  EXPECT_FALSE(store_->GetConfig("", "compatibility")->has_value());
  ASSERT_TRUE(store_->SetConfig("", "compatibility", "FULL").ok());
  ASSERT_TRUE(store_->SetConfig("s", "compatibility", "NONE").ok());
  Reopen();
  EXPECT_EQ(store_->GetConfig("", "compatibility")->value(), "FULL");
  ASSERT_TRUE(store_->DeleteConfig("s", "compatibility").ok());
  EXPECT_FALSE(store_->GetConfig("s", "compatibility")->has_value());
}

}  // namespace
}  // namespace tributary::registry
