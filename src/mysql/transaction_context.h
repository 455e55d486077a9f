// TransactionContext: Debezium's transaction metadata (provide.transaction.metadata=true).
// For each transaction with captured changes: a BEGIN record before its first change and an
// END record at its commit, on topic <topic.prefix>.<topic.transaction>, key
// io.debezium.connector.common.TransactionMetadataKey {id}, value ...TransactionMetadataValue
// {status, id, event_count, data_collections[{data_collection, event_count}], ts_ms}; and on
// every change record the envelope's transaction block {id, total_order,
// data_collection_order}. The id is the MariaDB GTID (domain-server-sequence).
//
// Thread-safety: one thread at a time.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "data/record.h"
#include "data/value.h"

namespace tributary::mysql {

class TransactionContext {
 public:
  explicit TransactionContext(std::string topic);

  // Counts one change event of `data_collection` ("db.table") in transaction `id`; adds the
  // BEGIN record to `out` first when it is the transaction's first. Returns the envelope's
  // transaction block.
  data::Value OnChange(const std::string& id, const std::string& data_collection, int64_t ts_ms,
                       data::RecordBatch* out);
  // Adds the BEGIN record of transaction `id` unless it was added already. A DDL statement's
  // schema change gets a BEGIN and never an END, as in Debezium.
  void Begin(const std::string& id, int64_t ts_ms, data::RecordBatch* out);
  // At the transaction's commit: adds its END record to `out` (returns false and adds nothing
  // when it had no captured change) and starts over.
  bool OnCommit(int64_t ts_ms, data::RecordBatch* out);
  // Forgets the current transaction (a new one starts, or a restart replays it).
  void Reset();

 private:
  data::Record Make(const char* status, int64_t ts_ms, bool end) const;

  std::string topic_;
  data::SchemaPtr key_schema_, value_schema_, collection_schema_;
  std::string id_;
  bool begun_ = false;
  int64_t total_ = 0;
  std::vector<std::pair<std::string, int64_t>> collections_;  // in order of first change
};

}  // namespace tributary::mysql
