// SchemaCatalog: what the server's catalog (information_schema) says about the captured
// tables: column types for the snapshot, and the facts a TABLE_MAP event does not carry
// (column defaults, character-set names, the primary key when the server omits it).
//
// Binlog rows are described by their TABLE_MAP (binlog_row_metadata=FULL gives names,
// types, nullability, signedness, charsets, ENUM/SET values and the primary key at that
// binlog position); Enrich() adds the catalog-only facts to it. After a DDL statement the
// task calls Refresh() for the tables it names.
//
// Thread-safety: one thread at a time.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "mysql/column_def.h"
#include "mysql/connector_config.h"
#include "mysql/mysql_connection.h"

namespace tributary::mysql {

class SchemaCatalog {
 public:
  Status LoadCollations(MysqlConnection& connection);
  // The captured tables (base tables passing the config's filters), sorted.
  Result<std::vector<std::pair<std::string, std::string>>> ListTables(
      MysqlConnection& connection, const ConnectorConfig& config);
  // Reads and caches one table's definition. NotFound if the table does not exist.
  Result<TableDef> ReadTable(MysqlConnection& connection, const std::string& db,
                             const std::string& table);
  // Re-reads a table after DDL (or forgets it if it was dropped).
  Status Refresh(MysqlConnection& connection, const std::string& db, const std::string& table);
  // Adds defaults, charset names and (if absent) the primary key to a TABLE_MAP definition.
  void Enrich(TableDef* table) const;

 private:
  std::map<int, std::string> charsets_;  // collation id -> character set name
  std::map<std::string, TableDef> tables_;  // "db.table" -> catalog definition
};

// Parses the values of an ENUM/SET COLUMN_TYPE: "enum('a','it''s')" -> {a, it's}.
std::vector<std::string> ParseEnumElements(std::string_view column_type);

}  // namespace tributary::mysql
