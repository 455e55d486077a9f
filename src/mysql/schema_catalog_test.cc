#include "mysql/schema_catalog.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "connect/file_history_log.h"

namespace tributary::mysql {
namespace {

// A history log in memory, shared by the catalogs of one test (as a file or topic would be).
class MemoryHistoryLog : public connect::HistoryLog {
 public:
  explicit MemoryHistoryLog(std::shared_ptr<std::vector<std::string>> entries)
      : entries_(std::move(entries)) {}
  Result<std::vector<std::string>> ReadAll() override { return *entries_; }
  Status Append(const std::vector<std::string>& entries) override {
    entries_->insert(entries_->end(), entries.begin(), entries.end());
    return Status::OK();
  }
  std::string Describe() const override { return "Kafka topic 'movies.schema-history'"; }

 private:
  std::shared_ptr<std::vector<std::string>> entries_;
};

class SchemaCatalogHistoryTest : public ::testing::Test {
 protected:
  // A catalog starting on the log as it is now.
  std::unique_ptr<SchemaCatalog> NewCatalog() {
    auto catalog = std::make_unique<SchemaCatalog>();
    Status s = catalog->SetHistoryLog(std::make_unique<MemoryHistoryLog>(entries_));
    EXPECT_TRUE(s.ok()) << s.ToString();
    return catalog;
  }
  Status OpenStatus() {
    return SchemaCatalog().SetHistoryLog(std::make_unique<MemoryHistoryLog>(entries_));
  }
  // The DEFAULT of db.movies.title that `catalog` knows, "" for none, "?" if unknown.
  static std::string TitleDefault(const SchemaCatalog& catalog) {
    if (!catalog.Knows("db", "movies")) return "?";
    TableDef table;
    table.database = "db";
    table.table = "movies";
    table.columns.resize(1);
    table.columns[0].name = "title";
    catalog.Enrich(&table);
    return table.columns[0].default_literal.value_or("");
  }
  // The table state that a catalog restarted at (file, pos) knows.
  std::string TitleDefaultAt(const std::string& file, uint64_t pos) {
    auto catalog = NewCatalog();
    catalog->LoadHistory(file, pos);
    return TitleDefault(*catalog);
  }

