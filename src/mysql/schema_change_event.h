// SchemaChangeRecords: Debezium's schema-change records (include.schema.changes=true) on topic
// <topic.prefix>: key io.debezium.connector.<mysql|mariadb>.SchemaChangeKey {databaseName},
// value ...SchemaChangeValue {source, ts_ms, databaseName, schemaName, ddl, tableChanges}
// where each table change is io.debezium.connector.schema.Change {type, id, table} and the
// table io.debezium.connector.schema.Table as debezium_table.h models it.
//
// Thread-safety: immutable after construction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "data/record.h"
#include "data/schema.h"
#include "data/value.h"
#include "mysql/debezium_table.h"

namespace tributary::mysql {

class SchemaChangeRecords {
 public:
  // `connector` is "mysql" or "mariadb"; `source_schema` the connector's source block.
  SchemaChangeRecords(std::string_view connector, data::SchemaPtr source_schema);

  // A record on `topic` for the DDL statement `ddl` run in `database_name` ("" for
  // server-wide statements), with `source` the source block of its position.
  data::Record Make(const std::string& topic, data::Value source,
                    const std::string& database_name, const std::string& ddl,
                    const std::vector<TableChange>& changes, int64_t now_ms) const;

  const data::SchemaPtr& key_schema() const { return key_schema_; }
  const data::SchemaPtr& value_schema() const { return value_schema_; }

 private:
  data::Value TableValue(const DebeziumTable& table) const;

  data::SchemaPtr key_schema_, value_schema_, change_schema_, table_schema_, column_schema_;
};

}  // namespace tributary::mysql
