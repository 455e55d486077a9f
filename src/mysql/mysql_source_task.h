// MySqlSourceTask: Debezium's MySQL/MariaDB connector as a connect::SourceTask.
//
// Start() validates the config (connector_config.h), checks the server settings it needs
// (log_bin=ON, binlog_format=ROW, binlog_row_image=FULL, binlog_row_metadata=FULL, the
// REPLICATION SLAVE and BINLOG MONITOR/REPLICATION CLIENT privileges), then either resumes
// from the committed offset or takes a snapshot, as snapshot.mode says.
//
// Snapshot: one REPEATABLE READ transaction WITH CONSISTENT SNAPSHOT; MariaDB reports the
// binlog position of that snapshot (binlog_snapshot_file/position) so no global lock is
// taken (on servers without it, FLUSH TABLES WITH READ LOCK is held only while the position
// is read). Each captured table is read in primary-key order (deterministic replays) as op=r
// records; source.snapshot is "first" for the first record, "last" for the last, "true" in
// between. Streaming then starts at exactly the snapshot position. A table that DDL rebuilt
// after the snapshot began (MariaDB error 1412) is read in a newer consistent snapshot: its
// row events up to that newer snapshot are skipped when streaming (they are in its rows).
//
// Also, as Debezium: schema-change records on topic <topic.prefix> (include.schema.changes,
// schema_change_event.h), transaction metadata (provide.transaction.metadata,
// transaction_context.h) and heartbeats (heartbeat.interval.ms).
//
// Records: topic <topic.prefix>.<db>.<table>; key <topic>.Key (primary key; null without
// one); value <topic>.Envelope (debezium_schema.h); a tombstone (null value) follows each
// delete when tombstones.on.delete=true; an update that changes the primary key becomes a
// delete (+ tombstone) of the old key and a create of the new one, as in Debezium.
//
// Offsets: source_partition {"server": topic.prefix}; source_offset
//   streaming: {"file", "pos", "gtids", "event", "row", "server_id", "ts_sec"} where
//              file/pos is the start of the transaction holding the record, "event" the
//              number of events of that transaction already handled and "row" the rows of
//              the next event already delivered; a restart replays the transaction from
//              file/pos and skips exactly that much (nothing lost, nothing twice).
//   snapshot:  {"file", "pos", "gtids", "snapshot": true} while in progress; the last
//              snapshot record carries the streaming offset (no "snapshot" key).
//   snapshot:  ... plus "tables_done" on the last record of each finished table; a restart
//              resumes after it, reading the other tables in a new consistent snapshot and
//              skipping their row events up to that snapshot ("read_later" in the offsets).
//
// Thread-safety: the runtime calls one method at a time. Internally a BinlogClient thread
// reads the network; while streaming, a streaming thread handles the events and decodes the
// row images, and a record thread builds the change records from them one batch ahead of
// Poll, so that reading, decoding, record building and the caller's work on the previous
// batch overlap.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "connect/plugins.h"
#include "connect/task.h"

namespace tributary::mysql {

// Registers MySqlSourceTask under io.debezium.connector.mysql.MySqlConnector and
// io.debezium.connector.mariadb.MariaDbConnector.
void RegisterPlugins(connect::PluginRegistry& registry);

std::unique_ptr<connect::SourceTask> NewMySqlSourceTask();

}  // namespace tributary::mysql
