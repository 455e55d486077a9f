#include "mysql/debezium_table.h"

#include <gtest/gtest.h>

namespace tributary::mysql {
namespace {

// Expectations are what Debezium 3.5's MariaDB connector reported for the same statements in
// tests/python/test_debezium_diff.py.
TEST(DebeziumTablesTest, ShowCreateTableTextGivesDebeziumColumns) {
  DebeziumTables tables;
  auto changes = tables.Apply(
      "CREATE TABLE `t` (\n"
      "  `id` bigint(20) unsigned NOT NULL,\n"
      "  `d` decimal(8,3) unsigned DEFAULT NULL,\n"
      "  `c` char(5) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,\n"
      "  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK "
      "(json_valid(`j`)),\n"
      "  `e` enum('on','off') NOT NULL DEFAULT 'off',\n"
      "  `s` set('x','y','z') DEFAULT NULL,\n"
      "  `ts` timestamp(3) NOT NULL DEFAULT current_timestamp(3),\n"
      "  `b` bit(4) DEFAULT b'101',\n"
      "  `v` varchar(10) COMMENT 'note',\n"
      "  PRIMARY KEY (`id`)\n"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
      "db");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].type, "CREATE");
  ASSERT_TRUE(changes[0].definition);
  const DebeziumTable& t = *changes[0].definition;
  EXPECT_EQ(t.default_charset, "utf8mb4");
  EXPECT_EQ(t.primary_key, std::vector<std::string>{"id"});
  ASSERT_EQ(t.columns.size(), 9u);
  EXPECT_EQ(t.columns[0].type_name, "BIGINT UNSIGNED");
  EXPECT_EQ(t.columns[0].jdbc_type, -5);
  EXPECT_EQ(t.columns[0].length, 20);
  EXPECT_FALSE(t.columns[0].optional);
  EXPECT_EQ(t.columns[1].type_name, "DECIMAL UNSIGNED");
  EXPECT_EQ(t.columns[1].scale, 3);
  EXPECT_EQ(t.columns[2].charset, "latin1");
  EXPECT_EQ(t.columns[3].charset, "utf8mb4");
  EXPECT_EQ(t.columns[4].length, 1);
  EXPECT_EQ(t.columns[4].default_value, "off");
  EXPECT_EQ(t.columns[4].enum_values, (std::vector<std::string>{"'on'", "'off'"}));
  EXPECT_EQ(t.columns[5].length, 5);  // SET: values and commas
  EXPECT_EQ(t.columns[6].jdbc_type, 2014);
  EXPECT_EQ(t.columns[6].default_value, "1970-01-01 00:00:00");
  EXPECT_EQ(t.columns[7].default_value, "101");
  EXPECT_EQ(t.columns[8].charset, "utf8mb4");  // the table's
  EXPECT_EQ(t.columns[8].comment, "note");
}

TEST(DebeziumTablesTest, AlterRenameAndDropFollowTheStatements) {
  DebeziumTables tables;
  tables.SetDatabaseCharset("db", "latin1");
  tables.Apply("CREATE TABLE t (a INT, b VARCHAR(20), c INT(11))", "db");
  auto changes = tables.Apply(
      "ALTER TABLE t ADD COLUMN n VARCHAR(8) NOT NULL DEFAULT 'new' AFTER a, DROP COLUMN c, "
      "MODIFY COLUMN a BIGINT, RENAME COLUMN b TO bb, ADD PRIMARY KEY (bb)",
      "db");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].type, "ALTER");
  const DebeziumTable& t = *changes[0].definition;
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[0].name, "a");
  EXPECT_EQ(t.columns[0].type_name, "BIGINT");
  EXPECT_FALSE(t.columns[0].length.has_value());
  EXPECT_EQ(t.columns[1].name, "n");
  EXPECT_EQ(t.columns[1].charset, "latin1");
  EXPECT_EQ(t.columns[2].name, "bb");
  EXPECT_FALSE(t.columns[2].optional);
  EXPECT_EQ(t.primary_key, std::vector<std::string>{"bb"});

  changes = tables.Apply("RENAME TABLE t TO u", "db");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].type, "ALTER");
  EXPECT_EQ(changes[0].table, "u");
  EXPECT_EQ(tables.Find("db", "t"), nullptr);

  changes = tables.Apply("DROP TABLE IF EXISTS `db`.`u`", "other");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].type, "DROP");
  EXPECT_FALSE(changes[0].definition.has_value());
  EXPECT_EQ(tables.Find("db", "u"), nullptr);
  EXPECT_TRUE(tables.Apply("USE `db`", "db").empty());
}

}  // namespace
}  // namespace tributary::mysql
