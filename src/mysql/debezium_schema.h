// The Connect schemas of Debezium's MySQL change events: per table the key (`<topic>.Key`,
// primary-key columns; none -> null key), the row (`<topic>.Value`) and the envelope
// (`<topic>.Envelope`, version 2: before, after, source, transaction, op, ts_ms, ts_us, ts_ns,
// in Debezium's order), and the connector-wide source block (io.debezium.connector.mysql.Source,
// or .mariadb.Source, version 1).
//
// One TableSchemas object exists per table version and connector configuration, for the life
// of the process (InternTableSchemas), so converters may cache by schema pointer and records
// may carry the schemas unowned (BorrowSchema).
//
// Thread-safety: immutable once built; InternTableSchemas and MakeSourceSchema may be called
// from any thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "data/schema.h"
#include "mysql/column_codec.h"
#include "mysql/column_def.h"

namespace tributary::mysql {

// The Debezium release whose record format Tributary reproduces (source.version).
inline constexpr std::string_view kDebeziumVersion = "3.6.0.Final";

struct TableSchemas {
  TableDef table;
  std::string topic;
  std::vector<ColumnCodec> codecs;  // one per table column, in table order
  std::vector<int> value_columns;   // columns in the Value struct (after column filters)
  std::vector<int> key_columns;     // primary-key columns (empty: null key)
  // Per table column: mask with N '*' (column.mask.with.N.chars), or -1; empty when no column
  // is masked or truncated.
  std::vector<int> mask_chars;
  // Per table column: keep at most N characters (column.truncate.to.N.chars), or -1 (empty
  // with mask_chars).
  std::vector<int> truncate_chars;
  data::SchemaPtr key_schema;       // null when the table has no primary key
  data::SchemaPtr value_schema;
  data::SchemaPtr envelope_schema;
};

// `connector` is "mysql" or "mariadb". One schema per connector name, never freed.
data::SchemaPtr MakeSourceSchema(std::string_view connector);
// Debezium's source.snapshot marker of a snapshot record, by its place in the snapshot:
// "last", "first", "last_in_data_collection", "first_in_data_collection" or "true", in that
// order of precedence.
const char* SnapshotMarker(bool first_in_snapshot, bool last_in_snapshot, bool first_in_table,
                           bool last_in_table);

// Debezium's transaction block (event.block), optional.
const data::SchemaPtr& TransactionBlockSchema();

// Per table column: whether the Value holds it (column.include.list / column.exclude.list;
// key columns are always in the key), and Debezium's column.mask.with.N.chars /
// column.truncate.to.N.chars (N, or -1), which also mark the field's schema.
struct ColumnOptions {
  bool included = true;
  int mask_chars = -1;
  int truncate_chars = -1;
};

// `options` has one entry per table column.
Result<std::shared_ptr<const TableSchemas>> BuildTableSchemas(
    const TableDef& table, const TypeModes& modes, const std::string& topic,
    const data::SchemaPtr& source_schema, const std::vector<ColumnOptions>& options);

// BuildTableSchemas once per process: the same table definition, modes, topic, connector and
// column options give the same object, which is never freed (one per table version and
// configuration: a restarted task finds its tables' schemas again).
Result<std::shared_ptr<const TableSchemas>> InternTableSchemas(
    const TableDef& table, const TypeModes& modes, const std::string& topic,
    std::string_view connector, const std::vector<ColumnOptions>& options);

// A SchemaPtr to a schema that is never freed (interned above, or MakeSourceSchema's) without
// its control block: copying it updates no reference count. Change records carry these; the
// atomic count updates were the costliest shared writes of building a record.
inline data::SchemaPtr BorrowSchema(const data::SchemaPtr& immortal) {
  return data::SchemaPtr(data::SchemaPtr(), immortal.get());
}

}  // namespace tributary::mysql
