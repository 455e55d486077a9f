#include "registry/registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "registry/registry_error.h"

namespace tributary::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* kMoviesV1 =
    R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies","fields":[
        {"name":"movie_id","type":"int"},{"name":"title","type":"string"},
        {"name":"release_year","type":"int"}]})";
const char* kMoviesV2 =
    R"({"type":"record","name":"Value","namespace":"db1.sampledatabase.movies","fields":[
        {"name":"movie_id","type":"int"},{"name":"title","type":"string"},
        {"name":"release_year","type":"int"},{"name":"COUNTRY","type":"string"}]})";

SchemaRequest Avro(std::string schema) { return SchemaRequest{std::move(schema), "AVRO", {}, {}, {}}; }

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trib-registry-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    Reopen();
  }
  void TearDown() override {
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    registry_.reset();
    auto r = Registry::OpenEmbedded(dir_.string());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = std::move(r).value();
  }
  RegisteredSchema MustRegister(const std::string& subject, const std::string& schema) {
    auto r = registry_->Register(subject, Avro(schema));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RegisteredSchema{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
};

TEST_F(RegistryTest, IdenticalSchemaReturnsExistingIdDespiteWhitespaceAndKeyOrder) {
  auto first = MustRegister("movies-value", kMoviesV1);
  EXPECT_EQ(first.version, 1);
  auto reordered = MustRegister(
      "movies-value",
      R"({ "namespace" : "db1.sampledatabase.movies", "fields":[{"type":"int","name":"movie_id"},
          {"name":"title","type":{"type":"string"}},{"name":"release_year","type":"int"}],
          "name":"Value", "type":"record" })");
  EXPECT_EQ(reordered.id, first.id);
  EXPECT_EQ(reordered.version, 1);
  EXPECT_THAT(*registry_->ListVersions("movies-value", false), ElementsAre(1));
  // Another subject with the same schema shares the id, with its own version 1.
  auto other = MustRegister("other-value", kMoviesV1);
  EXPECT_EQ(other.id, first.id);
  EXPECT_NE(other.uuid, first.uuid);
}

TEST_F(RegistryTest, SeedScenarioForwardAcceptsCountryBackwardRejectsIt) {
  ASSERT_TRUE(registry_->SetCompatibility("fwd", CompatibilityLevel::kForward).ok());
  MustRegister("fwd", kMoviesV1);
  EXPECT_EQ(MustRegister("fwd", kMoviesV2).version, 2);

  MustRegister("bwd", kMoviesV1);  // global default: BACKWARD
  auto rejected = registry_->Register("bwd", Avro(kMoviesV2));
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(RegistryErrorCode(rejected.status()), error_code::kIncompatibleSchema);
  EXPECT_EQ(rejected.status().code(), StatusCode::kIncompatible);
  EXPECT_THAT(rejected.status().message(), HasSubstr("subject \"bwd\""));
  EXPECT_THAT(rejected.status().message(), HasSubstr("READER_FIELD_MISSING_DEFAULT_VALUE"));
  EXPECT_THAT(rejected.status().message(), HasSubstr("'COUNTRY' at path '/fields/3'"));
  EXPECT_THAT(rejected.status().message(), HasSubstr("no default value"));
  EXPECT_THAT(rejected.status().message(), HasSubstr("{compatibility: 'BACKWARD'}"));

  auto test = registry_->TestCompatibility("bwd", "latest", Avro(kMoviesV2));
  ASSERT_TRUE(test.ok());
  EXPECT_FALSE(test->result.compatible);
  EXPECT_EQ(test->level, CompatibilityLevel::kBackward);
}

