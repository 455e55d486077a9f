#include "mysql/mysql_source_task.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <regex>
#include <thread>

#include "common/logging.h"
#include "mysql/binlog_client.h"
#include "mysql/binlog_events.h"
#include "mysql/connector_config.h"
#include "mysql/debezium_schema.h"
#include "mysql/debezium_table.h"
#include "mysql/mysql_config_keys.h"
#include "mysql/rows_event.h"
#include "mysql/schema_catalog.h"
#include "mysql/schema_history.h"
#include "mysql/schema_change_event.h"
#include "mysql/table_map_event.h"
#include "mysql/transaction_context.h"

namespace tributary::mysql {
namespace {

using data::Value;
using nlohmann::json;

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Tables named by a DDL statement (ALTER/CREATE/DROP/TRUNCATE TABLE, RENAME TABLE a TO b).
std::vector<std::pair<std::string, std::string>> TablesInDdl(const std::string& sql,
                                                             const std::string& default_db) {
  static const std::regex kTable(
      R"((?:ALTER|CREATE|DROP|TRUNCATE)\s+(?:ONLINE\s+|IGNORE\s+|TEMPORARY\s+)*TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?))",
      std::regex::icase);
  static const std::regex kRename(
      R"(((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?)\s+TO\s+((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?))",
      std::regex::icase);
  auto split = [&](std::string name) {
    name.erase(std::remove(name.begin(), name.end(), '`'), name.end());
    size_t dot = name.find('.');
    if (dot == std::string::npos) return std::make_pair(default_db, name);
    return std::make_pair(name.substr(0, dot), name.substr(dot + 1));
  };
  std::vector<std::pair<std::string, std::string>> out;
  std::smatch m;
  if (std::regex_search(sql, m, kTable)) out.push_back(split(m[1]));
  static const std::regex kRenameStart(R"(^\s*RENAME\s+TABLE\s+)", std::regex::icase);
  if (std::regex_search(sql, m, kRenameStart)) {
    std::string rest = m.suffix();
    for (std::sregex_iterator it(rest.begin(), rest.end(), kRename), end; it != end; ++it) {
      out.push_back(split((*it)[1]));
      out.push_back(split((*it)[2]));
    }
  }
  static const std::regex kAlterRename(R"(\bRENAME\s+(?:TO|AS)\s+((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?))",
                                       std::regex::icase);
  if (std::regex_search(sql, m, kAlterRename)) out.push_back(split(m[1]));
  return out;
}

// Statements Debezium reports on the schema-change topic.
bool IsSchemaStatement(const std::string& q) {
  static const std::regex kSchemaStatement(
      R"(^\s*(CREATE|ALTER|DROP|RENAME)\s+(OR\s+REPLACE\s+)?((TEMPORARY|ONLINE|IGNORE|UNIQUE|FULLTEXT|SPATIAL)\s+)*(TABLE|DATABASE|SCHEMA|INDEX)\b)",
      std::regex::icase);
  return std::regex_search(q, kSchemaStatement);
}

// A DROP TABLE statement's text before its table list ("DROP TABLE IF EXISTS ", as written)
// and after it (" CASCADE" / " RESTRICT"), from which Debezium rewrites one statement per table.
struct DropTableStatement {
  std::string prefix;
  std::string suffix;
};

std::optional<DropTableStatement> ParseDropTable(const std::string& q) {
  static const std::regex kDropTable(R"(^\s*(DROP\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?))",
                                     std::regex::icase);
  static const std::regex kDropType(R"(\s(RESTRICT|CASCADE)\s*(?:/\*.*\*/\s*)?$)",
                                    std::regex::icase);
  std::smatch m;
  if (!std::regex_search(q, m, kDropTable)) return std::nullopt;
  DropTableStatement drop{m[1].str(), ""};
  if (std::regex_search(q, m, kDropType)) drop.suffix = " " + m[1].str();
  return drop;
}

std::string QuoteIdentifier(const std::string& name) {
  std::string q = "`";
  for (char ch : name) q += ch == '`' ? std::string("``") : std::string(1, ch);
  return q + "`";
}

std::string QuoteString(const std::string& value) {
  std::string q = "'";
  for (char ch : value) q += ch == '\'' ? std::string("''") : ch == '\\' ? std::string("\\\\") : std::string(1, ch);
  return q + "'";
}

bool IsTransactionControl(const std::string& q) {
  return q == "BEGIN" || q == "COMMIT" || q == "ROLLBACK" || q.rfind("SAVEPOINT", 0) == 0 ||
         q.rfind("XA ", 0) == 0;
}

// A streamed change whose records are reserved in its chunk's batch but not built yet: the
// streaming thread decodes the row images, the record thread builds the structs from them.
struct DeferredChange {
  size_t record = 0;  // its record in the batch (its tombstone, if any, follows it)
  size_t table = 0;   // its table's schemas, in StreamChunk::tables
  size_t source = 0;  // its event's source struct, in StreamChunk::sources
  char op = 'c';
  int row = 0;  // source.row
  // Row images in table order: before for 'u' and 'd', after for 'c' and 'u'.
  std::vector<Value> before, after;
  Value transaction;  // the transaction block (provide.transaction.metadata)
  int64_t now_us = 0;
};

// What the streaming thread hands the record thread: a batch in delivery order, offsets
// attached, whose change records stay placeholders until BuildChanges fills them.
struct StreamChunk {
  data::RecordBatch batch;
  std::vector<DeferredChange> changes;
  std::vector<std::shared_ptr<const TableSchemas>> tables;
  std::vector<Value> sources;  // per row event; row is set per change
  Status status;               // the streaming thread's error, after these records

  // Empties it, keeping the vectors' capacity for the next chunk.
  void clear() {
    batch.clear();
    changes.clear();
    tables.clear();
    sources.clear();
    status = Status::OK();
  }
};

class MySqlSourceTask : public connect::SourceTask {
 public:
  ~MySqlSourceTask() override { StopBuilder(); }
  Status Start(const connect::TaskContext& context, const connect::Config& config,
               const std::map<std::string, json>& committed_offsets) override;
  Status Poll(data::RecordBatch* out, int max_wait_ms) override;
  void Stop() override;

 private:
  // ---- start-up
  Status CheckServerSettings();
  Result<std::shared_ptr<const TableSchemas>> SchemasFor(TableDef table);

  // ---- snapshot
  // `resume`: the offset of a snapshot interrupted part-way (null: a new snapshot).
  Status BeginSnapshot(const json* resume = nullptr);
  Status PollSnapshot(data::RecordBatch* out);
  Status OpenNextSnapshotTable();
  Status OpenSnapshotTable(MysqlConnection& conn, const std::string& db, const std::string& table);
  // A connection in a REPEATABLE READ transaction WITH CONSISTENT SNAPSHOT, times in UTC.
  Result<std::unique_ptr<MysqlConnection>> OpenSnapshotTransaction();
  // Holds `record` back (Debezium marks the last one of the snapshot "last") and releases the
  // one held before. `first_in_table`: the record is its table's first.
  void EmitSnapshotRecord(data::RecordBatch* out, data::Record record, bool first_in_table);
  // Sets the held-back record's source.snapshot marker once it is known whether it is the
  // last of its table.
  void MarkPendingSnapshotRecord(bool last_in_table);
  Status FinishSnapshot(data::RecordBatch* out);
  // Debezium's schema snapshot: the DDL that recreates the databases' tables, as
  // schema-change records (queued when `emit`) and into ddl_tables_.
  Status ReadSchemaSnapshot(MysqlConnection& c, bool emit);

  // ---- streaming
  Status StartStreaming();
  Status PollStreaming(StreamChunk* chunk, int max_wait_ms);
  // The streaming thread: PollStreaming into chunks, queued for the record thread.
  void StreamChunks();
  // The record thread: builds the queued chunks' changes, hands the batches to Poll one at
  // a time.
  void BuildRecords();
  // Poll's side while streaming: waits up to `max_wait_ms` for the next built batch.
  Status TakeBuiltBatch(data::RecordBatch* out, int max_wait_ms);
  void StopBuilder();
  Status HandleEvent(const BinlogEvent& event, StreamChunk* chunk);
  Status HandleQuery(const BinlogEvent& event, data::RecordBatch* out);
  // The schema-change record of a streamed DDL statement; false when none is due.
  bool StreamSchemaChange(const QueryEvent& q, const BinlogEvent& event, data::RecordBatch* out);
  // Commit of a transaction: its END record (provide.transaction.metadata), then Commit().
  void CommitTransaction(const EventHeader& h, data::RecordBatch* out);
  // The transaction metadata id: the GTID, or file:pos of the transaction's start without one.
  std::string TransactionId() const;
  Status HandleRows(const BinlogEvent& event, int64_t event_index, StreamChunk* chunk);
  // Reserves `change`'s records in the chunk (after its transaction's BEGIN, if due) and
  // queues it for BuildChanges; `offset` (may be null) goes on its last record.
  void DeferChange(StreamChunk* chunk, const TableSchemas& t, DeferredChange change,
                   int64_t ts_ms, const json* offset);
  void Commit(uint32_t next_position);
  // Debezium's heartbeat record (heartbeat.interval.ms), carrying the current offset.
  void MaybeHeartbeat(data::RecordBatch* out);
  json StreamingOffset(int64_t events_done, int64_t rows_done) const;
  // Adds read_later_ (while not passed) to a streaming or snapshot offset.
  void AddReadLater(json* offset) const;

