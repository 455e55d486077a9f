// Every column type through a real MariaDB: the same row read by the snapshot (text
// protocol) and from the binlog (row images) must give identical Connect values, and both
// must equal Debezium's representation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "mysql/column_codec.h"
#include "mysql/decimal_codec.h"
#include "mysql/mysql_connection.h"
#include "mysql/mysql_source_task.h"

namespace tributary::mysql {
namespace {

using data::Value;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

constexpr const char* kColumns = R"(
  id INT NOT NULL PRIMARY KEY,
  t_tiny TINYINT, t_tiny_u TINYINT UNSIGNED, t_small SMALLINT, t_small_u SMALLINT UNSIGNED,
  t_medium MEDIUMINT, t_medium_u MEDIUMINT UNSIGNED, t_int INT, t_int_u INT UNSIGNED,
  t_big BIGINT, t_big_u BIGINT UNSIGNED,
  t_float FLOAT, t_double DOUBLE, t_dec DECIMAL(10,3), t_dec_big DECIMAL(40,12),
  t_year YEAR, t_date DATE, t_time TIME, t_time6 TIME(6), t_time_neg TIME(3),
  t_dt DATETIME, t_dt3 DATETIME(3), t_dt6 DATETIME(6), t_ts TIMESTAMP(3) NULL,
  t_zero_date DATE, t_bit1 BIT(1), t_bit12 BIT(12),
  t_enum ENUM('red','green','blue'), t_set SET('a','b','c','d'),
  t_char CHAR(5), t_varchar VARCHAR(300), t_latin1 VARCHAR(20) CHARACTER SET latin1,
  t_binary BINARY(4), t_varbinary VARBINARY(10),
  t_tinytext TINYTEXT, t_text TEXT, t_mediumtext MEDIUMTEXT, t_longtext LONGTEXT,
  t_tinyblob TINYBLOB, t_blob BLOB, t_mediumblob MEDIUMBLOB, t_longblob LONGBLOB,
  t_json JSON, t_geom GEOMETRY, t_point POINT,
  t_default_str VARCHAR(10) NOT NULL DEFAULT 'dflt', t_default_int INT NOT NULL DEFAULT 42)";

constexpr const char* kValues = R"(
  -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295,
  -9223372036854775808, 18446744073709551615,
  1.5, -2.25, -1234567.891, 123456789012345678901234567.123456789012,
  2024, '2024-02-29', '838:59:59', '12:34:56.123456', '-01:02:03.500',
  '2024-01-02 03:04:05', '2024-01-02 03:04:05.678', '1969-12-31 23:59:59.999999',
  '2024-01-02 03:04:05.678', '0000-00-00', b'1', b'101010101010',
  'green', 'a,c', 'ab', REPEAT('x', 300), 'café',
  x'00010203', x'fffe', 'tiny', 'text', 'medium', 'long',
  x'01', x'0203', x'04', x'05', '{"k": [1, 2]}', ST_GeomFromText('LINESTRING(0 0,1 1)', 4326),
  ST_GeomFromText('POINT(1.5 -2)'), 'x', 7)";

