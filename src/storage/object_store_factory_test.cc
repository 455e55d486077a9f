#include "storage/object_store_factory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace tributary::storage {
namespace {

EnvLookup NoEnv() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

std::map<std::string, std::string> S3Config() {
  return {{"s3.bucket.name", "b"},
          {"store.url", "http://127.0.0.1:1"},
          {"aws.access.key.id", "id"},
          {"aws.secret.access.key", "secret"}};
}

TEST(OpenObjectStoreTest, S3StoreFromConfluentKeys) {
  auto store = OpenObjectStore(S3Config(), NoEnv());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->Describe(), "s3://b");
}

TEST(OpenObjectStoreTest, BucketIsRequired) {
  auto config = S3Config();
  config.erase("s3.bucket.name");
  auto store = OpenObjectStore(config, NoEnv());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("s3.bucket.name"), std::string::npos);
}

TEST(OpenObjectStoreTest, BadValuesNameTheKey) {
  for (auto [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"s3.part.size", "1024"},
           {"s3.part.size", "25MB"},
           {"s3.part.retries", "-1"},
           {"s3.path.style.access.enabled", "yes"},
           {"store.url", "ftp://host"}}) {
    auto config = S3Config();
    config[key] = value;
    auto store = OpenObjectStore(config, NoEnv());
    ASSERT_FALSE(store.ok()) << key << "=" << value;
    EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(store.status().message().find(key), std::string::npos) << store.status().message();
  }
}

TEST(OpenObjectStoreTest, MissingCredentialsIsAnError) {
  auto config = S3Config();
  config.erase("aws.access.key.id");
  config.erase("aws.secret.access.key");
  auto store = OpenObjectStore(config, NoEnv());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("AWS_ACCESS_KEY_ID"), std::string::npos);
}

}  // namespace
}  // namespace tributary::storage

namespace tributary::storage {
namespace {

TEST(OpenObjectStoreTest, EndpointFromTheEnvironmentWhenStoreUrlIsUnset) {
  auto folder = std::filesystem::temp_directory_path() /
                ("trib-endpoint-env-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  EnvLookup env = [&](const std::string& name) -> std::optional<std::string> {
    if (name == "AWS_ENDPOINT_URL_S3") return "file://" + folder.string();
    return std::nullopt;
  };
  auto store = OpenObjectStore({{"s3.bucket.name", "b"}}, env);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_NE((*store)->Describe().find(folder.string()), std::string::npos) << (*store)->Describe();
  // An explicit store.url wins over the environment.
  auto explicit_store = OpenObjectStore(S3Config(), env);
  ASSERT_TRUE(explicit_store.ok());
  EXPECT_EQ((*explicit_store)->Describe(), "s3://b");
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace tributary::storage
