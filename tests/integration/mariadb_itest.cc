// MariaDB as the change-capture source needs it: reachable through libmariadb with the
// Debezium-style user, with a ROW binlog carrying full row images and metadata, and GTIDs.
#include <gtest/gtest.h>
#include <mysql.h>

#include <map>
#include <memory>
#include <string>

#include "service_env.h"

namespace tributary {
namespace {

using testing_env::RequireEnv;

struct MysqlCloser {
  void operator()(MYSQL* mysql) const { mysql_close(mysql); }
};
using MysqlPtr = std::unique_ptr<MYSQL, MysqlCloser>;

class MariaDbTest : public testing::Test {
 protected:
  MysqlPtr Connect(const std::string& user, const std::string& password) {
    std::string host = RequireEnv("TRIB_MARIADB_HOST");
    std::string port = RequireEnv("TRIB_MARIADB_PORT");
    if (HasFailure()) return nullptr;
    MysqlPtr mysql(mysql_init(nullptr));
    unsigned int timeout_s = 5;
    mysql_options(mysql.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout_s);
    mysql_options(mysql.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
    if (mysql_real_connect(mysql.get(), host.c_str(), user.c_str(), password.c_str(), nullptr,
                           static_cast<unsigned>(std::stoi(port)), nullptr, 0) == nullptr) {
      ADD_FAILURE() << "cannot connect to MariaDB at " << host << ":" << port << " as " << user
                    << ": " << mysql_error(mysql.get());
      return nullptr;
    }
    return mysql;
  }

  // The first row of `sql`'s answer as column name -> value.
  std::map<std::string, std::string> QueryRow(MYSQL* mysql, const std::string& sql) {
    std::map<std::string, std::string> row;
    if (mysql_query(mysql, sql.c_str()) != 0) {
      ADD_FAILURE() << sql << ": " << mysql_error(mysql);
      return row;
    }
    MYSQL_RES* result = mysql_store_result(mysql);
    if (result == nullptr) return row;
    MYSQL_ROW values = mysql_fetch_row(result);
    MYSQL_FIELD* fields = mysql_fetch_fields(result);
    for (unsigned i = 0; values != nullptr && i < mysql_num_fields(result); ++i) {
      row[fields[i].name] = values[i] ? values[i] : "NULL";
    }
    mysql_free_result(result);
    return row;
  }

  void Execute(MYSQL* mysql, const std::string& sql) {
    ASSERT_EQ(mysql_query(mysql, sql.c_str()), 0) << sql << ": " << mysql_error(mysql);
  }
};

TEST_F(MariaDbTest, ServerIsConfiguredForRowBasedChangeCapture) {
  auto mysql = Connect(RequireEnv("TRIB_MARIADB_USER"), RequireEnv("TRIB_MARIADB_PASSWORD"));
  ASSERT_NE(mysql, nullptr);
  auto settings = QueryRow(mysql.get(),
                           "SELECT @@log_bin AS log_bin, @@binlog_format AS format, "
                           "@@binlog_row_image AS image, @@binlog_row_metadata AS metadata, "
                           "@@binlog_checksum AS checksum, @@gtid_strict_mode AS strict, "
                           "@@server_id AS server_id");
  EXPECT_EQ(settings["log_bin"], "1");
  EXPECT_EQ(settings["format"], "ROW");
  EXPECT_EQ(settings["image"], "FULL");
  EXPECT_EQ(settings["metadata"], "FULL");
  EXPECT_EQ(settings["checksum"], "CRC32");
  EXPECT_EQ(settings["strict"], "1");
  EXPECT_EQ(settings["server_id"], "1");
}

TEST_F(MariaDbTest, ReplicationUserCanReadBinlogPositionsAndCatalog) {
  auto mysql = Connect(RequireEnv("TRIB_MARIADB_USER"), RequireEnv("TRIB_MARIADB_PASSWORD"));
  ASSERT_NE(mysql, nullptr);
  auto status = QueryRow(mysql.get(), "SHOW MASTER STATUS");
  EXPECT_FALSE(status["File"].empty()) << "SHOW MASTER STATUS needs BINLOG MONITOR";
  auto gtid = QueryRow(mysql.get(), "SELECT @@gtid_binlog_pos AS pos");
  EXPECT_TRUE(gtid.contains("pos"));
  auto databases = QueryRow(mysql.get(), "SELECT COUNT(*) AS n FROM information_schema.SCHEMATA");
  EXPECT_GE(std::stoi(databases["n"]), 3);
}

TEST_F(MariaDbTest, AdminWritesAndReplicationUserReadsRows) {
  auto admin = Connect(RequireEnv("TRIB_MARIADB_ADMIN_USER"),
                       RequireEnv("TRIB_MARIADB_ADMIN_PASSWORD"));
  ASSERT_NE(admin, nullptr);
  ASSERT_NO_FATAL_FAILURE(Execute(admin.get(), "CREATE DATABASE IF NOT EXISTS itest_services"));
  ASSERT_NO_FATAL_FAILURE(Execute(admin.get(),
                                  "CREATE OR REPLACE TABLE itest_services.movies (id INT PRIMARY "
                                  "KEY, title VARCHAR(100)) ENGINE=InnoDB"));
  ASSERT_NO_FATAL_FAILURE(Execute(
      admin.get(), "INSERT INTO itest_services.movies VALUES (1, 'Metropolis'), (2, 'Ü + = ')"));
  auto before = QueryRow(admin.get(), "SELECT @@gtid_binlog_pos AS pos");
  EXPECT_FALSE(before["pos"].empty()) << "a committed transaction must get a GTID";

  auto reader = Connect(RequireEnv("TRIB_MARIADB_USER"), RequireEnv("TRIB_MARIADB_PASSWORD"));
  ASSERT_NE(reader, nullptr);
  auto row = QueryRow(reader.get(),
                      "SELECT COUNT(*) AS n, MAX(title) AS last FROM itest_services.movies");
  EXPECT_EQ(row["n"], "2");
  EXPECT_EQ(row["last"], "Ü + = ");
  // The replication user must not be able to write.
  EXPECT_NE(mysql_query(reader.get(), "DELETE FROM itest_services.movies"), 0);
}

TEST_F(MariaDbTest, WrongPasswordIsRejected) {
  std::string host = RequireEnv("TRIB_MARIADB_HOST");
  std::string port = RequireEnv("TRIB_MARIADB_PORT");
  ASSERT_FALSE(HasFailure());
  MysqlPtr mysql(mysql_init(nullptr));
  EXPECT_EQ(mysql_real_connect(mysql.get(), host.c_str(), "debezium", "wrong-password", nullptr,
                               static_cast<unsigned>(std::stoi(port)), nullptr, 0),
            nullptr);
  EXPECT_EQ(mysql_errno(mysql.get()), 1045u) << mysql_error(mysql.get());  // access denied
}

}  // namespace
}  // namespace tributary
