#include "mysql/debezium_schema.h"

namespace tributary::mysql {

using data::SchemaBuilder;

data::SchemaPtr MakeSourceSchema(std::string_view connector) {
  auto snapshot = SchemaBuilder::String()
                      .Optional()
                      .Name(std::string(data::names::kDebeziumEnum))
                      .Version(1)
                      .Parameter("allowed",
                                 "true,first,first_in_data_collection,last_in_data_collection,"
                                 "last,false,incremental")
                      .Default(data::Value::String("false"))
                      .Build();
  return SchemaBuilder::Struct()
      .Name(fmt::format("io.debezium.connector.{}.Source", connector))
      .Version(1)
      .Field("version", data::StringSchema())
      .Field("connector", data::StringSchema())
      .Field("name", data::StringSchema())
      .Field("ts_ms", data::Int64Schema())
      .Field("snapshot", snapshot)
      .Field("db", data::StringSchema())
      .Field("sequence", data::OptionalStringSchema())
      .Field("ts_us", data::OptionalInt64Schema())
      .Field("ts_ns", data::OptionalInt64Schema())
      .Field("table", data::OptionalStringSchema())
      .Field("server_id", data::Int64Schema())
      .Field("gtid", data::OptionalStringSchema())
      .Field("file", data::StringSchema())
      .Field("pos", data::Int64Schema())
      .Field("row", data::Int32Schema())
      .Field("thread", data::OptionalInt64Schema())
      .Field("query", data::OptionalStringSchema())
      .Build();
}

const char* SnapshotMarker(bool first_in_snapshot, bool last_in_snapshot, bool first_in_table,
                           bool last_in_table) {
  if (last_in_snapshot) return "last";
  if (first_in_snapshot) return "first";
  if (last_in_table) return "last_in_data_collection";
  if (first_in_table) return "first_in_data_collection";
  return "true";
}

const data::SchemaPtr& TransactionBlockSchema() {
  static const data::SchemaPtr schema = SchemaBuilder::Struct()
                                            .Optional()
                                            .Name("event.block")
                                            .Version(1)
                                            .Field("id", data::StringSchema())
                                            .Field("total_order", data::Int64Schema())
                                            .Field("data_collection_order", data::Int64Schema())
                                            .Build();
  return schema;
}

Result<std::shared_ptr<const TableSchemas>> BuildTableSchemasImpl(
    const TableDef& table, const TypeModes& modes, const std::string& topic,
    const data::SchemaPtr& source_schema, const std::vector<bool>& included) {
  auto out = std::make_shared<TableSchemas>();
  out->table = table;
  out->topic = topic;
  out->codecs.reserve(table.columns.size());
  for (const ColumnDef& column : table.columns) {
    auto codec = ColumnCodec::Make(column, modes);
    if (!codec.ok()) return codec.status().Annotate(fmt::format("table {}", table.FullName()));
    out->codecs.push_back(std::move(codec).value());
  }
  SchemaBuilder value = SchemaBuilder::Struct();
  value.Name(topic + ".Value").Optional();
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (!included[i]) continue;
    out->value_columns.push_back(static_cast<int>(i));
    value.Field(table.columns[i].name, out->codecs[i].schema());
  }
  out->value_schema = value.Build();
  if (!table.primary_key.empty()) {
    SchemaBuilder key = SchemaBuilder::Struct();
    key.Name(topic + ".Key");
    for (int index : table.primary_key) {
      out->key_columns.push_back(index);
      key.Field(table.columns[index].name, out->codecs[index].schema());
    }
    out->key_schema = key.Build();
  }
  out->envelope_schema = SchemaBuilder::Struct()
                             .Name(topic + ".Envelope")
                             .Version(2)
                             .Field("before", out->value_schema)
                             .Field("after", out->value_schema)
                             .Field("source", source_schema)
                             .Field("transaction", TransactionBlockSchema())
                             .Field("op", data::StringSchema())
                             .Field("ts_ms", data::OptionalInt64Schema())
                             .Field("ts_us", data::OptionalInt64Schema())
                             .Field("ts_ns", data::OptionalInt64Schema())
                             .Build();
  return std::shared_ptr<const TableSchemas>(std::move(out));
}

}  // namespace tributary::mysql