TEST_F(RegistryTest, NormalizeGivesSpellingsOfOneSchemaOneId) {
  const std::string a =
      R"({"type":"record","name":"R","namespace":"n","fields":[{"name":"x","type":"int"}],"p":1,"q":2})";
  const std::string b =
      R"({"name":"n.R","type":"record","q":2,"p":1,"fields":[{"type":{"type":"int"},"name":"x"}]})";
  SchemaRequest first = Avro(a), second = Avro(b);
  first.normalize = second.normalize = true;
  auto one = registry_->Register("norm", first);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->schema, R"({"name":"n.R","type":"record","fields":[{"name":"x","type":"int"}],"p":1,"q":2})");
  auto two = registry_->Register("norm", second);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->id, one->id);
  EXPECT_EQ(two->version, 1);
  auto found = registry_->Lookup("norm", second, false);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->id, one->id);
  // Without normalize, the property order is part of the schema (as in Confluent).
  EXPECT_EQ(RegistryErrorCode(registry_->Lookup("norm", Avro(b), false).status()),
            error_code::kSchemaNotFound);
}

TEST_F(RegistryTest, InvalidSchemaAndVersionErrors) {
  auto bad = registry_->Register("s", Avro(R"({"type":"record","name":"R","fields":[{"name":"a","type":"Strin"}]})"));
  EXPECT_EQ(RegistryErrorCode(bad.status()), error_code::kInvalidSchema);
  EXPECT_THAT(bad.status().message(), HasSubstr("/fields/0/type"));
  auto protobuf = registry_->Register("s", SchemaRequest{"syntax = \"proto3\";", "PROTOBUF", {}, {}, {}});
  EXPECT_EQ(RegistryErrorCode(protobuf.status()), error_code::kInvalidSchema);
  EXPECT_THAT(protobuf.status().message(), HasSubstr("Invalid schema type PROTOBUF"));
  EXPECT_EQ(RegistryErrorCode(registry_->GetVersion("nope", "latest").status()),
            error_code::kSubjectNotFound);
  MustRegister("s", R"("int")");
  EXPECT_EQ(RegistryErrorCode(registry_->GetVersion("s", "2").status()), error_code::kVersionNotFound);
  EXPECT_EQ(RegistryErrorCode(registry_->GetVersion("s", "abc").status()), error_code::kInvalidVersion);
  EXPECT_EQ(RegistryErrorCode(registry_->GetVersion("s", "0").status()), error_code::kInvalidVersion);
  EXPECT_EQ(RegistryErrorCode(registry_->GetSchemaById(999).status()), error_code::kSchemaNotFound);
  EXPECT_EQ(RegistryErrorCode(registry_->Lookup("s", Avro(R"("long")"), false).status()),
            error_code::kSchemaNotFound);
  EXPECT_EQ(registry_->Lookup("s", Avro(R"( "int" )"), false)->version, 1);
}

TEST_F(RegistryTest, ConfluentSoftThenPermanentDeleteRules) {
  ASSERT_TRUE(registry_->SetCompatibility("s", CompatibilityLevel::kNone).ok());
  MustRegister("s", R"("int")");
  MustRegister("s", R"("long")");
  // A version must be soft-deleted before it can be deleted permanently.
  EXPECT_EQ(RegistryErrorCode(registry_->DeleteVersion("s", "2", true).status()),
            error_code::kVersionNotSoftDeleted);
  EXPECT_EQ(*registry_->DeleteVersion("s", "2", false), 2);
  EXPECT_EQ(RegistryErrorCode(registry_->DeleteVersion("s", "2", false).status()),
            error_code::kVersionSoftDeleted);
  EXPECT_EQ(registry_->GetVersion("s", "latest")->version, 1);
  EXPECT_EQ(registry_->GetVersion("s", "2", /*include_deleted=*/true)->version, 2);
  EXPECT_EQ(*registry_->DeleteVersion("s", "2", true), 2);
  EXPECT_EQ(RegistryErrorCode(registry_->GetVersion("s", "2", true).status()),
            error_code::kVersionNotFound);
  // Subject: permanent needs soft first; soft twice is an error.
  EXPECT_EQ(RegistryErrorCode(registry_->DeleteSubject("s", true).status()),
            error_code::kSubjectNotSoftDeleted);
  EXPECT_THAT(*registry_->DeleteSubject("s", false), ElementsAre(1));
  EXPECT_EQ(RegistryErrorCode(registry_->DeleteSubject("s", false).status()),
            error_code::kSubjectSoftDeleted);
  EXPECT_TRUE(registry_->ListSubjects("", false)->empty());
  EXPECT_THAT(*registry_->ListSubjects("", true), ElementsAre("s"));
  EXPECT_THAT(*registry_->DeleteSubject("s", true), ElementsAre(1));
  EXPECT_EQ(RegistryErrorCode(registry_->DeleteSubject("s", true).status()),
            error_code::kSubjectNotFound);
  // The id stays stable: re-registering the same schema gets the same id again.
  auto again = MustRegister("s", R"("int")");
  EXPECT_EQ(again.id, 1);
}

