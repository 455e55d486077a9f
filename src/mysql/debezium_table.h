// DebeziumTables: the relational model Debezium's MySQL/MariaDB connector builds from DDL text
// (its schema history), kept so that schema-change records (schema_change_event.h) describe
// tables exactly as Debezium does: type names, JDBC type codes, lengths and defaults as the
// DDL wrote them (SHOW CREATE TABLE at snapshot time, the statement itself when streaming),
// not as the catalog reports them now.
//
// Understood: CREATE TABLE (columns, inline and table PRIMARY KEY, DEFAULT CHARSET, COMMENT),
// CREATE TABLE ... LIKE, ALTER TABLE with ADD/MODIFY/CHANGE/DROP [COLUMN] (FIRST/AFTER),
// ALTER COLUMN SET/DROP DEFAULT, RENAME COLUMN, ADD/DROP PRIMARY KEY, RENAME TO, table
// charset and comment; RENAME TABLE; DROP TABLE. Other statements change no table.
//
// Thread-safety: one thread at a time.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tributary::mysql {

// io.debezium.connector.schema.Column.
struct DebeziumColumn {
  std::string name;
  int jdbc_type = 0;               // java.sql.Types
  std::string type_name;           // "BIGINT UNSIGNED"; also the typeExpression
  std::optional<std::string> charset;  // character types only
  std::optional<int> length;
  std::optional<int> scale;
  bool optional = true;
  bool auto_incremented = false;   // also Debezium's "generated"
  std::optional<std::string> comment;
  std::optional<std::string> default_value;  // defaultValueExpression
  std::optional<std::vector<std::string>> enum_values;  // ENUM/SET, quoted: "'a'"
};

// io.debezium.connector.schema.Table.
struct DebeziumTable {
  std::string database;
  std::string table;
  std::optional<std::string> default_charset;
  std::vector<std::string> primary_key;  // column names, in key order
  std::vector<DebeziumColumn> columns;
  std::optional<std::string> comment;
};

// One entry of a schema-change record's tableChanges.
struct TableChange {
  std::string type;  // CREATE, ALTER, DROP
  std::string database;
  std::string table;
  std::optional<DebeziumTable> definition;  // absent for DROP
};

class DebeziumTables {
 public:
  // The default character set of a database, for tables created without one.
  void SetDatabaseCharset(const std::string& database, const std::string& charset) {
    database_charsets_[database] = charset;
  }
  // Applies a DDL statement run with `default_db` selected; returns the table changes
  // Debezium reports for it (empty for statements that change no table).
  std::vector<TableChange> Apply(std::string_view sql, const std::string& default_db);
  const DebeziumTable* Find(const std::string& database, const std::string& table) const;

 private:
  friend class DebeziumDdlParser;
  std::map<std::string, DebeziumTable> tables_;  // "db.table"
  std::map<std::string, std::string> database_charsets_;
};

}  // namespace tributary::mysql
