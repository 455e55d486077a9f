#include "mysql/mysql_config_keys.h"

#include "mysql/connector_config.h"

namespace tributary::mysql {

namespace {

using connect::ConfigDef;
using T = connect::ConfigType;

constexpr const char* kIgnored = " Accepted; Tributary does not act on it.";

std::string Ignored(const std::string& what) { return what + kIgnored; }

void Connection(ConfigDef& def) {
  def.Group("Connection")
      .Define("database.hostname", T::kString, "localhost", "Host name or address of the server.")
      .Define("database.port", T::kInt, "3306", "TCP port of the server.")
      .Required("database.user", T::kString,
                "User with SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE and REPLICATION "
                "CLIENT (BINLOG MONITOR on MariaDB).")
      .Define("database.password", T::kPassword, std::nullopt, "Password of database.user.")
      .Define("database.socket", T::kString, std::nullopt,
              "Unix socket of a local server (a Tributary extension; Debezium connects by TCP).")
      .Required("database.server.id", T::kLong,
                "Replica id unique among the server and its replicas (Debezium picks a random "
                "one when unset; Tributary requires it).")
      .Define("connect.timeout.ms", T::kLong, "30000", "Timeout of connecting to the server.")
      .Define("database.ssl.mode", T::kString, "preferred",
              Ignored("TLS mode of the connection (disabled, preferred, required, verify_ca, "
                      "verify_identity)."))
      .Define("database.ssl.keystore", T::kString, std::nullopt, Ignored("Client keystore."))
      .Define("database.ssl.keystore.password", T::kPassword, std::nullopt,
              Ignored("Client keystore password."))
      .Define("database.ssl.truststore", T::kString, std::nullopt, Ignored("Truststore."))
      .Define("database.ssl.truststore.password", T::kPassword, std::nullopt,
              Ignored("Truststore password."))
      .Define("database.initial.statements", T::kString, std::nullopt,
              Ignored("Statements run on each new JDBC connection."))
      .Define("database.jdbc.driver", T::kClass, "com.mysql.cj.jdbc.Driver",
              Ignored("JDBC driver class."))
      .Define("database.protocol", T::kString, "jdbc:mysql", Ignored("JDBC protocol."))
      .Define("database.query.timeout.ms", T::kInt, "600000", Ignored("JDBC query timeout."))
      .Define("connect.keep.alive", T::kBoolean, "true",
              Ignored("Reconnect the binlog reader in the background; Tributary always "
                      "reconnects."))
      .Define("connect.keep.alive.interval.ms", T::kLong, "60000", Ignored("Keep-alive period."))
      .Define("binlog.buffer.size", T::kInt, "0",
              Ignored("Look-ahead buffer of the binlog reader."))
      .Define("binlog.net.read.timeout", T::kLong, "0", Ignored("Session net_read_timeout."))
      .Define("binlog.net.write.timeout", T::kLong, "0", Ignored("Session net_write_timeout."))
      .Define("use.nongraceful.disconnect", T::kBoolean, "false",
              Ignored("Close the binlog socket without the protocol's goodbye."))
      .AcceptPrefix("driver.", "JDBC driver properties (passed through by Debezium).")
      .AcceptPrefix("database.",
                    "JDBC driver properties as Debezium 1.x passed them (database.serverTimezone, "
                    "database.useSSL, ...); a near miss of a declared database.* key is reported "
                    "as a misspelling.",
                    /*typos_checked=*/true);
}

void Naming(ConfigDef& def) {
  def.Group("Topics")
      .Define("topic.prefix", T::kString, std::nullopt,
              "Logical server name prefixing every topic (required; database.server.name is "
              "its older name).")
      .Define("database.server.name", T::kString, std::nullopt,
              "Debezium 1.x name of topic.prefix.")
      .Define("topic.delimiter", T::kString, ".", Ignored("Delimiter of topic name parts."))
      .Define("topic.naming.strategy", T::kClass, "io.debezium.schema.DefaultTopicNamingStrategy",
              Ignored("Topic naming strategy; Tributary names topics as the default strategy."))
      .Define("topic.cache.size", T::kInt, "10000", Ignored("Size of the topic name cache."))
      .Define("topic.heartbeat.prefix", T::kString, "__debezium-heartbeat",
              "Prefix of the heartbeat topic <prefix>.<topic.prefix>.")
      .Define("heartbeat.topics.prefix", T::kString, "__debezium-heartbeat",
              "Older name of topic.heartbeat.prefix.")
      .Define("topic.heartbeat.name", T::kString, std::nullopt,
              Ignored("Heartbeat topic name for a custom naming strategy."))
      .Define("topic.transaction", T::kString, "transaction",
              "Suffix of the transaction metadata topic <topic.prefix>.<suffix>.");
}

void Filters(ConfigDef& def) {
  def.Group("Filters")
      .Define("database.include.list", T::kList, std::nullopt,
              "Regular expressions of databases to capture.")
      .Define("database.exclude.list", T::kList, std::nullopt,
              "Regular expressions of databases not to capture.")
      .Define("table.include.list", T::kList, std::nullopt,
              "Regular expressions of <db>.<table> to capture.")
      .Define("table.exclude.list", T::kList, std::nullopt,
              "Regular expressions of <db>.<table> not to capture.")
      .Define("column.include.list", T::kList, std::nullopt,
              "Regular expressions of <db>.<table>.<column> to emit.")
      .Define("column.exclude.list", T::kList, std::nullopt,
              "Regular expressions of <db>.<table>.<column> to leave out.")
      .Define("database.whitelist", T::kList, std::nullopt, "Old name of database.include.list.")
      .Define("database.blacklist", T::kList, std::nullopt, "Old name of database.exclude.list.")
      .Define("table.whitelist", T::kList, std::nullopt, "Old name of table.include.list.")
      .Define("table.blacklist", T::kList, std::nullopt, "Old name of table.exclude.list.")
      .Define("column.whitelist", T::kList, std::nullopt, "Old name of column.include.list.")
      .Define("column.blacklist", T::kList, std::nullopt, "Old name of column.exclude.list.")
      .Define("table.ignore.builtin", T::kBoolean, "true",
              "Leave out the system databases (mysql, information_schema, performance_schema, "
              "sys); Tributary always does.")
      .Define("gtid.source.includes", T::kList, std::nullopt,
              Ignored("GTID source UUIDs to follow."))
      .Define("gtid.source.excludes", T::kList, std::nullopt,
              Ignored("GTID source UUIDs to skip."))
      .Define("gtid.source.filter.dml.events", T::kBoolean, "true",
              Ignored("Filter DML events by GTID source."))
      .Define("gtid.ignore.on.recovery", T::kBoolean, "false", Ignored("MariaDB GTID recovery."))
      .Define("gtid.new.channel.position", T::kString, "earliest",
              Ignored("Debezium 1.x: where a new GTID channel starts."))
      .Define("message.key.columns", T::kString, std::nullopt,
              "Key columns per table: <db>.<table>:<col>[,<col>];...")
      .Define("skipped.operations", T::kList, "t",
              "Operations not emitted: c, u, d, t, or none.")
      .Define("column.propagate.source.type", T::kList, std::nullopt,
              Ignored("Columns whose schemas carry __debezium.source.column.* parameters."))
      .Define("datatype.propagate.source.type", T::kList, std::nullopt,
              Ignored("Types whose schemas carry __debezium.source.column.* parameters."))
      .AcceptPrefix("column.mask.with.", "column.mask.with.<n>.chars: columns masked by n '*'.")
      .AcceptPrefix("column.truncate.to.",
                    "column.truncate.to.<n>.chars: columns cut to n characters.")
      .AcceptPrefix("column.mask.hash.",
                    "column.mask.hash[.v2].<algorithm>.with.salt.<salt>: hashed columns; "
                    "accepted, Tributary does not hash.");
}

void Snapshot(ConfigDef& def) {
  def.Group("Snapshot")
      .Define("snapshot.mode", T::kString, "initial", "When to take a consistent snapshot.",
              {"initial", "never", "no_data", "schema_only", "when_needed", "initial_only"})
      .Define("snapshot.locking.mode", T::kString, "minimal",
              Ignored("Global lock use during the snapshot; Tributary locks as 'minimal'."))
      .Define("snapshot.locking.mode.custom.name", T::kString, std::nullopt,
              Ignored("Custom locking implementation."))
      .Define("snapshot.mode.custom.name", T::kString, std::nullopt,
              Ignored("Custom snapshotter."))
      .Define("snapshot.mode.configuration.based.snapshot.data", T::kBoolean, "false",
              Ignored("configuration_based snapshot mode."))
      .Define("snapshot.mode.configuration.based.snapshot.schema", T::kBoolean, "false",
              Ignored("configuration_based snapshot mode."))
      .Define("snapshot.mode.configuration.based.start.stream", T::kBoolean, "false",
              Ignored("configuration_based snapshot mode."))
      .Define("snapshot.mode.configuration.based.snapshot.on.schema.error", T::kBoolean, "false",
              Ignored("configuration_based snapshot mode."))
      .Define("snapshot.mode.configuration.based.snapshot.on.data.error", T::kBoolean, "false",
              Ignored("configuration_based snapshot mode."))
      .Define("snapshot.query.mode", T::kString, "select_all", Ignored("Snapshot query style."))
      .Define("snapshot.query.mode.custom.name", T::kString, std::nullopt,
              Ignored("Custom snapshot query."))
      .Define("snapshot.include.collection.list", T::kList, std::nullopt,
              Ignored("Tables to snapshot (default: every captured table)."))
      .Define("snapshot.select.statement.overrides", T::kList, std::nullopt,
              Ignored("Tables whose snapshot query is given by "
                      "snapshot.select.statement.overrides.<db>.<table>."))
      .AcceptPrefix("snapshot.select.statement.overrides.",
                    "snapshot.select.statement.overrides.<db>.<table>: snapshot query of a "
                    "table; accepted, Tributary does not act on it.")
      .Define("snapshot.lock.timeout.ms", T::kLong, "10000", Ignored("Table lock timeout."))
      .Define("snapshot.fetch.size", T::kInt, std::nullopt, Ignored("Rows per snapshot fetch."))
      .Define("snapshot.delay.ms", T::kLong, "0", Ignored("Delay before the snapshot."))
      .Define("snapshot.max.threads", T::kInt, "1", Ignored("Parallel snapshot threads."))
      .Define("snapshot.max.threads.multiplier", T::kInt, "1", Ignored("Snapshot parallelism."))
      .Define("legacy.snapshot.max.threads", T::kBoolean, "false", Ignored("Snapshot threads."))
      .Define("snapshot.tables.order.by.row.count", T::kString, "disabled",
              Ignored("Snapshot table order."))
      .Define("snapshot.new.tables", T::kString, "off", Ignored("Debezium 1.x: parallel snapshot."))
      .Define("min.row.count.to.stream.results", T::kLong, "1000",
              Ignored("Row count above which snapshot results are streamed."))
      .Define("incremental.snapshot.chunk.size", T::kInt, "1024",
              Ignored("Rows per incremental snapshot chunk."))
      .Define("incremental.snapshot.allow.schema.changes", T::kBoolean, "false",
              Ignored("Schema changes during incremental snapshots."))
      .Define("incremental.snapshot.watermarking.strategy", T::kString, "insert_insert",
              Ignored("Incremental snapshot watermarks."))
      .Define("read.only", T::kBoolean, "false", Ignored("Read-only incremental snapshots."))
      .Define("streaming.delay.ms", T::kLong, "0", Ignored("Delay before streaming."));
}

void Records(ConfigDef& def) {
  def.Group("Records")
      .Define("decimal.handling.mode", T::kString, "precise", "DECIMAL and NUMERIC columns as.",
              {"precise", "double", "string"})
      .Define("time.precision.mode", T::kString, "adaptive_time_microseconds",
              "Temporal columns as.", {"adaptive_time_microseconds", "connect"})
      .Define("bigint.unsigned.handling.mode", T::kString, "long",
              "BIGINT UNSIGNED columns as.", {"long", "precise"})
      .Define("binary.handling.mode", T::kString, "bytes", "Binary columns as.",
              {"bytes", "base64", "hex"})
      .Define("tombstones.on.delete", T::kBoolean, "true", "Emit a tombstone after each delete.")
      .Define("include.query", T::kBoolean, "false",
              "Put the originating SQL into source.query (needs binlog_rows_query_log_events).")
      .Define("include.schema.changes", T::kBoolean, "true",
              "Emit schema changes to the topic named by topic.prefix.")
      .Define("include.schema.comments", T::kBoolean, "false",
              Ignored("Carry column comments in schemas."))
      .Define("provide.transaction.metadata", T::kBoolean, "false",
              "Emit BEGIN/END records and the transaction block.")
      .Define("heartbeat.interval.ms", T::kInt, "0", "Heartbeat period; 0 disables heartbeats.")
      .Define("heartbeat.action.query", T::kString, std::nullopt,
              Ignored("Statement run on each heartbeat."))
      .Define("max.batch.size", T::kInt, "2048", "Most records per poll.")
      .Define("max.queue.size", T::kInt, "8192", Ignored("Records queued between reader and poll."))
      .Define("max.queue.size.in.bytes", T::kLong, "0", Ignored("Bytes queued."))
      .Define("poll.interval.ms", T::kLong, "500", Ignored("Wait for new events per poll."))
      .Define("poll.dispatch.interval.ms", T::kLong, "0", Ignored("Dispatch pause."))
      .Define("source.struct.version", T::kString, "v2", Ignored("Source block layout (v2 only)."))
      .Define("enable.time.adjuster", T::kBoolean, "true",
              Ignored("Two-digit years are read as MySQL does."))
      .Define("schema.name.adjustment.mode", T::kString, "none",
              Ignored("Adjust schema names for Avro."))
      .Define("field.name.adjustment.mode", T::kString, "none",
              Ignored("Adjust field names for Avro."))
      .Define("sanitize.field.names", T::kBoolean, "false",
              Ignored("Debezium 1.x: adjust field names for Avro."))
      .Define("skip.messages.without.change", T::kBoolean, "false",
              Ignored("Drop updates that change no captured column."))
      .Define("converters", T::kList, std::nullopt,
              Ignored("Custom column converters; each alias has <alias>.type and its own keys."))
      .AcceptAliasesOf("converters", "Keys of a custom column converter.")
      .Define("post.processors", T::kList, std::nullopt, Ignored("Post processors."))
      .AcceptAliasesOf("post.processors", "Keys of a post processor.")
      .Define("extended.headers.enabled", T::kBoolean, "true", Ignored("Context headers."))
      .Define("unavailable.value.placeholder", T::kString, "__debezium_unavailable_value",
              Ignored("Placeholder of unavailable values."));
}

void ErrorsAndRuntime(ConfigDef& def) {
  def.Group("Errors")
      .Define("event.processing.failure.handling.mode", T::kString, "fail",
              Ignored("What to do with an event that cannot be processed."))
      .Define("event.deserialization.failure.handling.mode", T::kString, "fail",
              Ignored("Older name of event.processing.failure.handling.mode."))
      .Define("event.converting.failure.handling.mode", T::kString, "warn",
              Ignored("What to do with a value that cannot be converted."))
      .Define("inconsistent.schema.handling.mode", T::kString, "fail",
              Ignored("What to do with an event of an unknown table."))
      .Define("errors.max.retries", T::kInt, "-1", Ignored("Retries of retriable errors."))
      .Define("retriable.restart.connector.wait.ms", T::kLong, "10000",
              Ignored("Wait before restarting after a retriable error."))
      .Define("guardrail.collections.max", T::kInt, "0", Ignored("Most captured tables."))
      .Define("guardrail.collections.limit.action", T::kString, "warn",
              Ignored("Action past guardrail.collections.max."))
      .Group("Runtime")
      .Define("custom.metric.tags", T::kString, std::nullopt, Ignored("JMX metric tags."))
      .Define("custom.sanitize.pattern", T::kString, std::nullopt,
              Ignored("Keys whose values are masked in logs; Tributary masks its own set."))
      .Define("statistics.metrics.enabled", T::kBoolean, "true", Ignored("JMX statistics."))
      .Define("executor.shutdown.timeout.ms", T::kLong, "4000", Ignored("Shutdown wait."))
      .Define("ddl.parser.type", T::kString, "default",
              Ignored("DDL parser; Tributary has its own."))
      .Define("query.fetch.size", T::kInt, "0", Ignored("JDBC fetch size."))
      .Define("connection.factory.class", T::kClass, std::nullopt, Ignored("Connection factory."))
      .Define("connection.timeout.ms", T::kLong, std::nullopt, Ignored("Connection timeout."))
      .Define("connection.validation.timeout.ms", T::kLong, std::nullopt,
              Ignored("Connection validation timeout."))
      .Define("resolve.create.table.like.schema", T::kBoolean, "false",
              Ignored("CREATE TABLE ... LIKE handling."))
      .Define("transaction.metadata.factory", T::kClass, std::nullopt,
              Ignored("Transaction metadata factory."))
      .Define("sourceinfo.struct.maker", T::kClass, std::nullopt, Ignored("Source block maker."))
      .Define("queue.provider.type", T::kString, std::nullopt, Ignored("Change queue type."))
      .AcceptPrefix("internal.", "Debezium's internal keys; accepted, not acted on.")
      .AcceptPrefix("openlineage.integration.", "OpenLineage settings; accepted, not acted on.");
}

void SignalsAndNotifications(ConfigDef& def) {
  def.Group("Signals")
      .Define("signal.data.collection", T::kString, std::nullopt,
              Ignored("Signalling table <db>.<table>."))
      .Define("signal.enabled.channels", T::kList, "source", Ignored("Signal channels."))
      .Define("signal.poll.interval.ms", T::kLong, "5000", Ignored("Signal poll period."))
      .Define("signal.kafka.topic", T::kString, std::nullopt, Ignored("Kafka signal topic."))
      .Define("signal.kafka.groupId", T::kString, "kafka-signal", Ignored("Signal consumer group."))
      .Define("signal.kafka.bootstrap.servers", T::kList, std::nullopt,
              Ignored("Brokers of the signal topic."))
      .Define("signal.kafka.poll.timeout.ms", T::kLong, "100", Ignored("Signal poll timeout."))
      .Define("signal.emit.failure.max.retries", T::kInt, std::nullopt, Ignored("Signal retries."))
      .Define("signal.emit.failure.backoff.ms", T::kLong, std::nullopt, Ignored("Signal backoff."))
      .AcceptPrefix("signal.consumer.", "Signal topic consumer settings (passed through).")
      .AcceptPrefix("signal.", "Settings of custom signal channels.", /*typos_checked=*/true)
      .Define("notification.enabled.channels", T::kList, std::nullopt,
              Ignored("Notification channels."))
      .Define("notification.sink.topic.name", T::kString, std::nullopt,
              Ignored("Notification topic."))
      .AcceptPrefix("notification.", "Settings of custom notification channels.",
                    /*typos_checked=*/true);
}

void SchemaHistory(ConfigDef& def) {
  def.Group("Schema History");
  // Debezium 2+ names under schema.history.internal., 1.x names under database.history.
  for (std::string prefix : {"schema.history.internal", "database.history"}) {
    const std::string old_name = prefix == "database.history" ? " (Debezium 1.x name)" : "";
    def.Define(prefix, T::kClass, std::nullopt,
               "Schema history implementation" + old_name +
                   "; Tributary keeps its own history in a Kafka topic (Kafka mode) or a local "
                   "file (embedded).")
        .Define(prefix + ".kafka.topic", T::kString, std::nullopt,
                "Schema history topic" + old_name +
                    " (Kafka mode; default <connector name>.schema-history).")
        .Define(prefix + ".kafka.bootstrap.servers", T::kList, std::nullopt,
                Ignored("Brokers of the schema history topic" + old_name +
                        "; it is on the worker's Kafka cluster."))
        .Define(prefix + ".kafka.recovery.poll.interval.ms", T::kInt, "100",
                "Poll period while reading the history" + old_name + ".")
        .Define(prefix + ".kafka.recovery.attempts", T::kInt, "100",
                "Empty polls before the history counts as read" + old_name + ".")
        .Define(prefix + ".kafka.query.timeout.ms", T::kLong, "3000",
                "Admin query timeout" + old_name + ".")
        .Define(prefix + ".kafka.create.timeout.ms", T::kLong, "30000",
                "Topic creation timeout" + old_name + ".")
        .Define(prefix + ".kafka.buffer.batch.size", T::kInt, std::nullopt,
                "History write batch" + old_name + ".")
        .Define(prefix + ".file.filename", T::kString, std::nullopt,
                "History file" + old_name + " (embedded workers; in Kafka mode, setting it "
                "keeps the history in this file).")
        .Define(prefix + ".skip.unparseable.ddl", T::kBoolean, "false",
                "Skip DDL the parser cannot read" + old_name + ".")
        .Define(prefix + ".store.only.captured.tables.ddl", T::kBoolean, "false",
                "Keep only captured tables' DDL" + old_name + ".")
        .Define(prefix + ".store.only.captured.databases.ddl", T::kBoolean, "false",
                "Keep only captured databases' DDL" + old_name + ".")
        .Define(prefix + ".store.only.monitored.tables.ddl", T::kBoolean, "false",
                "Older name of store.only.captured.tables.ddl" + old_name + ".")
        .Define(prefix + ".ddl.filter", T::kString, std::nullopt,
                "DDL statements to ignore" + old_name + ".")
        .Define(prefix + ".prefer.ddl", T::kBoolean, "false",
                "Prefer DDL over table metadata" + old_name + ".")
        .Define(prefix + ".memory.optimization", T::kString, "off",
                "History memory optimization" + old_name + ".")
        .AcceptPrefix(prefix + ".producer.",
                      Ignored("Schema history producer settings; the worker's are used."))
        .AcceptPrefix(prefix + ".consumer.",
                      Ignored("Schema history consumer settings; the worker's are used."))
        .AcceptPrefix(prefix + ".",
                      "Settings of other schema history stores (S3, JDBC, Redis, Azure, ...).",
                      /*typos_checked=*/true);
  }
}

}  // namespace

connect::ConfigDef MySqlConfigDef() {
  ConfigDef def;
  Connection(def);
  Naming(def);
  Filters(def);
  Snapshot(def);
  Records(def);
  ErrorsAndRuntime(def);
  SignalsAndNotifications(def);
  SchemaHistory(def);
  def.CheckValuesWith(
      [](const connect::Config& config) { return ConnectorConfig::Parse(config).status(); });
  return def;
}

}  // namespace tributary::mysql
