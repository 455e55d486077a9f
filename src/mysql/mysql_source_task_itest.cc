// Integration tests of the MySQL/MariaDB source against a real MariaDB (scripts/services).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "connect/plugins.h"
#include "mysql/mysql_connection.h"
#include "mysql/mysql_source_task.h"

namespace tributary::mysql {
namespace {

using data::Value;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

class MySqlSourceTaskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(Env("TRIB_MARIADB_PORT").empty())
        << "TRIB_MARIADB_* variables missing: run under scripts/services";
    ConnectionOptions admin;
    admin.host = Env("TRIB_MARIADB_HOST");
    admin.port = std::atoi(Env("TRIB_MARIADB_PORT").c_str());
    admin.user = Env("TRIB_MARIADB_ADMIN_USER");
    admin.password = Env("TRIB_MARIADB_ADMIN_PASSWORD");
    auto c = MysqlConnection::Connect(admin);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    admin_ = std::move(c).value();
    db_ = fmt::format("trib_it_{}_{}", getpid(), counter_++);
    Exec("DROP DATABASE IF EXISTS " + db_);
    Exec("CREATE DATABASE " + db_);
    char tmpl[] = "/tmp/trib_mysql_itest_XXXXXX";
    data_dir_ = mkdtemp(tmpl);
  }
  void TearDown() override {
    if (task_) task_->Stop();
    if (admin_) Exec("DROP DATABASE IF EXISTS " + db_);
  }
  void Exec(const std::string& sql) {
    Status s = admin_->Execute(sql);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  connect::Config BaseConfig() {
    connect::Config c;
    c.Set("connector.class", "io.debezium.connector.mysql.MySqlConnector");
    c.Set("database.hostname", Env("TRIB_MARIADB_HOST"));
    c.Set("database.port", Env("TRIB_MARIADB_PORT"));
    c.Set("database.user", Env("TRIB_MARIADB_USER"));
    c.Set("database.password", Env("TRIB_MARIADB_PASSWORD"));
    c.Set("database.server.id", "4242");
    c.Set("database.server.name", "db1");
    c.Set("table.whitelist", db_ + ".movies");
    c.Set("include.query", "true");
    // Only the change records: the schema-change topic is compared against Debezium in
    // tests/python/test_debezium_diff.py.
    c.Set("include.schema.changes", "false");
    return c;
  }
  Status StartTask(const connect::Config& config,
                   const std::map<std::string, nlohmann::json>& offsets = {}) {
    if (task_) task_->Stop();
    task_ = NewMySqlSourceTask();
    connect::TaskContext ctx{"movies", 0, data_dir_};
    return task_->Start(ctx, config, offsets);
  }
  // Polls until `n` records arrived (or 20 s passed).
  std::vector<data::Record> PollN(size_t n) {
    std::vector<data::Record> out;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
      data::RecordBatch batch;
      Status s = task_->Poll(&batch, 200);
      EXPECT_TRUE(s.ok()) << s.ToString();
      if (!s.ok()) break;
      for (auto& r : batch.records) out.push_back(std::move(r));
    }
    return out;
  }
  static std::string Op(const data::Record& r) { return r.value.field("op")->as_string(); }
  static const Value& After(const data::Record& r, std::string_view f) {
    return *r.value.field("after")->field(f);
  }

  static inline int counter_ = 0;
  std::unique_ptr<MysqlConnection> admin_;
  std::unique_ptr<connect::SourceTask> task_;
  std::string db_;
  std::string data_dir_;
};

