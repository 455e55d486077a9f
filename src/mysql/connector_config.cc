#include "mysql/connector_config.h"

#include <map>

namespace tributary::mysql {
namespace {

// The value of the first key present among `keys` (new name first, then old aliases).
std::optional<std::string> First(const connect::Config& c, std::initializer_list<const char*> keys,
                                 std::string* used_key = nullptr) {
  for (const char* k : keys) {
    if (auto v = c.Get(k)) {
      if (used_key) *used_key = k;
      return v;
    }
  }
  return std::nullopt;
}

template <typename E>
Result<E> Choice(const connect::Config& c, const char* key, const std::string& fallback,
                 const std::map<std::string, E>& choices) {
  std::string value = c.GetString(key, fallback);
  auto it = choices.find(value);
  if (it != choices.end()) return it->second;
  std::string allowed;
  for (const auto& [name, _] : choices) allowed += (allowed.empty() ? "" : ", ") + name;
  return Status::InvalidArgument("{}='{}' is not valid; allowed values: {}", key, value,
                                 allowed);
}

Result<NameFilter> ListFilter(const connect::Config& c, std::initializer_list<const char*> keys) {
  std::string key = *keys.begin();
  std::optional<std::string> v = First(c, keys, &key);
  if (!v) return NameFilter();
  return NameFilter::Parse(key, c.GetList(key));
}

}  // namespace

Result<NameFilter> NameFilter::Parse(const std::string& key,
                                     const std::vector<std::string>& list) {
  NameFilter f;
  for (const auto& pattern : list) {
    try {
      f.patterns_.emplace_back(pattern, std::regex::ECMAScript | std::regex::icase);
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument("{}: '{}' is not a valid regular expression: {}", key,
                                     pattern, e.what());
    }
  }
  return f;
}

bool NameFilter::Matches(const std::string& name) const {
  for (const auto& p : patterns_)
    if (std::regex_match(name, p)) return true;
  return false;
}

Result<ConnectorConfig> ConnectorConfig::Parse(const connect::Config& c) {
  ConnectorConfig cfg;
  std::string cls = c.GetString("connector.class");
  if (cls.find(".mariadb.") != std::string::npos) cfg.connector = "mariadb";

  cfg.connection.host = c.GetString("database.hostname", "localhost");
  TRIB_ASSIGN_OR_RETURN(int64_t port, c.GetInt("database.port", 3306));
  if (port <= 0 || port > 65535) {
    return Status::InvalidArgument("database.port={} is not a TCP port (1-65535)", port);
  }
  cfg.connection.port = static_cast<int>(port);
  cfg.connection.user = c.GetString("database.user");
  cfg.connection.password = c.GetString("database.password");
  cfg.connection.socket = c.GetString("database.socket");
  TRIB_ASSIGN_OR_RETURN(int64_t timeout, c.GetInt("connect.timeout.ms", 30000));
  cfg.connection.connect_timeout_s = static_cast<int>(std::max<int64_t>(1, timeout / 1000));
  if (cfg.connection.user.empty()) {
    return Status::InvalidArgument("database.user is required (a user with SELECT, RELOAD, "
                                   "SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT)");
  }

  if (!c.Has("database.server.id")) {
    return Status::InvalidArgument(
        "database.server.id is required: a numeric replica id unique among the server and "
        "its replicas, e.g. database.server.id=184054");
  }
  TRIB_ASSIGN_OR_RETURN(int64_t server_id, c.GetInt("database.server.id", 0));
  if (server_id <= 0 || server_id > 0xffffffffLL) {
    return Status::InvalidArgument("database.server.id={} must be between 1 and 4294967295",
                                   server_id);
  }
  cfg.server_id = static_cast<uint32_t>(server_id);

  cfg.topic_prefix = First(c, {"topic.prefix", "database.server.name"}).value_or("");
  if (cfg.topic_prefix.empty()) {
    return Status::InvalidArgument(
        "topic.prefix (formerly database.server.name) is required: the logical server name "
        "that prefixes every topic, e.g. topic.prefix=db1");
  }

  TRIB_ASSIGN_OR_RETURN(cfg.database_include,
                        ListFilter(c, {"database.include.list", "database.whitelist"}));
  TRIB_ASSIGN_OR_RETURN(cfg.database_exclude,
                        ListFilter(c, {"database.exclude.list", "database.blacklist"}));
  TRIB_ASSIGN_OR_RETURN(cfg.table_include,
                        ListFilter(c, {"table.include.list", "table.whitelist"}));
  TRIB_ASSIGN_OR_RETURN(cfg.table_exclude,
                        ListFilter(c, {"table.exclude.list", "table.blacklist"}));
  TRIB_ASSIGN_OR_RETURN(cfg.column_include,
                        ListFilter(c, {"column.include.list", "column.whitelist"}));
  TRIB_ASSIGN_OR_RETURN(cfg.column_exclude,
                        ListFilter(c, {"column.exclude.list", "column.blacklist"}));
  if (!cfg.database_include.empty() && !cfg.database_exclude.empty()) {
    return Status::InvalidArgument(
        "database.include.list and database.exclude.list cannot both be set");
  }
  if (!cfg.table_include.empty() && !cfg.table_exclude.empty()) {
    return Status::InvalidArgument("table.include.list and table.exclude.list cannot both be set");
  }
  if (!cfg.column_include.empty() && !cfg.column_exclude.empty()) {
    return Status::InvalidArgument(
        "column.include.list and column.exclude.list cannot both be set");
  }

  TRIB_ASSIGN_OR_RETURN(cfg.snapshot_mode,
                        Choice<SnapshotMode>(c, "snapshot.mode", "initial",
                                             {{"initial", SnapshotMode::kInitial},
                                              {"never", SnapshotMode::kNever},
                                              {"no_data", SnapshotMode::kNoData},
                                              {"schema_only", SnapshotMode::kNoData},
                                              {"when_needed", SnapshotMode::kWhenNeeded},
                                              {"initial_only", SnapshotMode::kInitialOnly}}));
  TRIB_ASSIGN_OR_RETURN(cfg.modes.decimal,
                        Choice<DecimalHandling>(c, "decimal.handling.mode", "precise",
                                                {{"precise", DecimalHandling::kPrecise},
                                                 {"double", DecimalHandling::kDouble},
                                                 {"string", DecimalHandling::kString}}));
  TRIB_ASSIGN_OR_RETURN(
      cfg.modes.time,
      Choice<TimePrecision>(c, "time.precision.mode", "adaptive_time_microseconds",
                            {{"adaptive_time_microseconds",
                              TimePrecision::kAdaptiveTimeMicroseconds},
                             {"connect", TimePrecision::kConnect}}));
  TRIB_ASSIGN_OR_RETURN(cfg.modes.bigint_unsigned,
                        Choice<BigintUnsignedHandling>(
                            c, "bigint.unsigned.handling.mode", "long",
                            {{"long", BigintUnsignedHandling::kLong},
                             {"precise", BigintUnsignedHandling::kPrecise}}));
  TRIB_ASSIGN_OR_RETURN(cfg.modes.binary,
                        Choice<BinaryHandling>(c, "binary.handling.mode", "bytes",
                                               {{"bytes", BinaryHandling::kBytes},
                                                {"base64", BinaryHandling::kBase64},
                                                {"hex", BinaryHandling::kHex}}));
  TRIB_ASSIGN_OR_RETURN(cfg.tombstones_on_delete, c.GetBool("tombstones.on.delete", true));
  TRIB_ASSIGN_OR_RETURN(cfg.include_query, c.GetBool("include.query", false));
  TRIB_ASSIGN_OR_RETURN(cfg.include_schema_changes, c.GetBool("include.schema.changes", true));
  TRIB_ASSIGN_OR_RETURN(cfg.provide_transaction_metadata,
                        c.GetBool("provide.transaction.metadata", false));
  cfg.transaction_topic = c.GetString("topic.transaction", "transaction");
  TRIB_ASSIGN_OR_RETURN(cfg.heartbeat_interval_ms, c.GetInt("heartbeat.interval.ms", 0));
  if (cfg.heartbeat_interval_ms < 0) {
    return Status::InvalidArgument("heartbeat.interval.ms={} must be >= 0",
                                   cfg.heartbeat_interval_ms);
  }
  cfg.heartbeat_topics_prefix =
      c.GetString("topic.heartbeat.prefix",
                  c.GetString("heartbeat.topics.prefix", cfg.heartbeat_topics_prefix));
  TRIB_ASSIGN_OR_RETURN(int64_t batch, c.GetInt("max.batch.size", 2048));
  if (batch <= 0) return Status::InvalidArgument("max.batch.size={} must be > 0", batch);
  cfg.max_batch_size = static_cast<int>(batch);

  static const std::regex kRewriteKey(R"(column\.(mask\.with|truncate\.to)\.(\d+)\.chars)");
  for (const auto& [key, value] : c.values()) {
    std::smatch m;
    if (!std::regex_match(key, m, kRewriteKey)) continue;
    ColumnRewrite rewrite;
    rewrite.mask = m[1] == "mask.with";
    rewrite.chars = std::stoi(m[2]);
    TRIB_ASSIGN_OR_RETURN(rewrite.columns, NameFilter::Parse(key, c.GetList(key)));
    cfg.column_rewrites.push_back(std::move(rewrite));
  }
  // message.key.columns=db.table:c1,c2;db.other:c3
  std::string key_columns = c.GetString("message.key.columns");
  size_t start = 0;
  while (start < key_columns.size()) {
    size_t end = key_columns.find(';', start);
    if (end == std::string::npos) end = key_columns.size();
    std::string entry = key_columns.substr(start, end - start);
    start = end + 1;
    if (entry.find_first_not_of(" ") == std::string::npos) continue;
    size_t colon = entry.find(':');
    if (colon == std::string::npos || colon + 1 >= entry.size()) {
      return Status::InvalidArgument(
          "message.key.columns entry '{}' is not <db>.<table>:<column>[,<column>...]", entry);
    }
    KeyColumnsOverride o;
    auto trim = [](std::string v) {
      v.erase(0, v.find_first_not_of(" "));
      v.erase(v.find_last_not_of(" ") + 1);
      return v;
    };
    TRIB_ASSIGN_OR_RETURN(o.tables, NameFilter::Parse("message.key.columns",
                                                      {trim(entry.substr(0, colon))}));
    std::string cols = entry.substr(colon + 1);
    size_t p = 0;
    while (p <= cols.size()) {
      size_t comma = cols.find(',', p);
      if (comma == std::string::npos) comma = cols.size();
      std::string col = trim(cols.substr(p, comma - p));
      if (!col.empty()) o.columns.push_back(col);
      p = comma + 1;
    }
    cfg.key_columns.push_back(std::move(o));
  }

  if (c.Has("skipped.operations")) {
    cfg.skipped_operations.clear();
    for (const std::string& op : c.GetList("skipped.operations")) {
      if (op == "none") continue;
      if (op.size() != 1 || std::string_view("cudt").find(op[0]) == std::string_view::npos) {
        return Status::InvalidArgument(
            "skipped.operations contains '{}'; allowed values: c, u, d, t, none", op);
      }
      cfg.skipped_operations.insert(op[0]);
    }
  }
  return cfg;
}

bool ConnectorConfig::IncludeDatabase(const std::string& db) const {
  static const std::set<std::string> kSystem{"mysql", "information_schema",
                                             "performance_schema", "sys"};
  if (kSystem.count(db)) return false;
  if (!database_include.empty() && !database_include.Matches(db)) return false;
  return !database_exclude.Matches(db);
}

bool ConnectorConfig::IncludeTable(const std::string& db, const std::string& table) const {
  if (!IncludeDatabase(db)) return false;
  std::string full = db + "." + table;
  if (!table_include.empty() && !table_include.Matches(full)) return false;
  if (table_exclude.Matches(full)) return false;
  return true;
}

const std::vector<std::string>* ConnectorConfig::KeyColumnsFor(const std::string& db,
                                                               const std::string& table) const {
  for (const auto& o : key_columns) {
    if (o.tables.Matches(db + "." + table)) return &o.columns;
  }
  return nullptr;
}

bool ConnectorConfig::IncludeColumn(const std::string& db, const std::string& table,
                                    const std::string& column) const {
  std::string full = db + "." + table + "." + column;
  if (!column_include.empty()) return column_include.Matches(full);
  return !column_exclude.Matches(full);
}

}  // namespace tributary::mysql
