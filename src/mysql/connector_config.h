// ConnectorConfig: the Debezium MySQL/MariaDB connector configuration, parsed and validated
// from Kafka Connect properties. Accepts Debezium's current key names and their older aliases
// (database.server.name = topic.prefix, table.whitelist = table.include.list, ...); unknown
// keys are ignored as Kafka Connect does, but a bad value of a known key is an
// InvalidArgument naming the key and the allowed values.
//
// Thread-safety: immutable after Parse().
#pragma once

#include <cstdint>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/config.h"
#include "mysql/column_codec.h"
#include "mysql/mysql_connection.h"

namespace tributary::mysql {

enum class SnapshotMode { kInitial, kNever, kNoData, kWhenNeeded, kInitialOnly };

// A comma-separated list of regular expressions, each matching a whole identifier,
// case-insensitively (Debezium's include/exclude list semantics).
class NameFilter {
 public:
  static Result<NameFilter> Parse(const std::string& key, const std::vector<std::string>& list);
  bool empty() const { return patterns_.empty(); }
  bool Matches(const std::string& name) const;

 private:
  std::vector<std::regex> patterns_;
};

// A column rewrite of Debezium's column.mask.with.N.chars / column.truncate.to.N.chars.
struct ColumnRewrite {
  NameFilter columns;  // fully-qualified db.table.column patterns
  int chars = 0;
  bool mask = false;  // mask: N '*'; otherwise truncate to N characters
};

// message.key.columns: tables (pattern) whose key is made of the listed columns.
struct KeyColumnsOverride {
  NameFilter tables;
  std::vector<std::string> columns;
};

struct ConnectorConfig {
  std::string connector = "mysql";  // "mariadb" for io.debezium.connector.mariadb.*
  ConnectionOptions connection;
  uint32_t server_id = 0;
  std::string topic_prefix;
  NameFilter database_include, database_exclude;
  NameFilter table_include, table_exclude;
  NameFilter column_include, column_exclude;
  SnapshotMode snapshot_mode = SnapshotMode::kInitial;
  bool tombstones_on_delete = true;
  bool include_query = false;
  bool include_schema_changes = true;        // records on topic <topic.prefix>
  bool provide_transaction_metadata = false;
  std::string transaction_topic = "transaction";  // topic.transaction: <topic.prefix>.<this>
  std::set<char> skipped_operations{'t'};
  int64_t heartbeat_interval_ms = 0;
  std::string heartbeat_topics_prefix = "__debezium-heartbeat";
  TypeModes modes;
  std::vector<ColumnRewrite> column_rewrites;
  std::vector<KeyColumnsOverride> key_columns;
  int max_batch_size = 2048;

  static Result<ConnectorConfig> Parse(const connect::Config& config);

  bool IncludeDatabase(const std::string& db) const;
  bool IncludeTable(const std::string& db, const std::string& table) const;
  bool IncludeColumn(const std::string& db, const std::string& table,
                     const std::string& column) const;
  // The message.key.columns override for a table, or null.
  const std::vector<std::string>* KeyColumnsFor(const std::string& db,
                                                const std::string& table) const;
};

}  // namespace tributary::mysql
