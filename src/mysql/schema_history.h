// Where the MySQL source keeps its schema history (SchemaCatalog's table states by binlog
// position), chosen from Debezium's keys:
// - a Kafka topic when the worker runs in Kafka mode (TaskContext::open_shared_history set),
//   so the history follows the task to any worker: schema.history.internal.kafka.topic (older
//   name database.history.kafka.topic), by default "<connector>.schema-history";
// - a local file otherwise, or when the connector asks for one (schema.history.internal /
//   database.history naming a FileSchemaHistory class, or a *.file.filename key):
//   schema.history.internal.file.filename (older name database.history.file.filename), by
//   default "<data_dir>/<connector>.mysql-schema-history.jsonl".
// schema.history.internal.kafka.bootstrap.servers is not honoured: the topic is on the
// worker's Kafka cluster, reached with the worker's client keys.
#pragma once

#include <memory>

#include "common/status.h"
#include "connect/config.h"
#include "connect/history_log.h"
#include "connect/task.h"

namespace tributary::mysql {

Result<std::unique_ptr<connect::HistoryLog>> OpenSchemaHistory(
    const connect::TaskContext& context, const connect::Config& config);

}  // namespace tributary::mysql
