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
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "connect/history_log.h"
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
  // Adds defaults, charset names and (if absent) the primary key to a TABLE_MAP definition.
  void Enrich(TableDef* table) const;
  bool Knows(const std::string& db, const std::string& table) const {
    return tables_.count(db + "." + table) > 0;
  }

  // ---- schema history: a connect::HistoryLog (a local file, or a Kafka topic in Kafka mode)
  // of JSON entries, one per table state and the binlog position (file, pos) of the event
  // after which it holds. The snapshot records every captured table; each DDL records the
  // tables it changed. Without a log nothing is recorded.
  // Takes the log and reads what it holds, so that entries that are not ours are refused
  // before anything is appended: a Debezium schema history topic is an InvalidArgument
  // naming the log and the fix, anything else a Corruption naming the entry.
  Status SetHistoryLog(std::unique_ptr<connect::HistoryLog> log);
  // Loads the table states that hold at (file, pos): the latest entry per table recorded
  // before it, of those read by SetHistoryLog. Tables without entries are left to ReadTable.
  void LoadHistory(const std::string& file, uint64_t pos);
  // Records the current state of `tables` ("db.table"; absent = dropped) as holding from
  // (file, pos) on: a snapshot taken at that position.
  Status RecordSnapshot(const std::vector<std::string>& tables, const std::string& file,
                        uint64_t pos);
  // Applies a DDL statement seen at (file, pos) and records the tables it changed as holding
  // after that event. Durable on return (HistoryLog::Append).
  Status ApplyDdlStatement(const std::string& sql, const std::string& default_db,
                           const std::string& file, uint64_t pos);

 private:
  // `from_pos`: the state holds at (file, pos) itself (a snapshot), else only after it.
  Status RecordHistory(const std::vector<std::string>& tables, const std::string& file,
                       uint64_t pos, bool from_pos);

  // One table state read from the history.
  struct HistoryEntry {
    std::string file;
    uint64_t pos = 0;
    bool from_pos = false;        // a snapshot's: holds at (file, pos) itself
    std::string table;            // "db.table"
    std::optional<TableDef> def;  // absent: dropped
  };

  std::unique_ptr<connect::HistoryLog> history_;
  std::vector<HistoryEntry> recorded_;  // as read by SetHistoryLog, in order
  std::map<int, std::string> charsets_;  // collation id -> character set name
  std::map<std::string, TableDef> tables_;  // "db.table" -> catalog definition
};

// Parses the values of an ENUM/SET COLUMN_TYPE: "enum('a','it''s')" -> {a, it's}.
std::vector<std::string> ParseEnumElements(std::string_view column_type);

}  // namespace tributary::mysql
