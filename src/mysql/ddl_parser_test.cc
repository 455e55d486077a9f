#include "mysql/ddl_parser.h"

#include <gtest/gtest.h>

namespace tributary::mysql {
namespace {

const ColumnDef* Column(const std::map<std::string, TableDef>& tables, const char* table,
                        const char* column) {
  auto it = tables.find(table);
  if (it == tables.end()) return nullptr;
  int i = it->second.ColumnIndex(column);
  return i < 0 ? nullptr : &it->second.columns[i];
}

TEST(DdlParserTest, CreateAlterRenameDrop) {
  std::map<std::string, TableDef> tables;
  auto changed = ApplyDdl(
      "CREATE TABLE IF NOT EXISTS `movies` (movie_id INT NOT NULL PRIMARY KEY, "
      "title VARCHAR(20) DEFAULT 'it''s', n DECIMAL(5,2) DEFAULT -1.5, "
      "ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
      "PRIMARY KEY (movie_id), KEY k (title))",
      "db", &tables);
  ASSERT_EQ(changed, std::vector<std::string>{"db.movies"});
  EXPECT_EQ(tables["db.movies"].columns.size(), 4u);
  EXPECT_FALSE(Column(tables, "db.movies", "movie_id")->default_literal);
  EXPECT_EQ(*Column(tables, "db.movies", "title")->default_literal, "'it''s'");
  EXPECT_EQ(*Column(tables, "db.movies", "n")->default_literal, "-1.5");
  EXPECT_EQ(*Column(tables, "db.movies", "ts")->default_literal, "current_timestamp()");

  ApplyDdl("ALTER TABLE db.movies ADD COLUMN COUNTRY VARCHAR(50) NOT NULL DEFAULT 'FR', "
           "MODIFY title VARCHAR(30), ALTER COLUMN n SET DEFAULT 2, DROP COLUMN ts",
           "other", &tables);
  EXPECT_EQ(*Column(tables, "db.movies", "COUNTRY")->default_literal, "'FR'");
  EXPECT_FALSE(Column(tables, "db.movies", "title")->default_literal);
  EXPECT_EQ(*Column(tables, "db.movies", "n")->default_literal, "2");
  EXPECT_EQ(Column(tables, "db.movies", "ts"), nullptr);

  ApplyDdl("ALTER TABLE movies CHANGE COLUMN COUNTRY country_code CHAR(2) DEFAULT 'US'", "db",
           &tables);
  EXPECT_EQ(*Column(tables, "db.movies", "country_code")->default_literal, "'US'");
  ApplyDdl("ALTER TABLE movies RENAME COLUMN country_code TO cc", "db", &tables);
  EXPECT_NE(Column(tables, "db.movies", "cc"), nullptr);
  ApplyDdl("RENAME TABLE db.movies TO db.films", "db", &tables);
  EXPECT_EQ(tables.count("db.movies"), 0u);
  EXPECT_NE(Column(tables, "db.films", "cc"), nullptr);
  changed = ApplyDdl("DROP TABLE IF EXISTS films", "db", &tables);
  EXPECT_EQ(changed, std::vector<std::string>{"db.films"});
  EXPECT_TRUE(tables.empty());
}

// FLOAT(M,D) maps to float64 and plain FLOAT to float32: only the DDL tells them apart.
TEST(DdlParserTest, FloatDeclaredWithAScale) {
  std::map<std::string, TableDef> tables;
  ApplyDdl("CREATE TABLE t (a FLOAT, b FLOAT(7,2) DEFAULT 1.5, c FLOAT(10), d DOUBLE(8,2))", "db",
           &tables);
  EXPECT_FALSE(Column(tables, "db.t", "a")->float_with_scale);
  EXPECT_TRUE(Column(tables, "db.t", "b")->float_with_scale);
  EXPECT_EQ(*Column(tables, "db.t", "b")->default_literal, "1.5");
  EXPECT_FALSE(Column(tables, "db.t", "c")->float_with_scale);
  EXPECT_FALSE(Column(tables, "db.t", "d")->float_with_scale);
  ApplyDdl("ALTER TABLE t ADD COLUMN bits BIT(4) DEFAULT b'0101'", "db", &tables);
  EXPECT_EQ(*Column(tables, "db.t", "bits")->default_literal, "b'0101'");
  ApplyDdl("ALTER TABLE t MODIFY a FLOAT(5,1), CHANGE b b2 FLOAT", "db", &tables);
  EXPECT_TRUE(Column(tables, "db.t", "a")->float_with_scale);
  EXPECT_FALSE(Column(tables, "db.t", "b2")->float_with_scale);
}

TEST(DdlParserTest, NonDdlChangesNothing) {
  std::map<std::string, TableDef> tables;
  EXPECT_TRUE(ApplyDdl("GRANT SELECT ON *.* TO x", "db", &tables).empty());
  EXPECT_TRUE(ApplyDdl("ALTER TABLE unknown ADD c INT", "db", &tables).empty());
}

}  // namespace
}  // namespace tributary::mysql