  // ---- records
  // Moves the Value columns out of `row` (which the decoder refills for the next row).
  Value RowStruct(const TableSchemas& t, std::vector<Value>& row) const;
  Value KeyStruct(const TableSchemas& t, const std::vector<Value>& row) const;
  Value SourceStruct(const TableSchemas& t, const char* snapshot, int64_t ts_ms,
                     int64_t server_id, const std::string& file, int64_t pos, int row) const;
  // `row_event`: the thread and query of a streamed row event are filled in.
  Value SourceFor(Value db, Value table, const char* snapshot, int64_t ts_ms, int64_t server_id,
                  const std::string& file, int64_t pos, int row, bool row_event) const;
  // `offset` (may be null) goes on the last record added; `now_us` is the processing time.
  void AddChange(data::RecordBatch* out, const TableSchemas& t, char op, Value before,
                 Value after, Value key, Value source, const json* offset, int64_t now_us);
  // Whether a change record of `op` is followed by a tombstone (tombstones.on.delete).
  bool HasTombstone(char op) const { return op == 'd' && config_.tombstones_on_delete; }
  // Appends the placeholder records of a change of `op` (the record and its tombstone) to
  // `out`, `offset` (may be null) on the last; returns the index of the first.
  size_t ReserveChange(data::RecordBatch* out, char op, const json* offset) const;
  // Fills the records ReserveChange reserved at `r`.
  void FillChange(data::Record* r, const TableSchemas& t, char op, Value&& before,
                  Value&& after, Value&& key, Value&& source, Value&& transaction,
                  int64_t now_us) const;
  // The record thread's part: builds every deferred change of `chunk` into its records.
  void BuildChanges(StreamChunk* chunk) const;

  connect::TaskContext context_;
  ConnectorConfig config_;
  data::SchemaPtr source_schema_;
  std::unique_ptr<MysqlConnection> admin_;
  SchemaCatalog catalog_;
  DebeziumTables ddl_tables_;  // the tables as Debezium's schema history describes them
  std::unique_ptr<SchemaChangeRecords> schema_changes_;  // include.schema.changes
  std::unique_ptr<TransactionContext> transactions_;     // provide.transaction.metadata
  std::vector<data::Record> queued_;  // produced outside Poll (the schema snapshot)
  json partition_;

  enum class Phase { kSnapshot, kStreaming, kIdle } phase_ = Phase::kIdle;

  // Snapshot state.
  std::unique_ptr<MysqlConnection> snapshot_conn_;
  // The table being read: snapshot_conn_, or raced_table_conn_ when DDL raced the snapshot.
  MysqlConnection* table_conn_ = nullptr;
  std::unique_ptr<MysqlConnection> raced_table_conn_;
  std::vector<std::pair<std::string, std::string>> snapshot_tables_;
  size_t snapshot_table_index_ = 0;
  MYSQL_RES* snapshot_result_ = nullptr;
  std::shared_ptr<const TableSchemas> snapshot_schemas_;
  std::optional<data::Record> snapshot_pending_;  // held back to mark the last record
  // Tables read in a newer snapshot than the streaming start (a resumed snapshot, or DDL
  // raced the snapshot): "db.table" -> {file, pos} of that snapshot. Their row events before
  // it are already in the rows read, so streaming skips them (exactly once).
  std::map<std::string, std::pair<std::string, uint64_t>> read_later_;
  size_t snapshot_pending_table_order_ = 0;      // 1-based order of its table
  bool snapshot_pending_first_in_table_ = false;
  bool snapshot_pending_marked_ = false;
  int64_t snapshot_table_rows_ = 0;   // rows read of the current table
  std::string snapshot_table_total_;  // its COUNT(*) when the read started
  int64_t snapshot_ts_ms_ = 0;
  bool stream_after_snapshot_ = true;

  // Streaming state.
  std::unique_ptr<BinlogClient> client_;
  std::string binlog_file_;
  FormatDescriptionEvent fde_;
  struct MappedTable {
    std::string body;  // the TABLE_MAP body: an identical one needs no new parse
    std::shared_ptr<const TableSchemas> schemas;  // null: not captured
  };
  std::map<uint64_t, MappedTable> table_maps_;
  std::string txn_file_;
  uint64_t txn_start_ = 4;
  int64_t events_in_txn_ = 0;  // events of the current transaction already handled
  int64_t skip_events_ = 0;    // after a (re)start: events of the transaction to skip
  int64_t skip_rows_ = 0;      // ... and rows of the next row event
  std::map<uint32_t, MariaGtid> gtid_state_;  // committed GTIDs by domain
  std::optional<MariaGtid> current_gtid_;
  int64_t thread_id_ = -1;
  std::string annotate_query_;
  int last_row_ = 0;  // row index of the last row handled (source.row of a DDL, as Debezium)
  std::vector<Value> before_, after_;  // row images, reused across rows
  int reconnect_attempts_ = 0;
  std::chrono::steady_clock::time_point reconnect_at_;
  bool disconnected_ = false;
  std::chrono::steady_clock::time_point next_heartbeat_;
  data::SchemaPtr heartbeat_key_schema_, heartbeat_value_schema_;

