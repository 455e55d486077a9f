// DdlParser: applies the parts of a DDL statement that a TABLE_MAP event cannot tell us —
// column defaults, column and table renames, created and dropped tables — to the catalog
// definitions the connector keeps, so that schemas are right at the binlog position where
// the DDL happened rather than as the catalog is now.
//
// Understood: CREATE TABLE (column definitions, DEFAULT clauses), ALTER TABLE with ADD
// [COLUMN] (single or parenthesized), MODIFY, CHANGE, ALTER COLUMN SET/DROP DEFAULT, DROP
// [COLUMN], RENAME COLUMN, RENAME TO; RENAME TABLE; DROP TABLE. Other statements change
// nothing. Defaults are kept in information_schema's COLUMN_DEFAULT notation ('text',
// 42, NULL, current_timestamp()).
//
// Thread-safety: pure function.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mysql/column_def.h"

namespace tributary::mysql {

// `tables`: "db.table" -> definition (only names and defaults are used and changed).
// Returns the "db.table" names whose definition changed (removed ones included).
std::vector<std::string> ApplyDdl(std::string_view sql, const std::string& default_db,
                                  std::map<std::string, TableDef>* tables);

}  // namespace tributary::mysql
