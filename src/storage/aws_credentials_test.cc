#include "storage/aws_credentials.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace tributary::storage {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

class AwsCredentialsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trib-creds-" + std::to_string(::getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / ".aws");
    std::ofstream(dir_ / ".aws" / "credentials")
        << "[default]\naws_access_key_id = DEFAULTID\naws_secret_access_key = defaultsecret\n"
           "\n# another\n[ci]\naws_access_key_id=CIID\naws_secret_access_key=ci/secret+x\n"
           "aws_session_token = token\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(AwsCredentialsTest, ConfigKeysComeFirst) {
  auto credentials = ResolveAwsCredentials(
      {{"aws.access.key.id", "CFGID"}, {"aws.secret.access.key", "cfgsecret"}},
      FakeEnv({{"AWS_ACCESS_KEY_ID", "ENVID"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"},
               {"HOME", dir_.string()}}));
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->access_key_id, "CFGID");
  EXPECT_EQ(credentials->secret_access_key, "cfgsecret");
}

TEST_F(AwsCredentialsTest, EnvironmentBeforeCredentialsFile) {
  auto credentials = ResolveAwsCredentials(
      {}, FakeEnv({{"AWS_ACCESS_KEY_ID", "ENVID"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"},
                   {"AWS_SESSION_TOKEN", "tok"}, {"HOME", dir_.string()}}));
  ASSERT_TRUE(credentials.ok());
  EXPECT_EQ(credentials->access_key_id, "ENVID");
  EXPECT_EQ(credentials->session_token, "tok");
}

TEST_F(AwsCredentialsTest, CredentialsFileDefaultAndNamedProfile) {
  auto by_default = ResolveAwsCredentials({}, FakeEnv({{"HOME", dir_.string()}}));
  ASSERT_TRUE(by_default.ok());
  EXPECT_EQ(by_default->access_key_id, "DEFAULTID");
  auto named = ResolveAwsCredentials({}, FakeEnv({{"HOME", dir_.string()}, {"AWS_PROFILE", "ci"}}));
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->secret_access_key, "ci/secret+x");
  EXPECT_EQ(named->session_token, "token");
}

TEST_F(AwsCredentialsTest, MissingEverywhereNamesEveryPlace) {
  auto none = ResolveAwsCredentials({}, FakeEnv({{"HOME", dir_.string()}, {"AWS_PROFILE", "x"}}));
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("aws.access.key.id"), std::string::npos);
  EXPECT_NE(none.status().message().find("AWS_ACCESS_KEY_ID"), std::string::npos);
  EXPECT_NE(none.status().message().find("[x]"), std::string::npos);
}

TEST_F(AwsCredentialsTest, HalfConfiguredKeysAreAnError) {
  auto half = ResolveAwsCredentials({{"aws.access.key.id", "ID"}}, FakeEnv({}));
  ASSERT_FALSE(half.ok());
  EXPECT_NE(half.status().message().find("aws.secret.access.key"), std::string::npos);
}

}  // namespace
}  // namespace tributary::storage
