// TABLE_MAP_EVENT: binds a table id used by the following row events to a table and its
// column types, with optional metadata (binlog_row_metadata=FULL: column names, signedness,
// character sets, ENUM/SET values, geometry types and the primary key).
//
// Spec: https://mariadb.com/kb/en/table_map_event/ and MySQL's
// https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Table__map__event.html
// (the optional metadata field types 1-12).
//
// Thread-safety: plain data.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "mysql/binlog_event.h"
#include "mysql/column_def.h"

namespace tributary::mysql {

struct TableMapEvent {
  uint64_t table_id = 0;
  TableDef table;  // column names are empty unless the server logs COLUMN_NAME metadata
  bool has_column_names = false;
  bool has_primary_key_metadata = false;

  // `post_header_length` comes from the FORMAT_DESCRIPTION_EVENT (6 for very old servers'
  // 4-byte table ids, 8 otherwise). `mariadb`: the server is MariaDB, whose charset metadata
  // also lists GEOMETRY columns (binary charset) among the character columns; MySQL's does not.
  static Result<TableMapEvent> Parse(const BinlogEvent& event, uint8_t post_header_length,
                                     bool mariadb);
};

}  // namespace tributary::mysql