  // Streaming pipeline: the streaming thread reads the events, keeps the streaming state
  // and decodes row images into chunks; the record thread builds the chunks' records and
  // hands them to Poll one batch ahead. Decoding, record building and whatever the caller
  // does with the previous batch (convert, send) overlap. Once the threads run, only the
  // streaming thread touches the streaming state above (until StopBuilder); the record
  // thread reads only the chunks and immutable state; Poll only takes finished batches.
  std::thread streamer_;
  std::thread record_builder_;
  std::mutex built_mu_;
  std::condition_variable built_cv_;
  // Guarded by built_mu_:
  std::deque<StreamChunk> decoded_;        // decoded, not built yet
  std::vector<StreamChunk> spare_chunks_;  // built and emptied: reused for their capacity
  data::RecordBatch built_;                // finished, not yet taken by Poll
  bool built_ready_ = false;
  // The record thread stopped: on error (builder_status_) or when asked.
  bool builder_done_ = false;
  Status builder_status_;
  bool stop_builder_ = false;
};

std::string GtidStateString(const std::map<uint32_t, MariaGtid>& state) {
  std::string s;
  for (const auto& [domain, g] : state) s += (s.empty() ? "" : ",") + g.ToString();
  return s;
}

std::map<std::string, std::pair<std::string, uint64_t>> ParseReadLater(const json& offset) {
  std::map<std::string, std::pair<std::string, uint64_t>> out;
  auto it = offset.find("read_later");
  if (it == offset.end() || !it->is_object()) return out;
  for (const auto& [table, at] : it->items()) {
    if (at.is_array() && at.size() == 2) {
      out[table] = {at[0].get<std::string>(), at[1].get<uint64_t>()};
    }
  }
  return out;
}

std::map<uint32_t, MariaGtid> ParseGtidState(const std::string& text) {
  std::map<uint32_t, MariaGtid> out;
  std::regex re(R"((\d+)-(\d+)-(\d+))");
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
    MariaGtid g;
    g.domain_id = static_cast<uint32_t>(std::stoul((*it)[1]));
    g.server_id = static_cast<uint32_t>(std::stoul((*it)[2]));
    g.sequence = std::stoull((*it)[3]);
    out[g.domain_id] = g;
  }
  return out;
}

Status MySqlSourceTask::Start(const connect::TaskContext& context,
                              const connect::Config& config,
                              const std::map<std::string, json>& committed_offsets) {
  context_ = context;
  auto parsed = ConnectorConfig::Parse(config);
  if (!parsed.ok()) {
    return parsed.status().Annotate(fmt::format("connector '{}'", context.connector_name));
  }
  config_ = std::move(parsed).value();
  source_schema_ = MakeSourceSchema(config_.connector);
  if (config_.include_schema_changes) {
    schema_changes_ = std::make_unique<SchemaChangeRecords>(config_.connector, source_schema_);
  }
  if (config_.provide_transaction_metadata) {
    transactions_ = std::make_unique<TransactionContext>(config_.topic_prefix + "." +
                                                         config_.transaction_topic);
  }
  partition_ = json{{"server", config_.topic_prefix}};

  TRIB_ASSIGN_OR_RETURN(auto history, OpenSchemaHistory(context, config));
  TRIB_RETURN_IF_ERROR(catalog_.SetHistoryLog(std::move(history)));
  TRIB_ASSIGN_OR_RETURN(admin_, MysqlConnection::Connect(config_.connection));
  TRIB_RETURN_IF_ERROR(CheckServerSettings());
  TRIB_RETURN_IF_ERROR(catalog_.LoadCollations(*admin_));

  const json* offset = nullptr;
  auto it = committed_offsets.find(partition_.dump());
  if (it != committed_offsets.end() && it->second.is_object()) offset = &it->second;
  bool snapshot_done = offset && !offset->value("snapshot", false);
  if (offset && !snapshot_done && offset->contains("tables_done") &&
      config_.snapshot_mode != SnapshotMode::kNever &&
      config_.snapshot_mode != SnapshotMode::kNoData) {
    if (config_.snapshot_mode == SnapshotMode::kInitialOnly) stream_after_snapshot_ = false;
    return BeginSnapshot(offset);
  }

  if (snapshot_done) {
    // The binlog file of the offset must still exist on the server.
    TRIB_ASSIGN_OR_RETURN(auto logs, admin_->Query("SHOW BINARY LOGS"));
    std::string wanted = offset->value("file", "");
    bool available = false;
    for (const auto& row : logs) available = available || row[0] == wanted;
    if (!available) {
      if (config_.snapshot_mode == SnapshotMode::kWhenNeeded) {
        spdlog::warn("connector '{}': binlog {} of the committed offset is gone; taking a new "
                     "snapshot (snapshot.mode=when_needed)",
                     context.connector_name, wanted);
        return BeginSnapshot();
      }
      return Status::NotFound(
          "connector '{}': the committed offset is in binlog file '{}', which the server no "
          "longer has (purged; see expire_logs_days/binlog_expire_logs_seconds). Set "
          "snapshot.mode=when_needed to take a new snapshot, or delete the connector's offsets",
          context.connector_name, wanted);
    }
    txn_file_ = offset->value("file", "");
    txn_start_ = offset->value("pos", uint64_t{4});
    skip_events_ = offset->value("event", int64_t{0});
    skip_rows_ = offset->value("row", int64_t{0});
    gtid_state_ = ParseGtidState(offset->value("gtids", ""));
    read_later_ = ParseReadLater(*offset);
    // Table states as of the offset from the schema history; tables it does not know (no
    // history kept) from the catalog as it is now.
    catalog_.LoadHistory(txn_file_, txn_start_);
    TRIB_ASSIGN_OR_RETURN(auto tables, catalog_.ListTables(*admin_, config_));
    for (const auto& [db, table] : tables) {
      if (!catalog_.Knows(db, table)) {
        TRIB_RETURN_IF_ERROR(catalog_.ReadTable(*admin_, db, table).status());
      }
    }
    TRIB_RETURN_IF_ERROR(ReadSchemaSnapshot(*admin_, false));
    return StartStreaming();
  }
  switch (config_.snapshot_mode) {
    case SnapshotMode::kNever:
    case SnapshotMode::kNoData: {
      TRIB_ASSIGN_OR_RETURN(auto rows, admin_->Query("SHOW MASTER STATUS"));
      if (rows.empty() || !rows[0][0]) {
        return Status::InvalidArgument("SHOW MASTER STATUS returned nothing: binary logging is "
                                       "off; start the server with log_bin");
      }
      TRIB_ASSIGN_OR_RETURN(auto gtid, admin_->Query("SELECT @@gtid_binlog_pos"));
      txn_file_ = *rows[0][0];
      txn_start_ = std::stoull(rows[0][1].value_or("4"));
      if (!gtid.empty() && gtid[0][0]) gtid_state_ = ParseGtidState(*gtid[0][0]);
      TRIB_ASSIGN_OR_RETURN(auto tables, catalog_.ListTables(*admin_, config_));
      std::vector<std::string> names;
      for (const auto& [db, table] : tables) {
        TRIB_RETURN_IF_ERROR(catalog_.ReadTable(*admin_, db, table).status());
        names.push_back(db + "." + table);
      }
      TRIB_RETURN_IF_ERROR(catalog_.RecordSnapshot(names, txn_file_, txn_start_));
      TRIB_RETURN_IF_ERROR(ReadSchemaSnapshot(
          *admin_, config_.snapshot_mode == SnapshotMode::kNoData));
      return StartStreaming();
    }
    case SnapshotMode::kInitialOnly:
      stream_after_snapshot_ = false;
      return BeginSnapshot();
    default:
      return BeginSnapshot();
  }
}

Status MySqlSourceTask::CheckServerSettings() {
  TRIB_ASSIGN_OR_RETURN(auto rows, admin_->Query(
      "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata"));
  auto get = [&](size_t i) { return rows.empty() ? std::string() : rows[0][i].value_or(""); };
  std::string where = admin_->Describe();
  if (get(0) != "1") {
    return Status::InvalidArgument(
        "binary logging is disabled on {}: start the server with log_bin (and server_id)", where);
  }
  if (get(1) != "ROW") {
    return Status::InvalidArgument(
        "binlog_format is {} on {}: row-based logging is required; set binlog_format=ROW in the "
        "server configuration (and SET GLOBAL binlog_format=ROW)",
        get(1), where);
  }
  if (get(2) != "FULL") {
    return Status::InvalidArgument(
        "binlog_row_image is {} on {}: set binlog_row_image=FULL so that row events carry "
        "every column",
        get(2), where);
  }
  if (get(3) != "FULL") {
    return Status::InvalidArgument(
        "binlog_row_metadata is {} on {}: set binlog_row_metadata=FULL so that table-map "
        "events carry column names (SET GLOBAL binlog_row_metadata=FULL and in the server "
        "configuration)",
        get(3), where);
  }
  TRIB_ASSIGN_OR_RETURN(auto grants, admin_->Query("SHOW GRANTS"));
  std::string all;
  for (const auto& g : grants) all += g[0].value_or("") + "\n";
  auto has = [&](std::string_view p) { return all.find(p) != std::string::npos; };
  if (!has("ALL PRIVILEGES") && !has("REPLICATION SLAVE")) {
    return Status::InvalidArgument(
        "user '{}' lacks the REPLICATION SLAVE privilege needed to read the binlog: GRANT "
        "REPLICATION SLAVE ON *.* TO '{}'",
        config_.connection.user, config_.connection.user);
  }
  if (!has("ALL PRIVILEGES") && !has("BINLOG MONITOR") && !has("REPLICATION CLIENT") &&
      !has("SUPER")) {
    return Status::InvalidArgument(
        "user '{}' lacks the BINLOG MONITOR (MySQL: REPLICATION CLIENT) privilege needed for "
        "SHOW MASTER STATUS: GRANT BINLOG MONITOR ON *.* TO '{}'",
        config_.connection.user, config_.connection.user);
  }
  return Status::OK();
}

Result<std::shared_ptr<const TableSchemas>> MySqlSourceTask::SchemasFor(TableDef table) {
  if (const auto* key = config_.KeyColumnsFor(table.database, table.table)) {
    table.primary_key.clear();
    for (const auto& name : *key) {
      int index = table.ColumnIndex(name);
      if (index < 0) {
        return Status::InvalidArgument("message.key.columns names {}.{}, which has no column '{}'",
                                       table.database, table.table, name);
      }
      table.primary_key.push_back(index);
    }
  }
  std::string topic = config_.topic_prefix + "." + table.database + "." + table.table;
  const TableDef& t = table;
  std::vector<ColumnOptions> options(t.columns.size());
  for (size_t i = 0; i < t.columns.size(); ++i) {
    options[i].included = config_.IncludeColumn(t.database, t.table, t.columns[i].name);
    std::string full = t.FullName() + "." + t.columns[i].name;
    for (const auto& rewrite : config_.column_rewrites) {
      if (!rewrite.columns.Matches(full)) continue;
      (rewrite.mask ? options[i].mask_chars : options[i].truncate_chars) = rewrite.chars;
    }
  }
  return InternTableSchemas(t, config_.modes, topic, config_.connector, options);
}

// ---- records ---------------------------------------------------------------------------

// column.mask.with.N.chars and column.truncate.to.N.chars on string columns (N characters,
// counted in UTF-8 code points). A mask replaces null too, as Debezium's.
void ApplyColumnRewrites(const TableSchemas& t, data::StructValue* row) {
  for (size_t f = 0; f < t.value_columns.size(); ++f) {
    int column = t.value_columns[f];
    Value& v = row->values[f];
    if (t.codecs[column].schema()->type() != data::Type::kString) continue;
    if (t.mask_chars[column] >= 0) {
      v = Value::String(std::string(t.mask_chars[column], '*'));
    } else if (t.truncate_chars[column] >= 0 && v.kind() == Value::Kind::kString) {
      std::string& s = v.mutable_string();
      size_t chars = 0, i = 0;
      while (i < s.size() && chars < static_cast<size_t>(t.truncate_chars[column])) {
        ++i;
        while (i < s.size() && (static_cast<uint8_t>(s[i]) & 0xc0) == 0x80) ++i;
        ++chars;
      }
      s.resize(i);
    }
  }
}

// True when the Value struct holds every column of a `columns`-wide row image, in table
// order: the image itself can become the struct.
bool KeepsAllColumnsInOrder(const TableSchemas& t, size_t columns) {
  if (t.value_columns.size() != columns) return false;
  for (size_t i = 0; i < columns; ++i) {
    if (t.value_columns[i] != static_cast<int>(i)) return false;
  }
  return true;
}

// Whether an update changed the primary key, compared in the row images.
bool KeyChanged(const TableSchemas& t, const std::vector<Value>& before,
                const std::vector<Value>& after) {
  for (int i : t.key_columns) {
    if (!(before[i] == after[i])) return true;
  }
  return false;
}

Value MySqlSourceTask::RowStruct(const TableSchemas& t, std::vector<Value>& row) const {
  data::StructValue s{BorrowSchema(t.value_schema), {}};
  if (KeepsAllColumnsInOrder(t, row.size())) {
    s.values.swap(row);  // the next row's decode resizes the emptied image again
  } else {
    s.values.reserve(t.value_columns.size());
    for (int i : t.value_columns) s.values.push_back(std::move(row[i]));
  }
  if (!t.mask_chars.empty()) ApplyColumnRewrites(t, &s);
  return Value::Struct(std::move(s));
}

Value MySqlSourceTask::KeyStruct(const TableSchemas& t, const std::vector<Value>& row) const {
  if (!t.key_schema) return Value();
  data::StructValue s{BorrowSchema(t.key_schema), {}};
  s.values.reserve(t.key_columns.size());
  for (int i : t.key_columns) s.values.push_back(row[i]);
  return Value::Struct(std::move(s));
}

Value MySqlSourceTask::SourceStruct(const TableSchemas& t, const char* snapshot, int64_t ts_ms,
                                    int64_t server_id, const std::string& file, int64_t pos,
                                    int row) const {
  return SourceFor(Value::String(t.table.database), Value::String(t.table.table), snapshot,
                   ts_ms, server_id, file, pos, row, phase_ == Phase::kStreaming);
}

Value MySqlSourceTask::SourceFor(Value db, Value table, const char* snapshot, int64_t ts_ms,
                                 int64_t server_id, const std::string& file, int64_t pos,
                                 int row, bool row_event) const {
  data::StructValue s{BorrowSchema(source_schema_), {}};
  s.values = {Value::String(std::string(kDebeziumVersion)),
              Value::String(config_.connector),
              Value::String(config_.topic_prefix),
              Value::Int(ts_ms),
              Value::String(snapshot),
              std::move(db),
              Value(),
              Value::Int(ts_ms * 1000),
              Value::Int(ts_ms * 1000000),
              std::move(table),
              Value::Int(server_id),
              current_gtid_ && phase_ == Phase::kStreaming ? Value::String(current_gtid_->ToString())
                                                           : Value(),
              Value::String(file),
              Value::Int(pos),
              Value::Int(row),
              thread_id_ >= 0 && row_event ? Value::Int(thread_id_) : Value(),
              config_.include_query && !annotate_query_.empty() && row_event
                  ? Value::String(annotate_query_)
                  : Value()};
  return Value::Struct(std::move(s));
}

void MySqlSourceTask::AddChange(data::RecordBatch* out, const TableSchemas& t, char op,
                                Value before, Value after, Value key, Value source,
                                const json* offset, int64_t now_us) {
  size_t at = ReserveChange(out, op, offset);
  FillChange(&out->records[at], t, op, std::move(before), std::move(after), std::move(key),
             std::move(source), Value(), now_us);
}

size_t MySqlSourceTask::ReserveChange(data::RecordBatch* out, char op,
                                      const json* offset) const {
  size_t first = out->records.size();
  out->records.emplace_back();
  if (HasTombstone(op)) out->records.emplace_back();
  if (offset) {
    out->records.back().source_partition = partition_;
    out->records.back().source_offset = *offset;
  }
  return first;
}

void MySqlSourceTask::FillChange(data::Record* r, const TableSchemas& t, char op,
                                 Value&& before, Value&& after, Value&& key, Value&& source,
                                 Value&& transaction, int64_t now_us) const {
  // Sized up front and assigned in place: one allocation, no growth checks.
  data::StructValue env{BorrowSchema(t.envelope_schema), std::vector<Value>(8)};
  env.values[0] = std::move(before);
  env.values[1] = std::move(after);
  env.values[2] = std::move(source);
  env.values[3] = std::move(transaction);
  env.values[4] = Value::String(std::string(1, op));
  env.values[5] = Value::Int(now_us / 1000);
  env.values[6] = Value::Int(now_us);
  env.values[7] = Value::Int(now_us * 1000);
  r->topic = t.topic;
  r->key_schema = BorrowSchema(t.key_schema);
  r->value_schema = BorrowSchema(t.envelope_schema);
  r->value = Value::Struct(std::move(env));
  r->timestamp_ms = now_us / 1000;
  if (!HasTombstone(op)) {
    r->key = std::move(key);
    return;
  }
  r->key = key;
  data::Record& tombstone = r[1];
  tombstone.topic = r->topic;
  tombstone.key_schema = r->key_schema;
  tombstone.key = std::move(key);
  tombstone.value_schema = r->value_schema;
  tombstone.timestamp_ms = r->timestamp_ms;
}

void MySqlSourceTask::BuildChanges(StreamChunk* chunk) const {
  constexpr size_t kRowField = 14;  // "row" in the source struct
  for (DeferredChange& c : chunk->changes) {
    const TableSchemas& t = *chunk->tables[c.table];
    Value key = KeyStruct(t, c.op == 'd' ? c.before : c.after);
    Value before = c.op == 'c' ? Value() : RowStruct(t, c.before);
    Value after = c.op == 'd' ? Value() : RowStruct(t, c.after);
    Value source = chunk->sources[c.source];
    source.mutable_struct().values[kRowField] = Value::Int(c.row);
    FillChange(&chunk->batch.records[c.record], t, c.op, std::move(before), std::move(after),
               std::move(key), std::move(source), std::move(c.transaction), c.now_us);
  }
}

// ---- snapshot ----------------------------------------------------------------------------

Result<std::unique_ptr<MysqlConnection>> MySqlSourceTask::OpenSnapshotTransaction() {
  TRIB_ASSIGN_OR_RETURN(auto c, MysqlConnection::Connect(config_.connection));
  TRIB_RETURN_IF_ERROR(c->Execute("SET SESSION time_zone = '+00:00'"));
  TRIB_RETURN_IF_ERROR(c->Execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
  TRIB_RETURN_IF_ERROR(c->Execute("START TRANSACTION WITH CONSISTENT SNAPSHOT"));
  return c;
}

// The binlog position of a connection's consistent snapshot; empty where the server does not
// report it (MySQL).
Result<std::pair<std::string, std::string>> SnapshotPosition(MysqlConnection& c) {
  TRIB_ASSIGN_OR_RETURN(auto status, c.Query("SHOW STATUS LIKE 'binlog_snapshot_%'"));
  std::string file, pos;
  for (const auto& row : status) {
    if (row[0] == std::optional<std::string>("Binlog_snapshot_file")) file = row[1].value_or("");
    if (row[0] == std::optional<std::string>("Binlog_snapshot_position")) pos = row[1].value_or("");
  }
  return std::make_pair(file, pos);
}

Status MySqlSourceTask::BeginSnapshot(const json* resume) {
  phase_ = Phase::kSnapshot;
  snapshot_ts_ms_ = NowMicros() / 1000;
  TRIB_ASSIGN_OR_RETURN(snapshot_conn_, OpenSnapshotTransaction());
  MysqlConnection& c = *snapshot_conn_;
  // MariaDB reports the binlog position matching the consistent snapshot: no lock needed.
  TRIB_ASSIGN_OR_RETURN(auto snapshot_at, SnapshotPosition(c));
  auto [file, pos] = snapshot_at;
  bool locked = false;
  if (file.empty()) {  // MySQL: hold a global read lock just while reading the position
    TRIB_RETURN_IF_ERROR(c.Execute("ROLLBACK"));
    TRIB_RETURN_IF_ERROR(c.Execute("FLUSH TABLES WITH READ LOCK"));
    locked = true;
    TRIB_RETURN_IF_ERROR(c.Execute("START TRANSACTION WITH CONSISTENT SNAPSHOT"));
    TRIB_ASSIGN_OR_RETURN(auto master, c.Query("SHOW MASTER STATUS"));
    if (master.empty() || !master[0][0]) {
      return Status::InvalidArgument("SHOW MASTER STATUS returned nothing: enable log_bin");
    }
    file = *master[0][0];
    pos = master[0][1].value_or("4");
  }
  auto gtid = c.Query("SELECT @@gtid_binlog_pos");
  if (gtid.ok() && !gtid->empty() && (*gtid)[0][0]) gtid_state_ = ParseGtidState(*(*gtid)[0][0]);
  if (locked) TRIB_RETURN_IF_ERROR(c.Execute("UNLOCK TABLES"));
  txn_file_ = file;
  txn_start_ = std::stoull(pos);
  if (resume) {
    // Streaming starts where the interrupted snapshot's would have: the tables it finished
    // hold as of that position; the rest are read now, their changes since then streamed.
    txn_file_ = resume->value("file", txn_file_);
    txn_start_ = resume->value("pos", txn_start_);
    gtid_state_ = ParseGtidState(resume->value("gtids", ""));
  }
  TRIB_ASSIGN_OR_RETURN(snapshot_tables_, catalog_.ListTables(c, config_));
  std::vector<std::string> names;
  for (const auto& [db, table] : snapshot_tables_) {
    TRIB_RETURN_IF_ERROR(catalog_.ReadTable(c, db, table).status());
    names.push_back(db + "." + table);
  }
  TRIB_RETURN_IF_ERROR(catalog_.RecordSnapshot(names, txn_file_, txn_start_));
  // A resumed snapshot emitted its schema snapshot before its first committed offset.
  TRIB_RETURN_IF_ERROR(ReadSchemaSnapshot(c, resume == nullptr));
  spdlog::info("connector '{}': snapshot of {} table(s) at {}:{} (gtids {})",
           context_.connector_name, snapshot_tables_.size(), txn_file_, txn_start_,
           GtidStateString(gtid_state_));
  if (snapshot_tables_.empty())
    spdlog::warn("connector '{}': no table on the server matches database.include.list / "
                 "table.include.list (or their exclude lists and older names); nothing is "
                 "captured until a matching table is created: check the filters",
                 context_.connector_name);
  if (config_.snapshot_mode == SnapshotMode::kNoData) snapshot_tables_.clear();
  snapshot_table_index_ = 0;
  if (resume) {
    // Tables up to the last one finished are done; the rest are read in this newer snapshot.
    read_later_ = ParseReadLater(*resume);
    std::string done = resume->value("tables_done", "");
    size_t dot = done.find('.');
    std::pair<std::string, std::string> last{done.substr(0, dot),
                                             dot == std::string::npos ? "" : done.substr(dot + 1)};
    while (snapshot_table_index_ < snapshot_tables_.size() &&
           snapshot_tables_[snapshot_table_index_] <= last) {
      ++snapshot_table_index_;
    }
    for (size_t i = snapshot_table_index_; i < snapshot_tables_.size(); ++i) {
      read_later_[snapshot_tables_[i].first + "." + snapshot_tables_[i].second] = {file,
                                                                                std::stoull(pos)};
    }
    spdlog::info("connector '{}': resuming the snapshot after {} ({} table(s) done); the rest "
                 "is read at {}:{}",
                 context_.connector_name, done, snapshot_table_index_, file, pos);
  }
  return OpenNextSnapshotTable();
}

Status MySqlSourceTask::OpenNextSnapshotTable() {
  if (snapshot_result_) {
    mysql_free_result(snapshot_result_);
    snapshot_result_ = nullptr;
    spdlog::info("connector '{}': snapshot of {}: {}/{} rows, done ({}/{} tables)",
                 context_.connector_name, snapshot_schemas_->table.FullName(),
                 snapshot_table_rows_, snapshot_table_total_, snapshot_table_index_,
                 snapshot_tables_.size());
  }
  snapshot_table_rows_ = 0;
  raced_table_conn_.reset();
  table_conn_ = snapshot_conn_.get();
  if (snapshot_table_index_ >= snapshot_tables_.size()) return Status::OK();
  const auto& [db, table] = snapshot_tables_[snapshot_table_index_++];
  // ER_TABLE_DEF_CHANGED: DDL rebuilt the table after the snapshot's read view was taken, so
  // that view cannot read it. Read it in a newer consistent snapshot instead; streaming still
  // starts at the snapshot's position and skips this table's row events up to the newer one
  // (read_later_), which its rows already hold.
  constexpr unsigned kTableDefinitionChanged = 1412;
  for (int attempt = 1;; ++attempt) {
    Status s = OpenSnapshotTable(*table_conn_, db, table);
    if (s.ok() || mysql_errno(table_conn_->handle()) != kTableDefinitionChanged || attempt > 3) {
      return s;
    }
    spdlog::warn("connector '{}': {}.{} changed (DDL) after the snapshot began; reading it in "
                 "a newer snapshot (attempt {}), its changes since the snapshot position "
                 "follow when streaming",
                 context_.connector_name, db, table, attempt);
    TRIB_ASSIGN_OR_RETURN(raced_table_conn_, OpenSnapshotTransaction());
    table_conn_ = raced_table_conn_.get();
    TRIB_ASSIGN_OR_RETURN(auto newer, SnapshotPosition(*table_conn_));
    if (!newer.first.empty()) {
      read_later_[db + "." + table] = {newer.first, std::stoull(newer.second)};
    }
  }
}

Status MySqlSourceTask::OpenSnapshotTable(MysqlConnection& conn, const std::string& db,
                                          const std::string& table) {
  TRIB_ASSIGN_OR_RETURN(TableDef def, catalog_.ReadTable(conn, db, table));
  TRIB_ASSIGN_OR_RETURN(snapshot_schemas_, SchemasFor(def));
  const auto& quote = QuoteIdentifier;
  std::string columns, order;
  for (const auto& c : def.columns) columns += (columns.empty() ? "" : ", ") + quote(c.name);
  for (int k : def.primary_key) order += (order.empty() ? "" : ", ") + quote(def.columns[k].name);
  std::string sql = fmt::format("SELECT {} FROM {}.{}", columns, quote(db), quote(table));
  if (!order.empty()) sql += " ORDER BY " + order;
  TRIB_ASSIGN_OR_RETURN(auto count, conn.Query(fmt::format(
      "SELECT COUNT(*) FROM {}.{}", quote(db), quote(table))));
  snapshot_table_total_ = count.empty() ? "?" : count[0][0].value_or("?");
  spdlog::info("connector '{}': snapshot of {}.{}: {} rows to read", context_.connector_name,
               db, table, snapshot_table_total_);
  MYSQL* m = conn.handle();
  if (mysql_real_query(m, sql.data(), sql.size()) != 0 ||
      (snapshot_result_ = mysql_use_result(m)) == nullptr) {
    return Status::IOError("snapshot query '{}' failed: {}", sql, mysql_error(m));
  }
  return Status::OK();
}

namespace {
void SetSnapshotField(data::Record& record, const char* marker) {
  auto& source = record.value.mutable_struct().values[2].mutable_struct();
  source.values[4] = Value::String(marker);
}
}  // namespace

void MySqlSourceTask::EmitSnapshotRecord(data::RecordBatch* out, data::Record record,
                                         bool first_in_table) {
  if (snapshot_pending_) {
    MarkPendingSnapshotRecord(false);
    out->records.push_back(std::move(*snapshot_pending_));
  }
  snapshot_pending_ = std::move(record);
  snapshot_pending_table_order_ = snapshot_table_index_;
  snapshot_pending_first_in_table_ = first_in_table;
  snapshot_pending_marked_ = false;
}

void MySqlSourceTask::MarkPendingSnapshotRecord(bool last_in_table) {
  if (!snapshot_pending_ || snapshot_pending_marked_) return;
  if (last_in_table) {  // once committed, a restart resumes after this table
    const auto& [db, table] = snapshot_tables_[snapshot_pending_table_order_ - 1];
    json offset{{"file", txn_file_}, {"pos", txn_start_}, {"gtids", GtidStateString(gtid_state_)},
                {"snapshot", true}, {"tables_done", db + "." + table}};
    AddReadLater(&offset);
    snapshot_pending_->source_partition = partition_;
    snapshot_pending_->source_offset = std::move(offset);
  }
  bool first_table = snapshot_pending_table_order_ == 1;
  bool last_table = snapshot_pending_table_order_ == snapshot_tables_.size();
  SetSnapshotField(*snapshot_pending_,
                   SnapshotMarker(snapshot_pending_first_in_table_ && first_table,
                                  last_in_table && last_table, snapshot_pending_first_in_table_,
                                  last_in_table));
  snapshot_pending_marked_ = true;
}

Status MySqlSourceTask::PollSnapshot(data::RecordBatch* out) {
  std::vector<Value> row;
  while (snapshot_result_ && out->size() < static_cast<size_t>(config_.max_batch_size)) {
    MYSQL_ROW r = mysql_fetch_row(snapshot_result_);
    if (r == nullptr) {
      if (mysql_errno(table_conn_->handle()) != 0) {
        return Status::IOError("snapshot of {} failed: {}", snapshot_schemas_->table.FullName(),
                               mysql_error(table_conn_->handle()));
      }
      MarkPendingSnapshotRecord(true);
      TRIB_RETURN_IF_ERROR(OpenNextSnapshotTable());
      continue;
    }
    if (++snapshot_table_rows_ % 100000 == 0) {
      spdlog::info("connector '{}': snapshot of {}: {}/{} rows", context_.connector_name,
                   snapshot_schemas_->table.FullName(), snapshot_table_rows_,
                   snapshot_table_total_);
    }
    unsigned long* lengths = mysql_fetch_lengths(snapshot_result_);
    const TableSchemas& t = *snapshot_schemas_;
    row.assign(t.codecs.size(), Value());
    for (size_t i = 0; i < t.codecs.size(); ++i) {
      if (r[i] == nullptr) continue;
      Status s = t.codecs[i].DecodeText(std::string_view(r[i], lengths[i]), &row[i]);
      if (!s.ok()) return s.Annotate(fmt::format("snapshot of {}", t.table.FullName()));
    }
    data::RecordBatch one;
    Value key = KeyStruct(t, row);
    // The marker is set once the next row (or the table's end) is known.
    AddChange(&one, t, 'r', Value(), RowStruct(t, row), std::move(key),
              SourceStruct(t, "true", snapshot_ts_ms_, 0, txn_file_,
                           static_cast<int64_t>(txn_start_), 0),
              nullptr, NowMicros());
    EmitSnapshotRecord(out, std::move(one.records[0]), snapshot_table_rows_ == 1);
  }
  // Records without an offset commit with the next one that has one: the last record of
  // each finished table (MarkPendingSnapshotRecord), so a restart resumes after that table.
  if (snapshot_result_ == nullptr) return FinishSnapshot(out);
  return Status::OK();
}

Status MySqlSourceTask::FinishSnapshot(data::RecordBatch* out) {
  TRIB_RETURN_IF_ERROR(snapshot_conn_->Execute("COMMIT"));
  snapshot_conn_.reset();
  json offset{{"file", txn_file_}, {"pos", txn_start_}, {"gtids", GtidStateString(gtid_state_)},
              {"event", 0}, {"row", 0}};
  AddReadLater(&offset);
  if (snapshot_pending_) {
    data::Record last = std::move(*snapshot_pending_);
    snapshot_pending_.reset();
    // Mark it "last" (even when later tables were empty, as Debezium) and give it the
    // streaming offset: once committed, the snapshot is done.
    SetSnapshotField(last, "last");
    last.source_partition = partition_;
    last.source_offset = offset;
    out->records.push_back(std::move(last));
  }
  spdlog::info("connector '{}': snapshot complete", context_.connector_name);
  if (!stream_after_snapshot_) {
    phase_ = Phase::kIdle;
    return Status::OK();
  }
  return StartStreaming();
}

// ---- streaming ---------------------------------------------------------------------------

Status MySqlSourceTask::StartStreaming() {
  phase_ = Phase::kStreaming;
  BinlogClientOptions options;
  options.connection = config_.connection;
  options.server_id = config_.server_id;
  if (config_.heartbeat_interval_ms > 0) options.heartbeat_ms = config_.heartbeat_interval_ms;
  client_ = std::make_unique<BinlogClient>(options);
  BinlogStart start;
  start.file = txn_file_;
  start.position = txn_start_;
  events_in_txn_ = 0;
  table_maps_.clear();
  if (transactions_) transactions_->Reset();
  spdlog::info("connector '{}': streaming from {}:{} (skipping {} event(s), {} row(s))",
           context_.connector_name, txn_file_, txn_start_, skip_events_, skip_rows_);
  return client_->Start(start);
}

json MySqlSourceTask::StreamingOffset(int64_t events_done, int64_t rows_done) const {
  json offset{{"file", txn_file_},   {"pos", txn_start_}, {"gtids", GtidStateString(gtid_state_)},
              {"event", events_done}, {"row", rows_done}, {"server_id", 0}};
  AddReadLater(&offset);
  return offset;
}

void MySqlSourceTask::AddReadLater(json* offset) const {
  if (read_later_.empty()) return;
  json& later = (*offset)["read_later"];
  for (const auto& [table, at] : read_later_) later[table] = json{at.first, at.second};
}


void MySqlSourceTask::Commit(uint32_t next_position) {
  if (current_gtid_) gtid_state_[current_gtid_->domain_id] = *current_gtid_;
  current_gtid_.reset();
  txn_file_ = binlog_file_;
  txn_start_ = next_position;
  events_in_txn_ = 0;
  skip_events_ = skip_rows_ = 0;
  annotate_query_.clear();
}

void MySqlSourceTask::MaybeHeartbeat(data::RecordBatch* out) {
  if (config_.heartbeat_interval_ms <= 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now < next_heartbeat_) return;
  next_heartbeat_ = now + std::chrono::milliseconds(config_.heartbeat_interval_ms);
  if (!heartbeat_key_schema_) {
    heartbeat_key_schema_ = data::SchemaBuilder::Struct()
                                .Name("io.debezium.connector.common.ServerNameKey")
                                .Version(1)
                                .Field("serverName", data::StringSchema())
                                .Build();
    heartbeat_value_schema_ = data::SchemaBuilder::Struct()
                                  .Name("io.debezium.connector.common.Heartbeat")
                                  .Version(1)
                                  .Field("ts_ms", data::Int64Schema())
                                  .Build();
  }
  int64_t now_ms = NowMicros() / 1000;
  data::Record& r = out->records.emplace_back();
  r.topic = config_.heartbeat_topics_prefix + "." + config_.topic_prefix;
  r.key_schema = heartbeat_key_schema_;
  r.key = Value::Struct({heartbeat_key_schema_, {Value::String(config_.topic_prefix)}});
  r.value_schema = heartbeat_value_schema_;
  r.value = Value::Struct({heartbeat_value_schema_, {Value::Int(now_ms)}});
  r.timestamp_ms = now_ms;
  // Between transactions everything before txn_start_ is handled: committing this offset
  // moves it forward even when no captured table changes. Inside a transaction the offset
  // of the last change record stands.
  if (events_in_txn_ == 0) {
    r.source_partition = partition_;
    r.source_offset = StreamingOffset(0, 0);
  }
}

Status MySqlSourceTask::PollStreaming(StreamChunk* chunk, int max_wait_ms) {
  data::RecordBatch* out = &chunk->batch;
  if (disconnected_) {
    if (std::chrono::steady_clock::now() < reconnect_at_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(max_wait_ms, 100)));
      return Status::OK();
    }
    // Replay the current transaction from its start, skipping what was handled already.
    skip_events_ = events_in_txn_;
    skip_rows_ = 0;
    Status s = StartStreaming();
    if (!s.ok()) {
      int backoff_ms = std::min(10000, 100 << std::min(reconnect_attempts_++, 7));
      spdlog::warn("connector '{}': reconnect failed ({}); retrying in {} ms",
               context_.connector_name, s.ToString(), backoff_ms);
      reconnect_at_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(backoff_ms);
      return Status::OK();
    }
    disconnected_ = false;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(max_wait_ms);
  while (out->size() < static_cast<size_t>(config_.max_batch_size)) {
    int wait = 0;
    if (out->empty()) {
      wait = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  deadline - std::chrono::steady_clock::now())
                                  .count());
      if (wait < 0) wait = 0;
    }
    BinlogEvent event;
    auto got = client_->Next(&event, wait);
    if (!got.ok()) {
      if (got.status().code() != StatusCode::kUnavailable) return got.status();
      spdlog::warn("connector '{}': {}; reconnecting", context_.connector_name,
               got.status().ToString());
      client_->Stop();
      disconnected_ = true;
      reconnect_attempts_ = 0;
      reconnect_at_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
      return Status::OK();
    }
    if (!*got) break;
    reconnect_attempts_ = 0;
    TRIB_RETURN_IF_ERROR(HandleEvent(event, chunk));
  }
  MaybeHeartbeat(out);
  return Status::OK();
}

