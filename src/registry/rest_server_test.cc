#include "registry/rest_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

namespace tributary::registry {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

const char* kMoviesV1 =
    R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies","fields":[{"name":"movie_id","type":"int"},{"name":"title","type":"string"},{"name":"release_year","type":"int"}]})";
const char* kMoviesV2 =
    R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies","fields":[{"name":"movie_id","type":"int"},{"name":"title","type":"string"},{"name":"release_year","type":"int"},{"name":"COUNTRY","type":"string"}]})";

class RestServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trib-rest-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    registry_ = std::move(Registry::OpenEmbedded(dir_.string())).value();
    server_ = std::make_unique<RestServer>(registry_.get());
    ASSERT_TRUE(server_->Start("127.0.0.1", 0).ok());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  void TearDown() override {
    server_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  static std::string Escape(const std::string& s) { return httplib::detail::encode_query_param(s); }
  // Returns (status, parsed body).
  std::pair<int, Json> Call(const std::string& method, const std::string& path,
                            const Json& body = nullptr) {
    std::string text = body.is_null() ? "" : body.dump();
    const char* type = "application/vnd.schemaregistry.v1+json";
    httplib::Result res = method == "GET"    ? client_->Get(path)
                          : method == "POST" ? client_->Post(path, text, type)
                          : method == "PUT"  ? client_->Put(path, text, type)
                                             : client_->Delete(path);
    EXPECT_TRUE(res) << method << " " << path;
    if (!res) return {0, nullptr};
    EXPECT_EQ(res->get_header_value("Content-Type"), type) << path;
    return {res->status, Json::parse(res->body, nullptr, false)};
  }

  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<RestServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(RestServerTest, RegisterLookupAndFetchLikeConfluent) {
  auto [status, body] = Call("POST", "/subjects/movies-value/versions", {{"schema", kMoviesV1}});
  ASSERT_EQ(status, 200) << body;
  int id = body["id"];
  EXPECT_EQ(body["version"], 1);
  // Registering again (whitespace differs) returns the same id.
  auto again = Call("POST", "/subjects/movies-value/versions",
                    {{"schema", std::string(" ") + kMoviesV1 + "\n"}, {"schemaType", "AVRO"}});
  EXPECT_EQ(again.second["id"], id);

  auto by_id = Call("GET", "/schemas/ids/" + std::to_string(id));
  EXPECT_EQ(by_id.first, 200);
  EXPECT_EQ(Json::parse(by_id.second["schema"].get<std::string>()), Json::parse(kMoviesV1));
  EXPECT_FALSE(by_id.second.contains("schemaType"));

  auto latest = Call("GET", "/subjects/movies-value/versions/latest");
  EXPECT_EQ(latest.second["subject"], "movies-value");
  EXPECT_EQ(latest.second["version"], 1);
  EXPECT_EQ(latest.second["id"], id);

  auto raw = client_->Get("/subjects/movies-value/versions/1/schema");
  ASSERT_TRUE(raw);
  EXPECT_EQ(Json::parse(raw->body), Json::parse(kMoviesV1));

  auto lookup = Call("POST", "/subjects/movies-value", {{"schema", kMoviesV1}});
  EXPECT_EQ(lookup.second["version"], 1);
  EXPECT_EQ(Call("GET", "/subjects").second, Json::array({"movies-value"}));
  EXPECT_EQ(Call("GET", "/subjects/movies-value/versions").second, Json::array({1}));
  EXPECT_EQ(Call("GET", "/schemas/ids/" + std::to_string(id) + "/subjects").second,
            Json::array({"movies-value"}));
  EXPECT_EQ(Call("GET", "/schemas/ids/" + std::to_string(id) + "/versions").second,
            Json::parse(R"([{"subject":"movies-value","version":1}])"));
  EXPECT_EQ(Call("GET", "/schemas/types").second, Json::array({"AVRO"}));
  EXPECT_EQ(Call("GET", "/subjects/movies-value/versions/1/referencedby").second, Json::array());
}

TEST_F(RestServerTest, ErrorBodiesCarryConfluentCodes) {
  auto expect_error = [&](const std::string& method, const std::string& path, int http, int code,
                          const Json& body = nullptr) {
    auto [status, reply] = Call(method, path, body);
    EXPECT_EQ(status, http) << method << " " << path << ": " << reply;
    EXPECT_EQ(reply["error_code"], code) << method << " " << path << ": " << reply;
    EXPECT_TRUE(reply["message"].is_string());
  };
  expect_error("GET", "/subjects/nope/versions", 404, 40401);
  expect_error("GET", "/schemas/ids/77", 404, 40403);
  expect_error("POST", "/subjects/s/versions", 422, 42201, {{"schema", "{\"type\":\"recrd\"}"}});
  ASSERT_EQ(Call("POST", "/subjects/s/versions", {{"schema", "\"int\""}}).first, 200);
  expect_error("GET", "/subjects/s/versions/9", 404, 40402);
  expect_error("GET", "/subjects/s/versions/x", 422, 42202);
  expect_error("PUT", "/config/s", 422, 42203, {{"compatibility", "SIDEWAYS"}});
  expect_error("PUT", "/mode/s", 422, 42204, {{"mode", "SIDEWAYS"}});
  expect_error("GET", "/config/s", 404, 40408);
  expect_error("POST", "/subjects/s/versions", 409, 409, {{"schema", "\"string\""}});
  expect_error("DELETE", "/subjects/s?permanent=true", 404, 40405);
  EXPECT_EQ(Call("DELETE", "/subjects/s").second, Json::array({1}));
  expect_error("DELETE", "/subjects/s", 404, 40404);
  EXPECT_EQ(Call("DELETE", "/subjects/s?permanent=true").second, Json::array({1}));
  expect_error("GET", "/no/such/path", 404, 404);
}

TEST_F(RestServerTest, ConfigModeCompatibilityAndContexts) {
  EXPECT_EQ(Call("GET", "/config").second["compatibilityLevel"], "BACKWARD");
  EXPECT_EQ(Call("PUT", "/config/fwd", {{"compatibility", "FORWARD"}}).second["compatibility"], "FORWARD");
  EXPECT_EQ(Call("GET", "/config/fwd").second["compatibilityLevel"], "FORWARD");
  EXPECT_EQ(Call("GET", "/config/other?defaultToGlobal=true").second["compatibilityLevel"], "BACKWARD");
  ASSERT_EQ(Call("POST", "/subjects/fwd/versions", {{"schema", kMoviesV1}}).first, 200);
  ASSERT_EQ(Call("POST", "/subjects/fwd/versions", {{"schema", kMoviesV2}}).first, 200);
  ASSERT_EQ(Call("POST", "/subjects/bwd/versions", {{"schema", kMoviesV1}}).first, 200);

  auto verbose = Call("POST", "/compatibility/subjects/bwd/versions/latest?verbose=true", {{"schema", kMoviesV2}});
  EXPECT_EQ(verbose.second["is_compatible"], false);
  ASSERT_TRUE(verbose.second["messages"].is_array());
  EXPECT_THAT(verbose.second["messages"][0].get<std::string>(), HasSubstr("COUNTRY"));
  auto quiet = Call("POST", "/compatibility/subjects/bwd/versions", {{"schema", kMoviesV2}});
  EXPECT_EQ(quiet.second, Json::parse(R"({"is_compatible":false})"));
  EXPECT_EQ(Call("POST", "/compatibility/subjects/fwd/versions/1", {{"schema", kMoviesV2}}).second["is_compatible"], true);

  EXPECT_EQ(Call("DELETE", "/config/fwd").second["compatibilityLevel"], "FORWARD");
  EXPECT_EQ(Call("GET", "/mode").second["mode"], "READWRITE");
  EXPECT_EQ(Call("PUT", "/mode/bwd", {{"mode", "READONLY"}}).second["mode"], "READONLY");
  EXPECT_EQ(Call("POST", "/subjects/bwd/versions", {{"schema", "\"int\""}}).second["error_code"], 42205);
  EXPECT_EQ(Call("GET", "/contexts").second, Json::array({"."}));
}

TEST_F(RestServerTest, GlueRegistriesThroughQualifiedSubjectsAndGlueBrowsing) {
  ASSERT_TRUE(registry_->GlueRegisterSchemaVersion("msk-connect-blog-values", "db1.sampledatabase.movies",
                                                   kMoviesV1, CompatibilityLevel::kForward).ok());
  auto v2 = registry_->GlueRegisterSchemaVersion("msk-connect-blog-values", "db1.sampledatabase.movies",
                                                 kMoviesV2, std::nullopt);
  ASSERT_TRUE(v2.ok());
  auto v1 = Call("GET", "/subjects/" + Escape(":.msk-connect-blog-values:db1.sampledatabase.movies") + "/versions/1");
  ASSERT_EQ(v1.first, 200) << v1.second;
  EXPECT_EQ(Json::parse(v1.second["schema"].get<std::string>()), Json::parse(kMoviesV1));
  EXPECT_EQ(Call("GET", "/contexts").second, Json::array({".", ".msk-connect-blog-values"}));

  EXPECT_EQ(Call("GET", "/glue/registries").second["Registries"][0]["RegistryName"], "msk-connect-blog-values");
  auto schemas = Call("GET", "/glue/registries/msk-connect-blog-values/schemas").second["Schemas"];
  ASSERT_EQ(schemas.size(), 1u);
  EXPECT_EQ(schemas[0]["SchemaName"], "db1.sampledatabase.movies");
  EXPECT_EQ(schemas[0]["Compatibility"], "FORWARD");
  EXPECT_EQ(schemas[0]["LatestSchemaVersion"], 2);
  auto versions = Call("GET", "/glue/registries/msk-connect-blog-values/schemas/db1.sampledatabase.movies/versions").second;
  ASSERT_EQ(versions["Schemas"].size(), 2u);
  EXPECT_EQ(versions["Schemas"][1]["SchemaVersionId"], v2->uuid);
  EXPECT_EQ(versions["Schemas"][1]["VersionNumber"], 2);
  EXPECT_EQ(versions["Schemas"][1]["Status"], "AVAILABLE");
  EXPECT_THAT(versions["Schemas"][1]["CreatedTime"].get<std::string>(),
              ::testing::MatchesRegex("20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]+\\.[0-9]{3}Z"));
  EXPECT_EQ(Call("GET", "/glue/schema-versions/" + v2->uuid).second["VersionNumber"], 2);
  auto diff = Call("GET", "/glue/registries/msk-connect-blog-values/schemas/db1.sampledatabase.movies/diff?from=1&to=2");
  EXPECT_THAT(diff.second["Diff"].get<std::string>(), HasSubstr("COUNTRY"));
}

TEST(RunRegistryServerTest, ZooKeeperStoreIsReportedAsNotSupported) {
  Status s = RunRegistryServer({{"kafkastore.connection.url", "127.0.0.1:2181"}});
  EXPECT_EQ(s.code(), StatusCode::kNotSupported);
  EXPECT_THAT(s.message(), HasSubstr("kafkastore.bootstrap.servers"));
}

TEST(RunRegistryServerTest, BadKafkaStoreNumbersNameTheKey) {
  Status s = RunRegistryServer({{"kafkastore.bootstrap.servers", "127.0.0.1:9"},
                                {"kafkastore.topic.replication.factor", "three"}});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("kafkastore.topic.replication.factor: 'three'"));
}

}  // namespace
}  // namespace tributary::registry
