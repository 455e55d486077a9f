#include "mysql/transaction_context.h"

#include "data/schema.h"
#include "mysql/debezium_schema.h"

namespace tributary::mysql {

using data::SchemaBuilder;
using data::Value;

TransactionContext::TransactionContext(std::string topic) : topic_(std::move(topic)) {
  key_schema_ = SchemaBuilder::Struct()
                    .Name("io.debezium.connector.common.TransactionMetadataKey")
                    .Version(1)
                    .Field("id", data::StringSchema())
                    .Build();
  collection_schema_ = SchemaBuilder::Struct()
                           .Optional()
                           .Name("event.collection")
                           .Version(1)
                           .Field("data_collection", data::StringSchema())
                           .Field("event_count", data::Int64Schema())
                           .Build();
  value_schema_ = SchemaBuilder::Struct()
                      .Name("io.debezium.connector.common.TransactionMetadataValue")
                      .Version(1)
                      .Field("status", data::StringSchema())
                      .Field("id", data::StringSchema())
                      .Field("event_count", data::OptionalInt64Schema())
                      .Field("data_collections",
                             SchemaBuilder::Array(collection_schema_).Optional().Build())
                      .Field("ts_ms", data::Int64Schema())
                      .Build();
}

data::Record TransactionContext::Make(const char* status, int64_t ts_ms, bool end) const {
  data::Record r;
  r.topic = topic_;
  r.key_schema = key_schema_;
  r.key = Value::Struct({key_schema_, {Value::String(id_)}});
  Value count, collections;
  if (end) {
    count = Value::Int(total_);
    data::Array items;
    for (const auto& [name, n] : collections_) {
      items.push_back(Value::Struct({collection_schema_, {Value::String(name), Value::Int(n)}}));
    }
    collections = Value::ArrayOf(std::move(items));
  }
  r.value_schema = value_schema_;
  r.value = Value::Struct({value_schema_,
                           {Value::String(status), Value::String(id_), std::move(count),
                            std::move(collections), Value::Int(ts_ms)}});
  r.timestamp_ms = ts_ms;
  return r;
}

Value TransactionContext::OnChange(const std::string& id, const std::string& data_collection,
                                   int64_t ts_ms, data::RecordBatch* out) {
  Begin(id, ts_ms, out);
  ++total_;
  int64_t in_collection = 0;
  for (auto& [name, n] : collections_) {
    if (name == data_collection) in_collection = ++n;
  }
  if (in_collection == 0) collections_.emplace_back(data_collection, in_collection = 1);
  return Value::Struct({TransactionBlockSchema(),
                        {Value::String(id_), Value::Int(total_), Value::Int(in_collection)}});
}

void TransactionContext::Begin(const std::string& id, int64_t ts_ms, data::RecordBatch* out) {
  if (begun_ && id == id_) return;
  Reset();
  id_ = id;
  begun_ = true;
  out->records.push_back(Make("BEGIN", ts_ms, false));
}

bool TransactionContext::OnCommit(int64_t ts_ms, data::RecordBatch* out) {
  if (!begun_) return false;
  out->records.push_back(Make("END", ts_ms, true));
  Reset();
  return true;
}

void TransactionContext::Reset() {
  begun_ = false;
  id_.clear();
  total_ = 0;
  collections_.clear();
}

}  // namespace tributary::mysql
