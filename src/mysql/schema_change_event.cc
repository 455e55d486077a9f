#include "mysql/schema_change_event.h"

#include <fmt/format.h>

namespace tributary::mysql {
namespace {

using data::SchemaBuilder;
using data::Value;

Value OptionalString(const std::optional<std::string>& s) {
  return s ? Value::String(*s) : Value();
}
Value OptionalInt(const std::optional<int>& i) { return i ? Value::Int(*i) : Value(); }

Value StringArray(const std::vector<std::string>& items) {
  data::Array array;
  array.reserve(items.size());
  for (const auto& item : items) array.push_back(Value::String(item));
  return Value::ArrayOf(std::move(array));
}

}  // namespace

SchemaChangeRecords::SchemaChangeRecords(std::string_view connector,
                                         data::SchemaPtr source_schema) {
  std::string prefix = fmt::format("io.debezium.connector.{}.", connector);
  key_schema_ = SchemaBuilder::Struct()
                    .Name(prefix + "SchemaChangeKey")
                    .Version(1)
                    .Field("databaseName", data::StringSchema())
                    .Build();
  auto strings = SchemaBuilder::Array(data::StringSchema()).Optional().Build();
  column_schema_ = SchemaBuilder::Struct()
                       .Name("io.debezium.connector.schema.Column")
                       .Version(1)
                       .Field("name", data::StringSchema())
                       .Field("jdbcType", data::Int32Schema())
                       .Field("nativeType", data::OptionalInt32Schema())
                       .Field("typeName", data::StringSchema())
                       .Field("typeExpression", data::OptionalStringSchema())
                       .Field("charsetName", data::OptionalStringSchema())
                       .Field("length", data::OptionalInt32Schema())
                       .Field("scale", data::OptionalInt32Schema())
                       .Field("position", data::Int32Schema())
                       .Field("optional", data::OptionalBooleanSchema())
                       .Field("autoIncremented", data::OptionalBooleanSchema())
                       .Field("generated", data::OptionalBooleanSchema())
                       .Field("comment", data::OptionalStringSchema())
                       .Field("defaultValueExpression", data::OptionalStringSchema())
                       .Field("enumValues", strings)
                       .Build();
  table_schema_ = SchemaBuilder::Struct()
                      .Optional()
                      .Name("io.debezium.connector.schema.Table")
                      .Version(1)
                      .Field("defaultCharsetName", data::OptionalStringSchema())
                      .Field("primaryKeyColumnNames", strings)
                      .Field("columns", SchemaBuilder::Array(column_schema_).Build())
                      .Field("comment", data::OptionalStringSchema())
                      .Build();
  change_schema_ = SchemaBuilder::Struct()
                       .Name("io.debezium.connector.schema.Change")
                       .Version(1)
                       .Field("type", data::StringSchema())
                       .Field("id", data::StringSchema())
                       .Field("table", table_schema_)
                       .Build();
  value_schema_ = SchemaBuilder::Struct()
                      .Name(prefix + "SchemaChangeValue")
                      .Version(1)
                      .Field("source", std::move(source_schema))
                      .Field("ts_ms", data::Int64Schema())
                      .Field("databaseName", data::OptionalStringSchema())
                      .Field("schemaName", data::OptionalStringSchema())
                      .Field("ddl", data::OptionalStringSchema())
                      .Field("tableChanges", SchemaBuilder::Array(change_schema_).Build())
                      .Build();
}

Value SchemaChangeRecords::TableValue(const DebeziumTable& table) const {
  data::Array columns;
  columns.reserve(table.columns.size());
  int position = 0;
  for (const auto& c : table.columns) {
    columns.push_back(Value::Struct(
        {column_schema_,
         {Value::String(c.name), Value::Int(c.jdbc_type), Value(), Value::String(c.type_name),
          Value::String(c.type_name), OptionalString(c.charset), OptionalInt(c.length),
          OptionalInt(c.scale), Value::Int(++position), Value::Bool(c.optional),
          Value::Bool(c.auto_incremented), Value::Bool(c.auto_incremented),
          OptionalString(c.comment), OptionalString(c.default_value),
          c.enum_values ? StringArray(*c.enum_values) : Value()}}));
  }
  return Value::Struct({table_schema_,
                        {OptionalString(table.default_charset), StringArray(table.primary_key),
                         Value::ArrayOf(std::move(columns)), OptionalString(table.comment)}});
}

data::Record SchemaChangeRecords::Make(const std::string& topic, Value source,
                                       const std::string& database_name,
                                       const std::string& ddl,
                                       const std::vector<TableChange>& changes,
                                       int64_t now_ms) const {
  data::Array table_changes;
  for (const auto& change : changes) {
    table_changes.push_back(Value::Struct(
        {change_schema_,
         {Value::String(change.type),
          Value::String(fmt::format("\"{}\".\"{}\"", change.database, change.table)),
          change.definition ? TableValue(*change.definition) : Value()}}));
  }
  data::Record r;
  r.topic = topic;
  r.key_schema = key_schema_;
  r.key = Value::Struct({key_schema_, {Value::String(database_name)}});
  r.value_schema = value_schema_;
  r.value = Value::Struct({value_schema_,
                           {std::move(source), Value::Int(now_ms), Value::String(database_name),
                            Value(), Value::String(ddl), Value::ArrayOf(std::move(table_changes))}});
  r.timestamp_ms = now_ms;
  return r;
}

}  // namespace tributary::mysql