TEST_F(MySqlSourceTaskTest, SeedScenarioSnapshotThenStreamingWithAddColumn) {
  Exec("CREATE TABLE " + db_ +
       ".movies (movie_id INT NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL, "
       "release_year INT NOT NULL)");
  Exec("INSERT INTO " + db_ + ".movies VALUES (1, 'Alien', 1979), (2, 'Heat', 1995)");
  { Status st = StartTask(BaseConfig()); ASSERT_TRUE(st.ok()) << st.ToString(); }
  auto snap = PollN(2);
  ASSERT_EQ(snap.size(), 2u);
  EXPECT_EQ(snap[0].topic, "db1." + db_ + ".movies");
  EXPECT_EQ(Op(snap[0]), "r");
  EXPECT_EQ(After(snap[0], "title").as_string(), "Alien");
  EXPECT_EQ(snap[0].value.field("source")->field("snapshot")->as_string(), "first");
  EXPECT_EQ(snap[1].value.field("source")->field("snapshot")->as_string(), "last");
  EXPECT_EQ(snap[0].key_schema->name().value(), "db1." + db_ + ".movies.Key");
  EXPECT_EQ(snap[0].key.field("movie_id")->as_int(), 1);
  EXPECT_EQ(snap[0].value_schema->name().value(), "db1." + db_ + ".movies.Envelope");

  Exec("INSERT INTO " + db_ + ".movies VALUES (3, 'Ran', 1985)");
  Exec("ALTER TABLE " + db_ + ".movies ADD COLUMN COUNTRY VARCHAR(50) NOT NULL");
  Exec("INSERT INTO " + db_ + ".movies VALUES (4, 'Amelie', 2001, 'FR')");
  Exec("UPDATE " + db_ + ".movies SET title = 'Aliens' WHERE movie_id = 1");
  Exec("DELETE FROM " + db_ + ".movies WHERE movie_id = 2");
  auto stream = PollN(5);  // c, c, u, d, tombstone
  ASSERT_EQ(stream.size(), 5u);
  EXPECT_EQ(Op(stream[0]), "c");
  EXPECT_EQ(After(stream[0], "movie_id").as_int(), 3);
  EXPECT_EQ(stream[0].value.field("source")->field("query")->as_string(),
            "INSERT INTO " + db_ + ".movies VALUES (3, 'Ran', 1985)");
  EXPECT_EQ(stream[0].value.field("source")->field("snapshot")->as_string(), "false");
  EXPECT_EQ(stream[0].value_schema->field("after")->schema->field("COUNTRY"), nullptr);
  EXPECT_EQ(Op(stream[1]), "c");
  EXPECT_EQ(After(stream[1], "COUNTRY").as_string(), "FR");
  const auto* country = stream[1].value_schema->field("after")->schema->field("COUNTRY");
  ASSERT_NE(country, nullptr);
  EXPECT_FALSE(country->schema->optional());
  EXPECT_EQ(Op(stream[2]), "u");
  EXPECT_EQ(stream[2].value.field("before")->field("title")->as_string(), "Alien");
  EXPECT_EQ(After(stream[2], "title").as_string(), "Aliens");
  EXPECT_EQ(Op(stream[3]), "d");
  EXPECT_TRUE(stream[4].is_tombstone());
  EXPECT_EQ(stream[4].key.field("movie_id")->as_int(), 2);

  // Restart from the offset of the first streamed record (its own event): exactly the later
  // ones come again.
  std::map<std::string, nlohmann::json> offsets{
      {stream[0].source_partition.dump(), stream[0].source_offset}};
  { Status st = StartTask(BaseConfig(), offsets); ASSERT_TRUE(st.ok()) << st.ToString(); }
  auto replay = PollN(4);
  ASSERT_EQ(replay.size(), 4u);
  EXPECT_EQ(After(replay[0], "movie_id").as_int(), 4);
  EXPECT_EQ(After(replay[0], "COUNTRY").as_string(), "FR");
  EXPECT_EQ(Op(replay[1]), "u");
  EXPECT_EQ(Op(replay[2]), "d");
}

TEST_F(MySqlSourceTaskTest, RestartInsideAMultiRowEventSkipsDeliveredRows) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY, title TEXT)");
  connect::Config config = BaseConfig();
  config.Set("snapshot.mode", "no_data");
  { Status st = StartTask(config); ASSERT_TRUE(st.ok()) << st.ToString(); }
  Exec("INSERT INTO " + db_ + ".movies VALUES (1,'a'),(2,'b'),(3,'c'),(4,'d')");
  auto first = PollN(4);
  ASSERT_EQ(first.size(), 4u);
  // Offsets come once per row event, on its last record: {"event": k + 1, "row": 0}. An
  // offset inside the event ({"event": k, "row": 2}) must resume after its second row.
  ASSERT_TRUE(first[1].source_offset.is_null());
  nlohmann::json offset = first[3].source_offset;
  offset["event"] = offset["event"].get<int>() - 1;
  offset["row"] = 2;
  std::map<std::string, nlohmann::json> offsets{{first[3].source_partition.dump(), offset}};
  { Status st = StartTask(config, offsets); ASSERT_TRUE(st.ok()) << st.ToString(); }
  auto rest = PollN(2);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(After(rest[0], "movie_id").as_int(), 3);
  EXPECT_EQ(After(rest[1], "movie_id").as_int(), 4);
}