Status MySqlSourceTask::HandleEvent(const BinlogEvent& event, StreamChunk* chunk) {
  const EventHeader& h = event.header;
  data::RecordBatch* out = &chunk->batch;
  switch (h.type) {
    case EventType::kRotate: {
      TRIB_ASSIGN_OR_RETURN(RotateEvent rotate, RotateEvent::Parse(event));
      binlog_file_ = rotate.file;
      return Status::OK();
    }
    case EventType::kFormatDescription: {
      TRIB_ASSIGN_OR_RETURN(fde_, FormatDescriptionEvent::Parse(event));
      return Status::OK();
    }
    case EventType::kHeartbeat:
      return Status::OK();
    default:
      break;
  }
  if (h.artificial()) return Status::OK();
  int64_t index = events_in_txn_++;
  switch (h.type) {
    case EventType::kMariaGtid: {
      TRIB_ASSIGN_OR_RETURN(GtidEvent gtid, GtidEvent::Parse(event));
      txn_file_ = binlog_file_;
      txn_start_ = h.position();
      events_in_txn_ = 1;
      current_gtid_ = gtid.gtid;
      if (transactions_) transactions_->Reset();
      thread_id_ = -1;
      annotate_query_.clear();
      return Status::OK();
    }
    case EventType::kMariaGtidList: {
      TRIB_ASSIGN_OR_RETURN(GtidListEvent list, GtidListEvent::Parse(event));
      for (const auto& g : list.gtids) {
        auto& known = gtid_state_[g.domain_id];
        if (g.sequence > known.sequence) known = g;
      }
      Commit(h.next_position);
      return Status::OK();
    }
    case EventType::kMariaAnnotateRows:
      annotate_query_ = std::string(event.body);
      return Status::OK();
    case EventType::kQuery:
      return HandleQuery(event, out);
    case EventType::kXid:
      CommitTransaction(h, out);
      return Status::OK();
    case EventType::kTableMap: {
      // Every transaction repeats its TABLE_MAPs; most are byte-identical to the last one.
      ByteReader id_reader(event.body);
      uint64_t table_id = fde_.PostHeaderLength(h.type) == 6 ? id_reader.U32() : id_reader.U48();
      auto known = table_maps_.find(table_id);
      if (known != table_maps_.end() && known->second.body == event.body) return Status::OK();
      TRIB_ASSIGN_OR_RETURN(TableMapEvent tm,
                            TableMapEvent::Parse(event, fde_.PostHeaderLength(h.type),
                                                 fde_.server_version.find("MariaDB") !=
                                                     std::string::npos));
      MappedTable& mapped = table_maps_[tm.table_id];
      mapped.body = std::string(event.body);
      mapped.schemas = nullptr;
      if (!config_.IncludeTable(tm.table.database, tm.table.table)) return Status::OK();
      if (!tm.has_column_names) {
        return Status::InvalidArgument(
            "TABLE_MAP for {} at {}:{} has no column names: set binlog_row_metadata=FULL on "
            "the server",
            tm.table.FullName(), binlog_file_, h.position());
      }
      catalog_.Enrich(&tm.table);
      TRIB_ASSIGN_OR_RETURN(mapped.schemas, SchemasFor(std::move(tm.table)));
      return Status::OK();
    }
    default:
      if (IsRowsEvent(h.type)) return HandleRows(event, index, chunk);
      return Status::OK();
  }
}

