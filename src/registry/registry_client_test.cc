#include "registry/registry_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "registry/embedded_registry.h"
#include "registry/registry_error.h"
#include "registry/rest_server.h"

namespace tributary::registry {
namespace {

using ::testing::HasSubstr;

const char* kV1 = R"({"type":"record","name":"Value","fields":[{"name":"movie_id","type":"int"}]})";
const char* kV2 = R"({"type":"record","name":"Value","fields":[{"name":"movie_id","type":"int"},{"name":"COUNTRY","type":"string"}]})";

class RegistryClientTest : public ::testing::TestWithParam<bool /*http*/> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trib-client-" + std::to_string(::getpid()) + "-" + std::to_string(GetParam()));
    std::filesystem::remove_all(dir_);
    registry_ = std::move(Registry::OpenEmbedded(dir_.string())).value();
    if (GetParam()) {
      server_ = std::make_unique<RestServer>(registry_.get());
      ASSERT_TRUE(server_->Start("127.0.0.1", 0).ok());
      client_ = std::move(HttpRegistryClient::Create(
                              "http://127.0.0.1:" + std::to_string(server_->port()))).value();
    } else {
      client_ = std::make_unique<LocalRegistryClient>(registry_.get());
    }
  }
  void TearDown() override {
    client_.reset();
    server_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<RestServer> server_;
  std::unique_ptr<RegistryClient> client_;
};

TEST_P(RegistryClientTest, ConfluentCallsReturnParsedSchemas) {
  auto registered = client_->Register("t-value", kV1);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  ASSERT_TRUE(registered->parsed);
  EXPECT_EQ(registered->parsed->full_name(), "Value");
  auto by_id = client_->GetById(registered->id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->parsed->fields().size(), 1u);
  EXPECT_EQ(client_->Lookup("t-value", kV1)->version, 1);
  EXPECT_EQ(client_->GetLatest("t-value")->id, registered->id);
  auto missing = client_->GetById(99);
  EXPECT_EQ(RegistryErrorCode(missing.status()), error_code::kSchemaNotFound);

  auto incompatible = client_->Register("t-value", kV2);
  ASSERT_FALSE(incompatible.ok());
  EXPECT_EQ(incompatible.status().code(), StatusCode::kIncompatible);
  EXPECT_THAT(incompatible.status().message(), HasSubstr("COUNTRY"));
  EXPECT_THAT(incompatible.status().message(), HasSubstr("t-value"));
  EXPECT_THAT(incompatible.status().message(), HasSubstr("BACKWARD"));
}

TEST_P(RegistryClientTest, GlueCallsCarryVersionUuidsAndCompatibilityOnCreate) {
  auto v1 = client_->GlueRegister("values", "movies", kV1, CompatibilityLevel::kForward, true);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->uuid.size(), 36u);
  EXPECT_EQ(*registry_->GetCompatibility(":.values:movies", false), CompatibilityLevel::kForward);
  auto v2 = client_->GlueRegister("values", "movies", kV2, CompatibilityLevel::kBackward, true);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->version, 2);
  auto fetched = client_->GlueGetByUuid(v2->uuid);
  ASSERT_TRUE(fetched.ok()) << fetched.status().ToString();
  EXPECT_EQ(fetched->version, 2);
  EXPECT_EQ(fetched->parsed->fields().size(), 2u);
  // Without auto-registration only existing versions are found.
  EXPECT_EQ(client_->GlueRegister("values", "movies", kV1, CompatibilityLevel::kBackward, false)->uuid, v1->uuid);
  EXPECT_FALSE(client_->GlueRegister("values", "other", kV1, CompatibilityLevel::kBackward, false).ok());
}

INSTANTIATE_TEST_SUITE_P(LocalAndHttp, RegistryClientTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Http" : "Local"; });

// Counts calls that reach the wrapped client.
class CountingClient : public RegistryClient {
 public:
  explicit CountingClient(Registry* r) : local_(r) {}
  int calls = 0;
  Result<RegisteredSchema> Register(const std::string& s, const std::string& schema) override { ++calls; return local_.Register(s, schema); }
  Result<RegisteredSchema> Lookup(const std::string& s, const std::string& schema) override { ++calls; return local_.Lookup(s, schema); }
  Result<RegisteredSchema> GetLatest(const std::string& s) override { ++calls; return local_.GetLatest(s); }
  Result<RegisteredSchema> GetById(int32_t id) override { ++calls; return local_.GetById(id); }
  Result<RegisteredSchema> GlueRegister(const std::string& r, const std::string& s, const std::string& d,
                                        CompatibilityLevel c, bool a) override { ++calls; return local_.GlueRegister(r, s, d, c, a); }
  Result<RegisteredSchema> GlueGetByUuid(const std::string& u) override { ++calls; return local_.GlueGetByUuid(u); }
 private:
  LocalRegistryClient local_;
};

TEST(CachingRegistryClientTest, AsksTheRegistryOncePerSchema) {
  auto dir = std::filesystem::temp_directory_path() / ("trib-cache-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto registry = std::move(Registry::OpenEmbedded(dir.string())).value();
  auto counting = std::make_unique<CountingClient>(registry.get());
  CountingClient* counter = counting.get();
  CachingRegistryClient cached(std::move(counting));
  auto first = cached.Register("s", kV1);
  ASSERT_TRUE(first.ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(cached.Register("s", kV1)->id, first->id);
    EXPECT_EQ(cached.GetById(first->id)->id, first->id);
  }
  auto glue = cached.GlueRegister("r", "s", kV1, CompatibilityLevel::kBackward, true);
  ASSERT_TRUE(glue.ok());
  EXPECT_EQ(cached.GlueGetByUuid(glue->uuid)->version, 1);
  EXPECT_EQ(counter->calls, 2);
  registry.reset();
  std::filesystem::remove_all(dir);
}

TEST(NewRegistryClientTest, UsesTheEmbeddedRegistryOrNamesTheMissingKey) {
  SetEmbeddedRegistry(nullptr);
  auto none = NewRegistryClient("", "schema.registry.url");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("schema.registry.url"));
  EXPECT_FALSE(NewRegistryClient("https://x:1", "schema.registry.url").ok());

  auto dir = std::filesystem::temp_directory_path() / ("trib-embedded-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto registry = std::move(Registry::OpenEmbedded(dir.string())).value();
  SetEmbeddedRegistry(registry.get());
  auto client = NewRegistryClient("", "schema.registry.url");
  ASSERT_TRUE(client.ok());
  EXPECT_TRUE((*client)->Register("e", kV1).ok());
  EXPECT_EQ(registry->GetVersion("e", "latest")->version, 1);
  SetEmbeddedRegistry(nullptr);
  registry.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tributary::registry