// Streaming records are built on a thread of the task one batch ahead of Poll: Stop() ends it
// and drops what was built but not polled, and the same object streams again after Start().
TEST_F(MySqlSourceTaskTest, SameTaskStreamsAgainAfterStopAndStart) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY, title TEXT)");
  connect::Config config = BaseConfig();
  config.Set("snapshot.mode", "no_data");
  config.Set("max.batch.size", "1");
  { Status st = StartTask(config); ASSERT_TRUE(st.ok()) << st.ToString(); }
  Exec("INSERT INTO " + db_ + ".movies VALUES (1,'a')");
  Exec("INSERT INTO " + db_ + ".movies VALUES (2,'b')");
  Exec("INSERT INTO " + db_ + ".movies VALUES (3,'c')");
  auto first = PollN(1);
  ASSERT_EQ(first.size(), 1u);
  task_->Stop();  // record 2 may be built already: dropped, its offset never committed
  std::map<std::string, nlohmann::json> offsets{
      {first[0].source_partition.dump(), first[0].source_offset}};
  connect::TaskContext ctx{"movies", 0, data_dir_};
  { Status st = task_->Start(ctx, config, offsets); ASSERT_TRUE(st.ok()) << st.ToString(); }
  auto rest = PollN(2);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(After(rest[0], "movie_id").as_int(), 2);
  EXPECT_EQ(After(rest[1], "movie_id").as_int(), 3);
}

// Defaults are not in TABLE_MAP events: they must follow the DDL at its binlog position,
// live and after a restart that replays DDL the connector has not seen.
TEST_F(MySqlSourceTaskTest, SnapshotReadsATableRebuiltAfterItBeganInANewerSnapshot) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY, title TEXT)");
  Exec("CREATE TABLE " + db_ + ".raced (id INT PRIMARY KEY)");
  Exec("INSERT INTO " + db_ + ".movies VALUES (1, 'a'), (2, 'b')");
  Exec("INSERT INTO " + db_ + ".raced VALUES (1), (2)");
  connect::Config config = BaseConfig();
  config.Set("table.whitelist", db_ + "\\.(movies|raced)");
  { Status st = StartTask(config); ASSERT_TRUE(st.ok()) << st.ToString(); }
  // The snapshot's read view exists now; a rebuild makes `raced` unreadable in it (1412).
  Exec("SET SESSION lock_wait_timeout = 10");
  Exec("ALTER TABLE " + db_ + ".raced ADD COLUMN extra INT NOT NULL DEFAULT 7, FORCE");
  Exec("INSERT INTO " + db_ + ".raced VALUES (3, 8)");
  // 2 + 3 snapshot rows; the insert is in the rows read and is not streamed again.
  auto records = PollN(6);
  ASSERT_EQ(records.size(), 5u);
  std::vector<int64_t> raced_ids;
  for (const auto& r : records) {
    if (r.topic != "db1." + db_ + ".raced" || Op(r) != "r") continue;
    raced_ids.push_back(After(r, "id").as_int());
    EXPECT_EQ(After(r, "extra").as_int(), raced_ids.back() == 3 ? 8 : 7);
  }
  EXPECT_EQ(raced_ids, (std::vector<int64_t>{1, 2, 3}));
  // Later changes of the raced table are streamed.
  Exec("INSERT INTO " + db_ + ".raced VALUES (4, 9)");
  auto later = PollN(1);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(Op(later[0]), "c");
  EXPECT_EQ(After(later[0], "id").as_int(), 4);
}