std::string MySqlSourceTask::TransactionId() const {
  return current_gtid_ ? current_gtid_->ToString() : fmt::format("{}:{}", txn_file_, txn_start_);
}

void MySqlSourceTask::CommitTransaction(const EventHeader& h, data::RecordBatch* out) {
  size_t end = out->size();
  bool ended = transactions_ && transactions_->OnCommit(int64_t{h.timestamp} * 1000, out);
  Commit(h.next_position);
  if (ended) {  // committed: a restart resumes after it
    out->records[end].source_partition = partition_;
    out->records[end].source_offset = StreamingOffset(0, 0);
  }
}

bool MySqlSourceTask::StreamSchemaChange(const QueryEvent& q, const BinlogEvent& event,
                                         data::RecordBatch* out) {
  if (!IsSchemaStatement(q.query)) return false;
  std::vector<TableChange> changes = ddl_tables_.Apply(q.query, q.database);
  if (!schema_changes_) return false;
  bool names_tables = !changes.empty();
  std::erase_if(changes, [&](const TableChange& c) {
    return !config_.IncludeTable(c.database, c.table);
  });
  std::string db = changes.empty() ? q.database : changes[0].database;
  if (names_tables ? changes.empty() : !config_.IncludeDatabase(db)) return false;
  int64_t ts_ms = int64_t{event.header.timestamp} * 1000;
  Value source = SourceFor(Value::String(db),
                           changes.empty() ? Value() : Value::String(changes[0].table), "false",
                           ts_ms, event.header.server_id, binlog_file_,
                           event.header.position(), last_row_, false);
  if (transactions_) transactions_->Begin(TransactionId(), ts_ms, out);
  std::optional<DropTableStatement> drop = ParseDropTable(q.query);
  if (!drop || changes.size() < 1) {
    out->records.push_back(schema_changes_->Make(config_.topic_prefix, std::move(source), db,
                                                 q.query, changes, NowMicros() / 1000));
    return true;
  }
  // As Debezium: one record per dropped table, its statement naming that table alone, its
  // source naming them all.
  std::string tables;
  for (const TableChange& change : changes) tables += (tables.empty() ? "" : ",") + change.table;
  for (const TableChange& change : changes) {
    Value table_source = SourceFor(Value::String(change.database), Value::String(tables),
                                   "false", ts_ms, event.header.server_id, binlog_file_,
                                   event.header.position(), last_row_, false);
    std::string ddl = drop->prefix + QuoteIdentifier(change.database) + "." +
                      QuoteIdentifier(change.table) + drop->suffix;
    out->records.push_back(schema_changes_->Make(config_.topic_prefix, std::move(table_source),
                                                 change.database, ddl, {change},
                                                 NowMicros() / 1000));
  }
  return true;
}

