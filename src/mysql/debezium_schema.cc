#include "mysql/debezium_schema.h"

#include <map>
#include <mutex>

namespace tributary::mysql {

using data::SchemaBuilder;

namespace {

data::SchemaPtr BuildSourceSchema(std::string_view connector) {
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

// Everything of a table definition that shapes its schemas and codecs.
std::string TableSignature(const TableDef& t) {
  std::string s = t.FullName();
  for (const auto& c : t.columns) {
    s += fmt::format("|{}:{}:{}:{}:{}:{}:{}:{}:{}:{}:{}:{}:{}:{}", c.name, c.type, c.nullable,
                     c.is_unsigned, c.length, c.precision, c.scale, c.fsp, c.float_with_scale,
                     c.collation, c.charset, c.geometry_type, c.is_json,
                     c.default_literal.value_or("\x01"));
    for (const auto& e : c.elements) s += "," + e;
  }
  for (int k : t.primary_key) s += fmt::format("#{}", k);
  return s;
}

// Interned objects are never freed: records hold their schemas unowned (BorrowSchema).
std::mutex& InternMutex() {
  static auto* mu = new std::mutex;
  return *mu;
}

}  // namespace

data::SchemaPtr MakeSourceSchema(std::string_view connector) {
  static auto* schemas = new std::map<std::string, data::SchemaPtr, std::less<>>;
  std::lock_guard lock(InternMutex());
  auto it = schemas->find(connector);
  if (it == schemas->end()) {
    it = schemas->emplace(std::string(connector), BuildSourceSchema(connector)).first;
  }
  return it->second;
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

Result<std::shared_ptr<const TableSchemas>> BuildTableSchemas(
    const TableDef& table, const TypeModes& modes, const std::string& topic,
    const data::SchemaPtr& source_schema, const std::vector<ColumnOptions>& options) {
  auto out = std::make_shared<TableSchemas>();
  out->table = table;
  out->topic = topic;
  out->codecs.reserve(table.columns.size());
  for (const ColumnDef& column : table.columns) {
    auto codec = ColumnCodec::Make(column, modes);
    if (!codec.ok()) return codec.status().Annotate(fmt::format("table {}", table.FullName()));
    out->codecs.push_back(std::move(codec).value());
  }
  bool rewrites = false;
  for (const ColumnOptions& o : options) rewrites |= o.mask_chars >= 0 || o.truncate_chars >= 0;
  SchemaBuilder value = SchemaBuilder::Struct();
  value.Name(topic + ".Value").Optional();
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnOptions& o = options[i];
    if (rewrites) {
      out->mask_chars.push_back(o.mask_chars);
      out->truncate_chars.push_back(o.truncate_chars);
    }
    if (!o.included) continue;
    out->value_columns.push_back(static_cast<int>(i));
    const data::SchemaPtr& schema = out->codecs[i].schema();
    if (schema->type() == data::Type::kString && (o.mask_chars >= 0 || o.truncate_chars >= 0)) {
      // Debezium marks the rewritten string fields' schemas.
      SchemaBuilder marked = SchemaBuilder::From(*schema);
      if (o.mask_chars >= 0) {
        marked.Parameter("masked", "true");
      } else {
        marked.Parameter("truncateLength", std::to_string(o.truncate_chars));
      }
      value.Field(table.columns[i].name, marked.Build());
    } else {
      value.Field(table.columns[i].name, schema);
    }
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

Result<std::shared_ptr<const TableSchemas>> InternTableSchemas(
    const TableDef& table, const TypeModes& modes, const std::string& topic,
    std::string_view connector, const std::vector<ColumnOptions>& options) {
  std::string key = fmt::format("{}\n{}\n{}:{}:{}:{}\n", connector, topic,
                                static_cast<int>(modes.decimal), static_cast<int>(modes.time),
                                static_cast<int>(modes.bigint_unsigned),
                                static_cast<int>(modes.binary));
  for (const ColumnOptions& o : options) {
    key += fmt::format("{}:{}:{},", o.included, o.mask_chars, o.truncate_chars);
  }
  key += "\n" + TableSignature(table);
  data::SchemaPtr source = MakeSourceSchema(connector);
  static auto* interned = new std::map<std::string, std::shared_ptr<const TableSchemas>>;
  std::lock_guard lock(InternMutex());
  auto it = interned->find(key);
  if (it != interned->end()) return it->second;
  TRIB_ASSIGN_OR_RETURN(auto schemas, BuildTableSchemas(table, modes, topic, source, options));
  interned->emplace(std::move(key), schemas);
  return schemas;
}

}  // namespace tributary::mysql