TEST_F(MySqlSourceTaskTest, SchemaChangesAndTransactionMetadataAcrossARestart) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY, title TEXT)");
  connect::Config config = BaseConfig();
  config.Set("include.schema.changes", "true");
  config.Set("provide.transaction.metadata", "true");
  config.Set("snapshot.mode", "no_data");
  { Status st = StartTask(config); ASSERT_TRUE(st.ok()) << st.ToString(); }
  Exec("INSERT INTO " + db_ + ".movies VALUES (1, 'a')");
  // The schema snapshot (every database's tables: its length depends on the server), then
  // BEGIN, the insert, END.
  std::vector<data::Record> records;
  while (records.empty() || records.back().topic != "db1.transaction" ||
         records.back().value.field("status")->as_string() != "END") {
    auto more = PollN(1);
    if (more.empty()) break;
    for (auto& r : more) records.push_back(std::move(r));
  }
  ASSERT_GE(records.size(), 7u);
  EXPECT_EQ(records[0].value.field("ddl")->as_string().rfind("SET character_set_server=", 0), 0u);
  const data::Record* create = nullptr;
  for (const auto& r : records) {
    if (r.topic == "db1" && r.value.field("ddl")->as_string().rfind("CREATE TABLE `movies`", 0) == 0 &&
        r.value.field("databaseName")->as_string() == db_) {
      create = &r;
    }
  }
  ASSERT_NE(create, nullptr);
  const auto& change = create->value.field("tableChanges")->as_array().at(0);
  EXPECT_EQ(change.field("type")->as_string(), "CREATE");
  EXPECT_EQ(change.field("id")->as_string(), "\"" + db_ + "\".\"movies\"");
  records.erase(records.begin(), records.end() - 3);
  EXPECT_EQ(records[0].topic, "db1.transaction");
  EXPECT_EQ(records[0].value.field("status")->as_string(), "BEGIN");
  const Value* block = records[1].value.field("transaction");
  ASSERT_FALSE(block->is_null());
  EXPECT_EQ(block->field("total_order")->as_int(), 1);
  EXPECT_EQ(records[2].value.field("status")->as_string(), "END");
  EXPECT_EQ(records[2].value.field("event_count")->as_int(), 1);
  EXPECT_EQ(block->field("id")->as_string(), records[2].value.field("id")->as_string());

  // After a restart the DDL model is rebuilt: a streamed ALTER describes the whole table.
  std::map<std::string, nlohmann::json> offsets{
      {records[2].source_partition.dump(), records[2].source_offset}};
  { Status st = StartTask(config, offsets); ASSERT_TRUE(st.ok()) << st.ToString(); }
  Exec("ALTER TABLE " + db_ + ".movies ADD COLUMN year SMALLINT UNSIGNED");
  auto after = PollN(2);  // BEGIN (a DDL transaction has no END, as in Debezium), the change
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[1].topic, "db1");
  const auto& table = *after[1].value.field("tableChanges")->as_array().at(0).field("table");
  const auto& columns = table.field("columns")->as_array();
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[2].field("typeName")->as_string(), "SMALLINT UNSIGNED");
  EXPECT_EQ(table.field("primaryKeyColumnNames")->as_array().at(0).as_string(), "movie_id");
}

TEST_F(MySqlSourceTaskTest, InterruptedSnapshotResumesAfterTheLastFinishedTable) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY, title TEXT)");
  Exec("CREATE TABLE " + db_ + ".zz_more (id INT PRIMARY KEY)");
  Exec("INSERT INTO " + db_ + ".movies VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  Exec("INSERT INTO " + db_ + ".zz_more VALUES (1), (2), (3)");
  connect::Config config = BaseConfig();
  config.Set("table.whitelist", db_ + "\\.(movies|zz_more)");
  config.Set("max.batch.size", "2");
  { Status st = StartTask(config); ASSERT_TRUE(st.ok()) << st.ToString(); }
  // Until the last movie (which commits "movies done") and one row of zz_more.
  auto first = PollN(4);
  ASSERT_EQ(first.size(), 4u);
  EXPECT_EQ(first[1].source_offset, nlohmann::json());  // no commit point inside a table
  ASSERT_EQ(first[2].source_offset.value("tables_done", ""), db_ + ".movies")
      << first[2].source_offset.dump();
  // After the interrupted snapshot's position: the movie is streamed; the zz_more row is read
  // by the resumed snapshot and its insert is not streamed again.
  Exec("INSERT INTO " + db_ + ".movies VALUES (4, 'd')");
  Exec("INSERT INTO " + db_ + ".zz_more VALUES (4)");

  std::map<std::string, nlohmann::json> offsets{
      {first[2].source_partition.dump(), first[2].source_offset}};
  { Status st = StartTask(config, offsets); ASSERT_TRUE(st.ok()) << st.ToString(); }
  auto rest = PollN(6);
  ASSERT_EQ(rest.size(), 5u);  // nothing more arrives
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(rest[i].topic, "db1." + db_ + ".zz_more");
    EXPECT_EQ(Op(rest[i]), "r");
    EXPECT_EQ(After(rest[i], "id").as_int(), i + 1);
  }
  EXPECT_EQ(Op(rest[4]), "c");
  EXPECT_EQ(After(rest[4], "movie_id").as_int(), 4);
}