Status MySqlSourceTask::ReadSchemaSnapshot(MysqlConnection& c, bool emit) {
  emit = emit && schema_changes_ != nullptr;
  auto add = [&](const std::string& db, const std::string& table, const std::string& ddl) {
    std::vector<TableChange> changes = ddl_tables_.Apply(ddl, db);
    if (!emit) return;
    int64_t now_ms = NowMicros() / 1000;
    queued_.push_back(schema_changes_->Make(
        config_.topic_prefix,
        SourceFor(Value::String(db), table.empty() ? Value() : Value::String(table), "true",
                  now_ms, 0, txn_file_, static_cast<int64_t>(txn_start_), 0, false),
        db, ddl, changes, now_ms));
  };
  TRIB_ASSIGN_OR_RETURN(auto server, c.Query("SELECT @@character_set_server, @@collation_server"));
  if (!server.empty()) {
    add("", "", fmt::format("SET character_set_server={}, collation_server={}",
                            server[0][0].value_or(""), server[0][1].value_or("")));
  }
  // As Debezium's default schema history (store.only.captured.tables.ddl=false): every table
  // of every non-system database, captured or not.
  TRIB_ASSIGN_OR_RETURN(auto rows, c.Query(
      "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = "
      "'BASE TABLE' AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', "
      "'performance_schema', 'sys')"));
  std::vector<std::pair<std::string, std::string>> tables;
  for (const auto& row : rows) tables.emplace_back(row[0].value_or(""), row[1].value_or(""));
  // Debezium orders by its TableId, i.e. by Java string comparison (code units, case
  // sensitive), not by the server's collation, which puts "histbad" before "hist_".
  std::sort(tables.begin(), tables.end());
  std::vector<std::string> databases;
  for (const auto& [db, table] : tables) {
    if (databases.empty() || databases.back() != db) databases.push_back(db);
  }
  for (const auto& [db, table] : tables) {
    add(db, table, fmt::format("DROP TABLE IF EXISTS {}.{}", QuoteIdentifier(db),
                               QuoteIdentifier(table)));
  }
  for (const auto& db : databases) {
    add(db, "", "DROP DATABASE IF EXISTS " + QuoteIdentifier(db));
    TRIB_ASSIGN_OR_RETURN(auto charset, c.Query(fmt::format(
        "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM "
        "information_schema.SCHEMATA WHERE SCHEMA_NAME = {}", QuoteString(db))));
    if (!charset.empty()) {
      std::string name = charset[0][0].value_or("");
      ddl_tables_.SetDatabaseCharset(db, name);
      add(db, "", fmt::format("CREATE DATABASE {} CHARSET {} COLLATE {}", QuoteIdentifier(db),
                              name, charset[0][1].value_or("")));
    }
    add(db, "", "USE " + QuoteIdentifier(db));
    for (const auto& [table_db, table] : tables) {
      if (table_db != db) continue;
      TRIB_ASSIGN_OR_RETURN(auto create, c.Query(fmt::format(
          "SHOW CREATE TABLE {}.{}", QuoteIdentifier(db), QuoteIdentifier(table))));
      if (!create.empty() && create[0].size() > 1 && create[0][1]) add(db, table, *create[0][1]);
    }
  }
  return Status::OK();
}