class ColumnTypesTest : public ::testing::Test {
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
    db_ = fmt::format("trib_types_{}", getpid());
    Exec("DROP DATABASE IF EXISTS " + db_);
    Exec("CREATE DATABASE " + db_);
    Exec("SET SESSION sql_mode = ''");  // allow the zero date
  }
  void TearDown() override {
    if (task_) task_->Stop();
    if (admin_) Exec("DROP DATABASE IF EXISTS " + db_);
  }
  void Exec(const std::string& sql) {
    Status s = admin_->Execute(sql);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  connect::Config Config() {
    connect::Config c;
    c.Set("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
    c.Set("database.hostname", Env("TRIB_MARIADB_HOST"));
    c.Set("database.port", Env("TRIB_MARIADB_PORT"));
    c.Set("database.user", Env("TRIB_MARIADB_USER"));
    c.Set("database.password", Env("TRIB_MARIADB_PASSWORD"));
    c.Set("database.server.id", "4243");
    c.Set("topic.prefix", "t");
    c.Set("table.include.list", db_ + "\\.all_types");
    // Only the change records: the schema-change topic is compared against Debezium in
    // tests/python/test_debezium_diff.py.
    c.Set("include.schema.changes", "false");
    return c;
  }
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

  std::unique_ptr<MysqlConnection> admin_;
  std::unique_ptr<connect::SourceTask> task_;
  std::string db_;
};

TEST_F(ColumnTypesTest, SnapshotAndBinlogDecodeEveryTypeIdentically) {
  Exec("CREATE TABLE " + db_ + ".all_types (" + kColumns + ")");
  Exec("INSERT INTO " + db_ + ".all_types VALUES (1, " + kValues + ")");
  task_ = NewMySqlSourceTask();
  char tmpl[] = "/tmp/trib_types_XXXXXX";
  Status s = task_->Start({"types", 0, mkdtemp(tmpl)}, Config(), {});
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto snap = PollN(1);
  ASSERT_EQ(snap.size(), 1u);
  Exec("INSERT INTO " + db_ + ".all_types VALUES (2, " + kValues + ")");
  auto stream = PollN(1);
  ASSERT_EQ(stream.size(), 1u);

  const Value& a = *snap[0].value.field("after");
  const Value& b = *stream[0].value.field("after");
  const auto& fields = a.as_struct().schema->fields();
  for (size_t i = 1; i < fields.size(); ++i) {
    EXPECT_EQ(a.as_struct().values[i], b.as_struct().values[i])
        << fields[i].name << ": snapshot " << a.as_struct().values[i].DebugString()
        << " vs binlog " << b.as_struct().values[i].DebugString();
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& sa = *fields[i].schema;
    const auto& sb = *b.as_struct().schema->fields()[i].schema;
    EXPECT_TRUE(sa.Equals(sb)) << fields[i].name << ": snapshot " << sa.DebugString()
                               << " vs binlog " << sb.DebugString();
  }
  EXPECT_TRUE(snap[0].value_schema->Equals(*stream[0].value_schema));

  auto v = [&](const char* f) { return *b.field(f); };
  EXPECT_EQ(v("t_tiny").as_int(), -128);
  EXPECT_EQ(v("t_tiny_u").as_int(), 255);
  EXPECT_EQ(v("t_small_u").as_int(), 65535);
  EXPECT_EQ(v("t_medium").as_int(), -8388608);
  EXPECT_EQ(v("t_int").as_int(), -2147483648LL);
  EXPECT_EQ(v("t_int_u").as_int(), 4294967295LL);
  EXPECT_EQ(v("t_big_u").as_int(), -1);  // bigint.unsigned.handling.mode=long wraps
  EXPECT_DOUBLE_EQ(v("t_float").as_double(), 1.5);
  EXPECT_EQ(v("t_dec").as_bytes(), UnscaledDecimalBytes("-1234567.891", 3).value());
  EXPECT_EQ(v("t_dec_big").as_bytes(),
            UnscaledDecimalBytes("123456789012345678901234567.123456789012", 12).value());
  EXPECT_EQ(v("t_year").as_int(), 2024);
  EXPECT_EQ(v("t_date").as_int(), DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(v("t_time").as_int(), (838LL * 3600 + 59 * 60 + 59) * 1000000);
  EXPECT_EQ(v("t_time6").as_int(), (12LL * 3600 + 34 * 60 + 56) * 1000000 + 123456);
  EXPECT_EQ(v("t_time_neg").as_int(), -((1LL * 3600 + 2 * 60 + 3) * 1000000 + 500000));
  int64_t day = DaysFromCivil(2024, 1, 2) * 86400LL;
  EXPECT_EQ(v("t_dt").as_int(), (day + 3 * 3600 + 4 * 60 + 5) * 1000);
  EXPECT_EQ(v("t_dt3").as_int(), (day + 3 * 3600 + 4 * 60 + 5) * 1000 + 678);
  EXPECT_EQ(v("t_dt6").as_int(), -1);
  EXPECT_TRUE(v("t_zero_date").is_null());
  EXPECT_EQ(v("t_bit1").as_bool(), true);
  EXPECT_EQ(v("t_bit12").as_bytes(), std::string("\xaa\x0a", 2));
  EXPECT_EQ(v("t_enum").as_string(), "green");
  EXPECT_EQ(v("t_set").as_string(), "a,c");
  EXPECT_EQ(v("t_char").as_string(), "ab");
  EXPECT_EQ(v("t_varchar").as_string(), std::string(300, 'x'));
  EXPECT_EQ(v("t_latin1").as_string(), "caf\xc3\xa9");
  EXPECT_EQ(v("t_binary").as_bytes(), std::string("\x00\x01\x02\x03", 4));
  EXPECT_EQ(v("t_varbinary").as_bytes(), "\xff\xfe");
  EXPECT_EQ(v("t_longtext").as_string(), "long");
  EXPECT_EQ(v("t_longblob").as_bytes(), "\x05");
  EXPECT_EQ(v("t_json").as_string(), "{\"k\": [1, 2]}");
  EXPECT_EQ(v("t_geom").field("srid")->as_int(), 4326);
  EXPECT_DOUBLE_EQ(v("t_point").field("x")->as_double(), 1.5);
  EXPECT_DOUBLE_EQ(v("t_point").field("y")->as_double(), -2);

  const auto& schema = *b.as_struct().schema;
  auto field_schema = [&](const char* f) { return schema.field(f)->schema; };
  EXPECT_EQ(field_schema("t_ts")->name().value(), "io.debezium.time.ZonedTimestamp");
  EXPECT_EQ(field_schema("t_dt6")->name().value(), "io.debezium.time.MicroTimestamp");
  EXPECT_EQ(field_schema("t_dt3")->name().value(), "io.debezium.time.Timestamp");
  EXPECT_EQ(*field_schema("t_enum")->parameter("allowed"), "red,green,blue");
  EXPECT_EQ(*field_schema("t_bit12")->parameter("length"), "12");
  EXPECT_EQ(*field_schema("t_dec")->parameter("connect.decimal.precision"), "10");
  EXPECT_EQ(field_schema("t_tiny")->type(), data::Type::kInt16);
  EXPECT_EQ(field_schema("t_int_u")->type(), data::Type::kInt64);
  EXPECT_EQ(field_schema("t_float")->type(), data::Type::kFloat32);
  ASSERT_NE(field_schema("t_default_str")->default_value(), nullptr);
  EXPECT_EQ(field_schema("t_default_str")->default_value()->as_string(), "dflt");
  EXPECT_EQ(field_schema("t_default_int")->default_value()->as_int(), 42);
  EXPECT_FALSE(field_schema("t_default_int")->optional());
  EXPECT_TRUE(field_schema("t_tiny")->optional());
}

}  // namespace
}  // namespace tributary::mysql