TEST_F(MySqlSourceTaskTest, DefaultsFollowDdlLiveAndAfterRestart) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY, title TEXT)");
  { Status st = StartTask(BaseConfig()); ASSERT_TRUE(st.ok()) << st.ToString(); }
  Exec("INSERT INTO " + db_ + ".movies VALUES (1, 'a')");
  auto first = PollN(1);
  ASSERT_EQ(first.size(), 1u);
  Exec("ALTER TABLE " + db_ + ".movies ADD COLUMN country VARCHAR(5) NOT NULL DEFAULT 'FR'");
  Exec("INSERT INTO " + db_ + ".movies (movie_id, title) VALUES (2, 'b')");
  Exec("ALTER TABLE " + db_ + ".movies ALTER COLUMN country SET DEFAULT 'US'");
  Exec("INSERT INTO " + db_ + ".movies (movie_id, title) VALUES (3, 'c')");
  auto default_of = [](const data::Record& r) {
    const auto* f = r.value_schema->field("after")->schema->field("country");
    return f && f->schema->default_value() ? f->schema->default_value()->as_string() : "<none>";
  };
  auto live = PollN(2);
  ASSERT_EQ(live.size(), 2u);
  EXPECT_EQ(default_of(live[0]), "FR");
  EXPECT_EQ(default_of(live[1]), "US");

  std::map<std::string, nlohmann::json> offsets{
      {first[0].source_partition.dump(), first[0].source_offset}};
  { Status st = StartTask(BaseConfig(), offsets); ASSERT_TRUE(st.ok()) << st.ToString(); }
  auto replay = PollN(2);
  ASSERT_EQ(replay.size(), 2u);
  EXPECT_EQ(After(replay[0], "movie_id").as_int(), 2);
  EXPECT_EQ(default_of(replay[0]), "FR");
  EXPECT_EQ(default_of(replay[1]), "US");
}

TEST_F(MySqlSourceTaskTest, HeartbeatsCarryTheOffsetPastUncapturedChanges) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY)");
  Exec("CREATE TABLE " + db_ + ".other (id INT PRIMARY KEY)");
  connect::Config config = BaseConfig();
  config.Set("snapshot.mode", "no_data");
  config.Set("heartbeat.interval.ms", "100");
  { Status st = StartTask(config); ASSERT_TRUE(st.ok()) << st.ToString(); }
  bool inserted = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  nlohmann::json first_offset, last_offset;
  while (std::chrono::steady_clock::now() < deadline) {
    data::RecordBatch batch;
    ASSERT_TRUE(task_->Poll(&batch, 200).ok());
    for (auto& r : batch.records) {
      ASSERT_EQ(r.topic, "__debezium-heartbeat.db1");
      EXPECT_EQ(r.key.field("serverName")->as_string(), "db1");
      if (!r.source_offset.is_null()) {
        if (first_offset.is_null()) first_offset = r.source_offset;
        last_offset = r.source_offset;
      }
    }
    if (!first_offset.is_null() && !inserted) {
      Exec("INSERT INTO " + db_ + ".other VALUES (1)");
      inserted = true;
    }
    if (!first_offset.is_null() && last_offset["pos"] != first_offset["pos"]) break;
  }
  ASSERT_FALSE(last_offset.is_null());
  EXPECT_GT(last_offset["pos"].get<int64_t>(), first_offset["pos"].get<int64_t>())
      << "the insert into the uncaptured table must move the heartbeat offset";
}