TEST_F(RegistryTest, ReferencesCanBeResolvedAndProtectTheirTarget) {
  MustRegister("address", R"({"type":"record","name":"Address","namespace":"x","fields":[{"name":"city","type":"string"}]})");
  SchemaRequest user = Avro(R"({"type":"record","name":"User","namespace":"x","fields":[{"name":"home","type":"x.Address"}]})");
  user.references = {{"x.Address", "address", 1}};
  auto registered = registry_->Register("user", user);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->references, user.references);
  EXPECT_THAT(*registry_->ReferencedBy("address", "1"), ElementsAre(registered->id));
  EXPECT_EQ(RegistryErrorCode(registry_->DeleteVersion("address", "1", false).status()),
            error_code::kReferenceExists);
}

TEST_F(RegistryTest, ConfigFallsBackSubjectContextGlobalAndModesGuardWrites) {
  EXPECT_EQ(*registry_->GetCompatibility("", true), CompatibilityLevel::kBackward);
  EXPECT_EQ(RegistryErrorCode(registry_->GetCompatibility("s", false).status()),
            error_code::kSubjectLevelCompatibilityNotConfigured);
  ASSERT_TRUE(registry_->SetCompatibility("", CompatibilityLevel::kFull).ok());
  EXPECT_EQ(*registry_->GetCompatibility("s", true), CompatibilityLevel::kFull);
  ASSERT_TRUE(registry_->SetCompatibility(":.R:", CompatibilityLevel::kNone).ok());
  EXPECT_EQ(*registry_->GetCompatibility(":.R:S", true), CompatibilityLevel::kNone);
  ASSERT_TRUE(registry_->SetCompatibility(":.R:S", CompatibilityLevel::kForwardTransitive).ok());
  EXPECT_EQ(*registry_->GetCompatibility(":.R:S", false), CompatibilityLevel::kForwardTransitive);
  EXPECT_EQ(*registry_->DeleteCompatibility(":.R:S"), CompatibilityLevel::kForwardTransitive);
  EXPECT_EQ(*registry_->GetCompatibility(":.R:S", true), CompatibilityLevel::kNone);

  ASSERT_TRUE(registry_->SetMode("ro", Mode::kReadOnly).ok());
  EXPECT_EQ(RegistryErrorCode(registry_->Register("ro", Avro(R"("int")")).status()),
            error_code::kOperationNotPermitted);
  SchemaRequest with_id = Avro(R"("string")");
  with_id.id = 42;
  EXPECT_EQ(RegistryErrorCode(registry_->Register("imp", with_id).status()),
            error_code::kOperationNotPermitted);
  ASSERT_TRUE(registry_->SetMode("imp", Mode::kImport).ok());
  auto imported = registry_->Register("imp", with_id);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->id, 42);
  EXPECT_EQ(*registry_->GetMode("imp", false), Mode::kImport);
  EXPECT_EQ(*registry_->GetMode("other", true), Mode::kReadWrite);
  EXPECT_EQ(RegistryErrorCode(ParseMode("WRITEONLY").status()), error_code::kInvalidMode);
}