Status MySqlSourceTask::HandleQuery(const BinlogEvent& event, data::RecordBatch* out) {
  TRIB_ASSIGN_OR_RETURN(QueryEvent q, QueryEvent::Parse(event));
  thread_id_ = q.thread_id;
  if (q.query == "BEGIN") {
    if (!current_gtid_) {  // no GTID event: the transaction starts here
      txn_file_ = binlog_file_;
      txn_start_ = event.header.position();
      events_in_txn_ = 1;
    }
    return Status::OK();
  }
  if (q.query == "COMMIT") {
    CommitTransaction(event.header, out);
    return Status::OK();
  }
  if (q.query == "ROLLBACK") {
    if (transactions_) transactions_->Reset();
    Commit(event.header.next_position);
    return Status::OK();
  }
  bool schema_change = false;
  if (!IsTransactionControl(q.query)) {
    bool captured = false;
    for (const auto& [db, table] : TablesInDdl(q.query, q.database)) {
      captured = captured || config_.IncludeTable(db, table);
    }
    if (captured) {
      spdlog::info("connector '{}': DDL at {}:{}: {}", context_.connector_name, binlog_file_,
                   event.header.position(), q.query);
      TRIB_RETURN_IF_ERROR(
          catalog_.ApplyDdlStatement(q.query, q.database, binlog_file_, event.header.position()));
      table_maps_.clear();  // defaults may have changed under an identical TABLE_MAP
    }
    schema_change = StreamSchemaChange(q, event, out);
  }
  // A DDL statement is its own event group.
  Commit(event.header.next_position);
  if (schema_change) {  // past the DDL: a restart does not repeat its record
    out->records.back().source_partition = partition_;
    out->records.back().source_offset = StreamingOffset(0, 0);
  }
  return Status::OK();
}