  std::shared_ptr<std::vector<std::string>> entries_ =
      std::make_shared<std::vector<std::string>>();
};

// Each DDL's state holds after its event: a restart at the DDL's own position (the DDL not
// yet handled) sees the state before it; a restart past it, the state after it.
TEST_F(SchemaCatalogHistoryTest, RestartSeesTheTablesAsOfItsPosition) {
  auto live = NewCatalog();
  ASSERT_TRUE(live->ApplyDdlStatement("CREATE TABLE movies (id INT PRIMARY KEY, "
                                      "title VARCHAR(20) DEFAULT 'old')",
                                      "db", "bin.000001", 100)
                  .ok());
  ASSERT_TRUE(live->ApplyDdlStatement("ALTER TABLE movies ALTER COLUMN title SET DEFAULT 'new'",
                                      "db", "bin.000001", 200)
                  .ok());
  ASSERT_TRUE(
      live->ApplyDdlStatement("DROP TABLE movies", "db", "bin.000002", 4000).ok());
  EXPECT_EQ(entries_->size(), 3u);

  EXPECT_EQ(TitleDefaultAt("bin.000001", 100), "?");
  EXPECT_EQ(TitleDefaultAt("bin.000001", 150), "'old'");
  EXPECT_EQ(TitleDefaultAt("bin.000001", 200), "'old'");
  EXPECT_EQ(TitleDefaultAt("bin.000001", 230), "'new'");
  // Files order by sequence number, not by name length.
  EXPECT_EQ(TitleDefaultAt("bin.000002", 4), "'new'");
  EXPECT_EQ(TitleDefaultAt("bin.000002", 5000), "?");  // dropped
}

// A snapshot's states hold at its own position, where streaming starts.
TEST_F(SchemaCatalogHistoryTest, SnapshotHoldsFromItsPosition) {
  auto live = NewCatalog();
  ASSERT_TRUE(live->ApplyDdlStatement("CREATE TABLE movies (id INT, title TEXT DEFAULT 'a')",
                                      "db", "bin.000001", 100)
                  .ok());
  entries_->clear();  // only the snapshot's entry below
  ASSERT_TRUE(live->RecordSnapshot({"db.movies"}, "bin.000003", 500).ok());
  EXPECT_EQ(TitleDefaultAt("bin.000003", 499), "?");
  EXPECT_EQ(TitleDefaultAt("bin.000003", 500), "'a'");
  EXPECT_EQ(TitleDefaultAt("bin.000004", 4), "'a'");
}

TEST_F(SchemaCatalogHistoryTest, EntriesKeepDefaultsKeysAndFloatScale) {
  auto live = NewCatalog();
  ASSERT_TRUE(live->ApplyDdlStatement("CREATE TABLE m (a FLOAT(7,2) DEFAULT 1.5, b INT, "
                                      "PRIMARY KEY (b))",
                                      "db", "bin.000001", 100)
                  .ok());
  ASSERT_EQ(entries_->size(), 1u);
  auto entry = nlohmann::json::parse(entries_->at(0));
  EXPECT_EQ(entry["table"], "db.m");
  EXPECT_EQ(entry["file"], "bin.000001");
  EXPECT_EQ(entry["pos"], 100);
  EXPECT_EQ(entry["columns"][0]["default"], "1.5");
  EXPECT_EQ(entry["columns"][0]["float_with_scale"], true);
  EXPECT_TRUE(entry["columns"][1]["default"].is_null());
  EXPECT_TRUE(entry["primary_key"].is_array());  // the DDL parser leaves keys to TABLE_MAP
  // As the snapshot records a table read from the catalog, with its key.
  entry["primary_key"] = nlohmann::json::array({1});
  entry["pos"] = 150;
  entries_->push_back(entry.dump());

  auto restarted = NewCatalog();
  restarted->LoadHistory("bin.000001", 151);
  TableDef table;
  table.database = "db";
  table.table = "m";
  table.columns.resize(2);
  table.columns[0].name = "b";
  table.columns[1].name = "a";
  restarted->Enrich(&table);
  EXPECT_EQ(table.primary_key, std::vector<int>{0});  // by name: b is first here
  EXPECT_TRUE(table.columns[1].float_with_scale);
  EXPECT_EQ(table.columns[1].default_literal.value_or(""), "1.5");
}

// A user coming from Debezium may point us at its history topic: its records are refused by
// name when the task starts (before it appends anything), never read as something else.
TEST_F(SchemaCatalogHistoryTest, DebeziumHistoryRecordsAreRefusedNamingTheTopicAndTheFix) {
  entries_->push_back(
      R"j({"source":{"server":"movies"},"position":{"file":"bin.000001","pos":4,)j"
      R"j("snapshot":true},"ts_ms":1700000000000,"databaseName":"db",)j"
      R"j("ddl":"CREATE TABLE movies (id INT)","tableChanges":[]})j");
  Status s = OpenStatus();
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_NE(s.message().find("Kafka topic 'movies.schema-history'"), std::string::npos);
  EXPECT_NE(s.message().find("Debezium"), std::string::npos);
  EXPECT_NE(s.message().find("schema.history.internal.kafka.topic"), std::string::npos);
}

TEST_F(SchemaCatalogHistoryTest, GarbageIsCorruptionNamingTheEntry) {
  entries_->push_back("{\"table\":\"db.m\",\"file\":\"bin.000001\",\"pos\":4,\"columns\":[]}");
  entries_->push_back("not json");
  Status s = OpenStatus();
  ASSERT_EQ(s.code(), StatusCode::kCorruption) << s.ToString();
  EXPECT_NE(s.message().find("entry 2"), std::string::npos);
}

// Entries that today's source wrote to its file before the history became a HistoryLog read
// back the same way.
TEST(SchemaCatalogFileHistoryTest, ReadsTheJsonLinesFileOfEarlierVersions) {
  auto dir = std::filesystem::temp_directory_path() /
             ("schema_catalog_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "movies.mysql-schema-history.jsonl").string();
  std::ofstream(path) << R"({"columns":[{"default":"'x'","name":"title"}],"file":"bin.000001",)"
                         R"("pos":120,"primary_key":[],"table":"db.movies"})"
                      << "\n";
  SchemaCatalog catalog;
  auto log = connect::FileHistoryLog::Open(path);
  ASSERT_TRUE(log.ok());
  ASSERT_TRUE(catalog.SetHistoryLog(std::move(log).value()).ok());
  catalog.LoadHistory("bin.000001", 300);
  EXPECT_TRUE(catalog.Knows("db", "movies"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tributary::mysql