TEST_F(RegistryTest, EverythingSurvivesARestart) {
  auto v1 = MustRegister("a", kMoviesV1);
  ASSERT_TRUE(registry_->SetCompatibility("a", CompatibilityLevel::kForward).ok());
  auto v2 = MustRegister("a", kMoviesV2);
  Reopen();
  auto latest = registry_->GetVersion("a", "latest");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->id, v2.id);
  EXPECT_EQ(latest->uuid, v2.uuid);
  EXPECT_EQ(registry_->GetSchemaById(v1.id)->schema, v1.schema);
  EXPECT_EQ(*registry_->GetCompatibility("a", false), CompatibilityLevel::kForward);
  EXPECT_EQ(MustRegister("a", kMoviesV1).version, 1);
}

TEST_F(RegistryTest, ConcurrentRegistrationsOfOneSchemaMakeOneVersion) {
  std::vector<std::thread> threads;
  std::vector<int32_t> ids(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] { ids[i] = registry_->Register("c", Avro(kMoviesV1))->id; });
  for (auto& t : threads) t.join();
  for (int id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_THAT(*registry_->ListVersions("c", false), ElementsAre(1));
}

TEST_F(RegistryTest, GlueRegistriesAreContexts) {
  auto v1 = registry_->GlueRegisterSchemaVersion("msk-connect-blog-values", "db1.sampledatabase.movies",
                                                 kMoviesV1, CompatibilityLevel::kForward);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  auto v2 = registry_->GlueRegisterSchemaVersion("msk-connect-blog-values", "db1.sampledatabase.movies",
                                                 kMoviesV2, CompatibilityLevel::kBackward);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();  // FORWARD was set at creation
  EXPECT_EQ(v2->version, 2);
  ASSERT_TRUE(registry_->GlueRegisterSchemaVersion("msk-connect-blog-keys", "db1.sampledatabase.movies",
                                                   R"({"type":"record","name":"Key","fields":[{"name":"movie_id","type":"int"}]})",
                                                   std::nullopt).ok());
  // Identical definition: the existing version and UUID.
  EXPECT_EQ(registry_->GlueRegisterSchemaVersion("msk-connect-blog-values", "db1.sampledatabase.movies",
                                                 kMoviesV1, std::nullopt)->uuid, v1->uuid);

  auto by_uuid = registry_->GlueGetSchemaVersion(v2->uuid);
  ASSERT_TRUE(by_uuid.ok());
  EXPECT_EQ(by_uuid->version, 2);
  EXPECT_EQ(RegistryErrorCode(registry_->GlueGetSchemaVersion("nope").status()),
            error_code::kVersionNotFound);

  auto confluent = registry_->GetVersion(":.msk-connect-blog-values:db1.sampledatabase.movies", "1");
  ASSERT_TRUE(confluent.ok());
  EXPECT_EQ(confluent->id, v1->id);
  EXPECT_THAT(*registry_->ListContexts(), ElementsAre(".", ".msk-connect-blog-keys", ".msk-connect-blog-values"));
  EXPECT_THAT(*registry_->GlueListRegistries(), ElementsAre("msk-connect-blog-keys", "msk-connect-blog-values"));

  auto schemas = registry_->GlueListSchemas("msk-connect-blog-values");
  ASSERT_TRUE(schemas.ok());
  ASSERT_EQ(schemas->size(), 1u);
  EXPECT_EQ((*schemas)[0].schema_name, "db1.sampledatabase.movies");
  EXPECT_EQ((*schemas)[0].compatibility, CompatibilityLevel::kForward);
  EXPECT_EQ((*schemas)[0].latest_version, 2);

  auto diff = registry_->GlueDiff("msk-connect-blog-values", "db1.sampledatabase.movies", 1, 2);
  ASSERT_TRUE(diff.ok());
  EXPECT_THAT(*diff, HasSubstr("+ "));
  EXPECT_THAT(*diff, HasSubstr("COUNTRY"));
  EXPECT_THAT(*diff, ::testing::Not(HasSubstr("- ")));
}

}  // namespace
}  // namespace tributary::registry
