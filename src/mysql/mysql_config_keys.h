// The configuration keys of io.debezium.connector.mysql.MySqlConnector and
// io.debezium.connector.mariadb.MariaDbConnector: every key Debezium 3.x documents for them,
// the names older Debezium releases used (database.server.name, table.whitelist,
// database.history.*, ...), and the families Debezium passes through (driver., database.
// JDBC properties, schema.history.internal.producer./consumer., signal., notification.,
// snapshot.select.statement.overrides., column.mask.with., ...). Keys Tributary accepts but
// does not act on say so in their doc.
#pragma once

#include "connect/config_def.h"

namespace tributary::mysql {

connect::ConfigDef MySqlConfigDef();

}  // namespace tributary::mysql