Status MySqlSourceTask::HandleRows(const BinlogEvent& event, int64_t event_index,
                                   StreamChunk* chunk) {
  TRIB_ASSIGN_OR_RETURN(RowsEvent rows, RowsEvent::Parse(event, fde_.PostHeaderLength(event.header.type)));
  auto it = table_maps_.find(rows.table_id());
  if (it == table_maps_.end()) {
    return Status::Corruption("row event at {}:{} refers to table id {} without a TABLE_MAP",
                              binlog_file_, event.header.position(), rows.table_id());
  }
  if (!it->second.schemas) return Status::OK();  // not captured
  if (event_index < skip_events_) return Status::OK();  // delivered before a restart
  const TableSchemas& t = *it->second.schemas;
  if (!read_later_.empty()) {
    auto later = read_later_.find(t.table.FullName());
    if (later != read_later_.end()) {
      auto here = std::make_pair(binlog_file_, uint64_t{event.header.position()});
      if (here < later->second) return Status::OK();  // in the rows its snapshot read
      read_later_.erase(later);
    }
  }
  char op = rows.kind() == RowsKind::kWrite ? 'c' : rows.kind() == RowsKind::kUpdate ? 'u' : 'd';
  int64_t ts_ms = static_cast<int64_t>(event.header.timestamp) * 1000;
  int64_t now_us = NowMicros();
  // Records carry an offset once per event (on the last one): a restart after a partly
  // committed event replays that event from its first row, deterministically.
  json event_offset = StreamingOffset(event_index + 1, 0);
  if (chunk->tables.empty() || chunk->tables.back() != it->second.schemas) {
    chunk->tables.push_back(it->second.schemas);
  }
  size_t table = chunk->tables.size() - 1;
  size_t source = chunk->sources.size();
  chunk->sources.push_back(SourceStruct(t, "false", ts_ms, event.header.server_id,
                                        binlog_file_, event.header.position(), 0));
  bool skipped = config_.skipped_operations.count(op) > 0;
  int row = 0;
  while (rows.has_more_rows()) {
    if (skipped || (event_index == skip_events_ && row < skip_rows_)) {
      TRIB_RETURN_IF_ERROR(rows.SkipRow(t.codecs));
      ++row;
      continue;
    }
    TRIB_RETURN_IF_ERROR(rows.NextRow(t.codecs, &before_, &after_));
    const json* offset = rows.has_more_rows() ? nullptr : &event_offset;
    DeferredChange change{.table = table, .source = source, .op = op, .row = row,
                          .now_us = now_us};
    if (op == 'u' && t.key_schema && KeyChanged(t, before_, after_)) {
      // A primary-key change: delete of the old key, create of the new one.
      DeferredChange create = change;
      change.op = 'd';
      change.before = std::move(before_);
      DeferChange(chunk, t, std::move(change), ts_ms, nullptr);
      create.op = 'c';
      create.after = std::move(after_);
      DeferChange(chunk, t, std::move(create), ts_ms, offset);
    } else {
      if (op != 'c') change.before = std::move(before_);
      if (op != 'd') change.after = std::move(after_);
      DeferChange(chunk, t, std::move(change), ts_ms, offset);
    }
    ++row;
  }
  if (row > 0) last_row_ = row - 1;
  data::RecordBatch* out = &chunk->batch;
  if (skipped && !out->empty() && out->records.back().source_offset.is_null()) {
    out->records.back().source_partition = partition_;
    out->records.back().source_offset = event_offset;
  }
  return Status::OK();
}

void MySqlSourceTask::DeferChange(StreamChunk* chunk, const TableSchemas& t,
                                  DeferredChange change, int64_t ts_ms, const json* offset) {
  if (transactions_) {
    change.transaction =
        transactions_->OnChange(TransactionId(), t.table.FullName(), ts_ms, &chunk->batch);
  }
  change.record = ReserveChange(&chunk->batch, change.op, offset);
  chunk->changes.push_back(std::move(change));
}

Status MySqlSourceTask::Poll(data::RecordBatch* out, int max_wait_ms) {
  if (!queued_.empty()) {
    for (auto& r : queued_) out->records.push_back(std::move(r));
    queued_.clear();
  }
  switch (phase_) {
    case Phase::kSnapshot:
      return PollSnapshot(out);
    case Phase::kStreaming:
      return TakeBuiltBatch(out, max_wait_ms);
    case Phase::kIdle:
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(max_wait_ms, 200)));
      return Status::OK();
  }
  return Status::OK();
}

void MySqlSourceTask::StreamChunks() {
  // How long one PollStreaming waits for a first event: bounds how late Stop() is noticed.
  constexpr int kStreamWaitMs = 100;
  // Decoded chunks queued ahead of the record thread: enough to keep it busy, little memory.
  constexpr size_t kChunksAhead = 2;
  StreamChunk chunk;
  while (true) {
    {
      std::lock_guard lock(built_mu_);
      if (stop_builder_) return;
    }
    Status status;
    try {  // on this thread an escaping exception would end the process
      status = PollStreaming(&chunk, kStreamWaitMs);
    } catch (const std::exception& e) {
      status = Status::Internal(
          "connector '{}': streaming from {} (transaction at {}:{}) failed: {}",
          context_.connector_name, binlog_file_, txn_file_, txn_start_, e.what());
    }
    if (!status.ok()) {
      chunk.clear();  // the unfinished chunk is dropped: the error follows the last batch
      chunk.status = status;
    } else if (chunk.batch.empty()) {
      continue;
    }
    std::unique_lock lock(built_mu_);
    built_cv_.wait(lock, [&] { return decoded_.size() < kChunksAhead || stop_builder_; });
    if (stop_builder_) return;
    decoded_.push_back(std::move(chunk));
    built_cv_.notify_all();
    if (!status.ok()) return;
    chunk = StreamChunk();
    if (!spare_chunks_.empty()) {
      chunk = std::move(spare_chunks_.back());
      spare_chunks_.pop_back();
    }
  }
}

void MySqlSourceTask::BuildRecords() {
  Status status;
  while (status.ok()) {
    StreamChunk chunk;
    {
      std::unique_lock lock(built_mu_);
      built_cv_.wait(lock, [&] { return !decoded_.empty() || stop_builder_; });
      if (stop_builder_) break;
      chunk = std::move(decoded_.front());
      decoded_.pop_front();
      built_cv_.notify_all();
    }
    try {  // on this thread an escaping exception would end the process
      BuildChanges(&chunk);
      status = chunk.status;
    } catch (const std::exception& e) {
      chunk.batch.clear();
      status = Status::Internal("connector '{}': building streamed records failed: {}",
                                context_.connector_name, e.what());
    }
    std::unique_lock lock(built_mu_);
    if (!chunk.batch.empty()) {
      built_cv_.wait(lock, [&] { return !built_ready_ || stop_builder_; });
      if (stop_builder_) break;
      built_.records.swap(chunk.batch.records);  // and takes back the vector Poll emptied
      built_ready_ = true;
    }
    chunk.clear();
    spare_chunks_.push_back(std::move(chunk));
    built_cv_.notify_all();
  }
  std::lock_guard lock(built_mu_);
  builder_status_ = status;
  builder_done_ = true;
  built_cv_.notify_all();
}

Status MySqlSourceTask::TakeBuiltBatch(data::RecordBatch* out, int max_wait_ms) {
  if (!streamer_.joinable()) {
    streamer_ = std::thread([this] { StreamChunks(); });
    record_builder_ = std::thread([this] { BuildRecords(); });
  }
  std::unique_lock lock(built_mu_);
  built_cv_.wait_for(lock, std::chrono::milliseconds(max_wait_ms),
                     [&] { return built_ready_ || builder_done_; });
  if (built_ready_) {  // before an error: what was built until then is delivered first
    if (out->empty()) {
      out->records.swap(built_.records);
    } else {
      for (auto& r : built_.records) out->records.push_back(std::move(r));
    }
    built_.clear();
    built_ready_ = false;
    built_cv_.notify_all();
    return Status::OK();
  }
  return builder_done_ ? builder_status_ : Status::OK();
}

void MySqlSourceTask::StopBuilder() {
  {
    std::lock_guard lock(built_mu_);
    stop_builder_ = true;
    built_cv_.notify_all();
  }
  if (streamer_.joinable()) streamer_.join();
  if (record_builder_.joinable()) record_builder_.join();
  // Ready for a new Start(): what was decoded or built and not taken is dropped (its offsets
  // were not committed, so a restart reads it again).
  std::lock_guard lock(built_mu_);
  decoded_.clear();
  built_.clear();
  built_ready_ = builder_done_ = stop_builder_ = false;
  builder_status_ = Status::OK();
}

void MySqlSourceTask::Stop() {
  StopBuilder();
  if (client_) client_->Stop();
  client_.reset();
  if (snapshot_result_) {
    mysql_free_result(snapshot_result_);
    snapshot_result_ = nullptr;
  }
  table_conn_ = nullptr;
  raced_table_conn_.reset();
  snapshot_conn_.reset();
  admin_.reset();
  phase_ = Phase::kIdle;
}

}  // namespace

std::unique_ptr<connect::SourceTask> NewMySqlSourceTask() {
  return std::make_unique<MySqlSourceTask>();
}

void RegisterPlugins(connect::PluginRegistry& registry) {
  registry.AddSource({"io.debezium.connector.mysql.MySqlConnector"}, NewMySqlSourceTask);
  registry.AddSource({"io.debezium.connector.mariadb.MariaDbConnector"}, NewMySqlSourceTask);
  registry.Declare({"io.debezium.connector.mysql.MySqlConnector",
                    "io.debezium.connector.mariadb.MariaDbConnector"},
                   MySqlConfigDef());
}

}  // namespace tributary::mysql