TEST_F(MySqlSourceTaskTest, PurgedBinlogIsAnErrorOrANewSnapshotWhenNeeded) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY)");
  Exec("INSERT INTO " + db_ + ".movies VALUES (1)");
  nlohmann::json partition{{"server", "db1"}};
  nlohmann::json gone{{"file", "binlog.999999"}, {"pos", 4}, {"event", 0}, {"row", 0}};
  std::map<std::string, nlohmann::json> offsets{{partition.dump(), gone}};
  Status s = StartTask(BaseConfig(), offsets);
  ASSERT_EQ(s.code(), StatusCode::kNotFound) << s.ToString();
  EXPECT_NE(s.message().find("snapshot.mode=when_needed"), std::string::npos);
  connect::Config config = BaseConfig();
  config.Set("snapshot.mode", "when_needed");
  { Status st = StartTask(config, offsets); ASSERT_TRUE(st.ok()) << st.ToString(); }
  auto snap = PollN(1);
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(Op(snap[0]), "r");
}

// The server drops the replication connection (here: KILL of the dump thread): the task
// reconnects and continues without losing or repeating changes.
TEST_F(MySqlSourceTaskTest, ReconnectsAfterTheServerDropsTheStream) {
  Exec("CREATE TABLE " + db_ + ".movies (movie_id INT PRIMARY KEY)");
  connect::Config config = BaseConfig();
  config.Set("snapshot.mode", "no_data");
  { Status st = StartTask(config); ASSERT_TRUE(st.ok()) << st.ToString(); }
  Exec("INSERT INTO " + db_ + ".movies VALUES (1)");
  ASSERT_EQ(PollN(1).size(), 1u);
  auto threads = admin_->Query(
      "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'");
  ASSERT_TRUE(threads.ok());
  ASSERT_FALSE(threads->empty());
  for (const auto& row : *threads) Exec("KILL " + *row[0]);
  Exec("INSERT INTO " + db_ + ".movies VALUES (2), (3)");
  Exec("INSERT INTO " + db_ + ".movies VALUES (4)");
  auto after = PollN(3);
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(After(after[0], "movie_id").as_int(), 2);
  EXPECT_EQ(After(after[2], "movie_id").as_int(), 4);
  EXPECT_TRUE(PollN(1).empty());
}

TEST_F(MySqlSourceTaskTest, MessageKeyColumnsMaskAndTruncate) {
  Exec("CREATE TABLE " + db_ + ".movies (title VARCHAR(20), secret VARCHAR(20), note TEXT)");
  Exec("INSERT INTO " + db_ + ".movies VALUES ('Alien', 'pw', 'h\u00e9llo world')");
  connect::Config config = BaseConfig();
  config.Set("message.key.columns", db_ + ".movies:title");
  config.Set("column.mask.with.5.chars", db_ + ".movies.secret");
  config.Set("column.truncate.to.2.chars", db_ + ".movies.note");
  { Status st = StartTask(config); ASSERT_TRUE(st.ok()) << st.ToString(); }
  auto snap = PollN(1);
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].key.field("title")->as_string(), "Alien");
  EXPECT_EQ(After(snap[0], "secret").as_string(), "*****");
  EXPECT_EQ(After(snap[0], "note").as_string(), "h\u00e9");
}

TEST_F(MySqlSourceTaskTest, BadConfigValueNamesKeyAndAllowedValues) {
  connect::Config config = BaseConfig();
  config.Set("decimal.handling.mode", "exact");
  Status s = StartTask(config);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("decimal.handling.mode"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("precise"), std::string::npos) << s.ToString();
}

TEST_F(MySqlSourceTaskTest, MissingServerIdIsAnError) {
  connect::Config config = BaseConfig();
  std::map<std::string, std::string> values = config.values();
  values.erase("database.server.id");
  Status s = StartTask(connect::Config(values));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("database.server.id"), std::string::npos) << s.ToString();
}

TEST_F(MySqlSourceTaskTest, RegisteredUnderBothClassNames) {
  connect::PluginRegistry registry;
  RegisterPlugins(registry);
  EXPECT_TRUE(registry.IsSource("io.debezium.connector.mysql.MySqlConnector"));
  EXPECT_TRUE(registry.IsSource("io.debezium.connector.mariadb.MariaDbConnector"));
}

}  // namespace
}  // namespace tributary::mysql
