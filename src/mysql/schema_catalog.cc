#include "mysql/schema_catalog.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "mysql/ddl_parser.h"

namespace tributary::mysql {
namespace {

namespace ct = column_type;

int ToInt(const std::optional<std::string>& v) { return v ? std::atoi(v->c_str()) : 0; }

// Fills type, length, precision... of `c` from the catalog's DATA_TYPE and COLUMN_TYPE.
bool MapDataType(const std::string& data_type, const std::string& column_type,
                 const TextRow& row, ColumnDef* c) {
  int octets = ToInt(row[5]);
  c->is_unsigned = column_type.find("unsigned") != std::string::npos;
  static const std::map<std::string, uint8_t> kSimple{
      {"tinyint", ct::kTiny}, {"smallint", ct::kShort}, {"mediumint", ct::kInt24},
      {"int", ct::kLong}, {"integer", ct::kLong}, {"bigint", ct::kLongLong},
      {"date", ct::kDate}, {"year", ct::kYear}};
  if (auto it = kSimple.find(data_type); it != kSimple.end()) {
    c->type = it->second;
  } else if (data_type == "float") {
    c->type = ct::kFloat;
    c->length = 4;
    c->float_with_scale = row[7].has_value();
  } else if (data_type == "double" || data_type == "real") {
    c->type = ct::kDouble;
    c->length = 8;
  } else if (data_type == "decimal" || data_type == "numeric") {
    c->type = ct::kNewDecimal;
    c->precision = ToInt(row[6]);
    c->scale = ToInt(row[7]);
  } else if (data_type == "time") {
    c->type = ct::kTime2;
    c->fsp = ToInt(row[8]);
  } else if (data_type == "datetime") {
    c->type = ct::kDateTime2;
    c->fsp = ToInt(row[8]);
  } else if (data_type == "timestamp") {
    c->type = ct::kTimestamp2;
    c->fsp = ToInt(row[8]);
  } else if (data_type == "bit") {
    c->type = ct::kBit;
    c->length = ToInt(row[6]);
  } else if (data_type == "enum" || data_type == "set") {
    c->type = data_type == "enum" ? ct::kEnum : ct::kSet;
    c->elements = ParseEnumElements(column_type);
  } else if (data_type == "char" || data_type == "binary") {
    c->type = ct::kString;
    c->length = octets;
  } else if (data_type == "varchar" || data_type == "varbinary") {
    c->type = ct::kVarchar;
    c->length = octets;
  } else if (data_type.find("text") != std::string::npos ||
             data_type.find("blob") != std::string::npos || data_type == "json") {
    c->type = ct::kBlob;
    c->length = data_type.rfind("tiny", 0) == 0     ? 1
                : data_type.rfind("medium", 0) == 0 ? 3
                : data_type.rfind("long", 0) == 0 || data_type == "json" ? 4
                                                                          : 2;
  } else if (data_type == "geometry" || data_type == "point" || data_type == "linestring" ||
             data_type == "polygon" || data_type.rfind("multi", 0) == 0 ||
             data_type == "geometrycollection") {
    c->type = ct::kGeometry;
    c->length = 4;
    static const std::map<std::string, int> kGeometryTypes{
        {"geometry", 0}, {"point", 1}, {"linestring", 2}, {"polygon", 3},
        {"multipoint", 4}, {"multilinestring", 5}, {"multipolygon", 6},
        {"geometrycollection", 7}};
    auto it = kGeometryTypes.find(data_type);
    c->geometry_type = it == kGeometryTypes.end() ? 0 : it->second;
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> ParseEnumElements(std::string_view column_type) {
  std::vector<std::string> out;
  size_t i = column_type.find('(');
  if (i == std::string_view::npos) return out;
  ++i;
  while (i < column_type.size() && column_type[i] == '\'') {
    ++i;
    std::string value;
    while (i < column_type.size()) {
      char ch = column_type[i];
      if (ch == '\'' && i + 1 < column_type.size() && column_type[i + 1] == '\'') {
        value += '\'';
        i += 2;
      } else if (ch == '\\' && i + 1 < column_type.size()) {
        value += column_type[i + 1];
        i += 2;
      } else if (ch == '\'') {
        ++i;
        break;
      } else {
        value += ch;
        ++i;
      }
    }
    out.push_back(std::move(value));
    if (i < column_type.size() && column_type[i] == ',') ++i;
  }
  return out;
}

Status SchemaCatalog::LoadCollations(MysqlConnection& connection) {
  TRIB_ASSIGN_OR_RETURN(auto rows, connection.Query(
      "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS"));
  for (const auto& row : rows) {
    if (row[0] && row[1]) charsets_[std::atoi(row[0]->c_str())] = *row[1];
  }
  return Status::OK();
}

Result<std::vector<std::pair<std::string, std::string>>> SchemaCatalog::ListTables(
    MysqlConnection& connection, const ConnectorConfig& config) {
  TRIB_ASSIGN_OR_RETURN(auto rows, connection.Query(
      "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
      "WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME"));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& row : rows) {
    if (row[0] && row[1] && config.IncludeTable(*row[0], *row[1])) out.emplace_back(*row[0], *row[1]);
  }
  return out;
}

Result<TableDef> SchemaCatalog::ReadTable(MysqlConnection& connection, const std::string& db,
                                          const std::string& table) {
  std::string where = fmt::format("TABLE_SCHEMA = '{}' AND TABLE_NAME = '{}'",
                                  connection.Escape(db), connection.Escape(table));
  TRIB_ASSIGN_OR_RETURN(
      auto rows,
      connection.Query(
          "SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, "
          "c.CHARACTER_OCTET_LENGTH, c.NUMERIC_PRECISION, c.NUMERIC_SCALE, "
          "c.DATETIME_PRECISION, c.CHARACTER_SET_NAME, co.ID "
          "FROM information_schema.COLUMNS c LEFT JOIN information_schema.COLLATIONS co "
          "ON co.COLLATION_NAME = c.COLLATION_NAME WHERE c." +
          where + " ORDER BY c.ORDINAL_POSITION"));
  if (rows.empty()) return Status::NotFound("table {}.{} does not exist", db, table);
  TableDef def;
  def.database = db;
  def.table = table;
  for (const auto& row : rows) {
    ColumnDef c;
    c.name = row[0].value_or("");
    std::string data_type = row[1].value_or("");
    std::string column_type = row[2].value_or("");
    std::transform(data_type.begin(), data_type.end(), data_type.begin(), ::tolower);
    if (!MapDataType(data_type, column_type, row, &c)) {
      return Status::NotSupported("column {}.{}.{} has type '{}', which Tributary cannot map",
                                  db, table, c.name, column_type);
    }
    c.nullable = row[3].value_or("YES") == "YES";
    c.default_literal = row[4];
    c.charset = row[9].value_or("");
    c.collation = row[10] ? std::atoi(row[10]->c_str()) : 0;
    bool binary_type = data_type == "binary" || data_type == "varbinary" ||
                       data_type.find("blob") != std::string::npos;
    if (binary_type || (c.collation == 0 && c.type != ct::kGeometry &&
                        (c.type == ct::kString || c.type == ct::kVarchar))) {
      c.collation = kBinaryCollation;
      c.charset = "binary";
    }
    def.columns.push_back(std::move(c));
  }
  TRIB_ASSIGN_OR_RETURN(auto keys, connection.Query(
      "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE " + where +
      " AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION"));
  for (const auto& key : keys) {
    int index = def.ColumnIndex(key[0].value_or(""));
    if (index >= 0) def.primary_key.push_back(index);
  }
  tables_[def.FullName()] = def;
  return def;
}

void SchemaCatalog::Enrich(TableDef* table) const {
  auto it = tables_.find(table->FullName());
  const TableDef* catalog = it == tables_.end() ? nullptr : &it->second;
  for (ColumnDef& c : table->columns) {
    if (c.collation != 0) {
      auto cs = charsets_.find(c.collation);
      if (cs != charsets_.end()) c.charset = cs->second;
    }
    if (catalog == nullptr) continue;
    int index = catalog->ColumnIndex(c.name);
    if (index < 0) continue;
    c.default_literal = catalog->columns[index].default_literal;
    c.float_with_scale = catalog->columns[index].float_with_scale;
  }
  if (table->primary_key.empty() && catalog != nullptr) {
    for (int k : catalog->primary_key) {
      int index = table->ColumnIndex(catalog->columns[k].name);
      if (index >= 0) table->primary_key.push_back(index);
    }
  }
}

namespace {

// Binlog positions order by file sequence number (the digits after the last dot), then offset.
bool Before(const std::string& file_a, uint64_t pos_a, const std::string& file_b,
            uint64_t pos_b) {
  auto seq = [](const std::string& f) {
    size_t dot = f.rfind('.');
    return dot == std::string::npos ? 0ULL : std::strtoull(f.c_str() + dot + 1, nullptr, 10);
  };
  if (seq(file_a) != seq(file_b)) return seq(file_a) < seq(file_b);
  return pos_a < pos_b;
}

}  // namespace

Status SchemaCatalog::SetHistoryLog(std::unique_ptr<connect::HistoryLog> log) {
  history_ = std::move(log);
  recorded_.clear();
  TRIB_ASSIGN_OR_RETURN(auto entries, history_->ReadAll());
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string& entry = entries[i];
    nlohmann::json j = nlohmann::json::parse(entry, nullptr, false);
    if (!j.is_object() || !j.contains("table")) {
      if (j.is_object() && (j.contains("tableChanges") || j.contains("ddl"))) {
        return Status::InvalidArgument(
            "schema history {} holds Debezium's schema history records (entry {}: {}), which "
            "Tributary does not read. Set schema.history.internal.kafka.topic to a new topic "
            "and leave Debezium's as it is: Tributary then takes each table's definition from "
            "the server's catalog, which is right as long as no DDL changed the captured "
            "tables after the committed offset",
            history_->Describe(), i + 1, entry.substr(0, 200));
      }
      return Status::Corruption("schema history {}: entry {} is not a table state: {}",
                                history_->Describe(), i + 1, entry.substr(0, 200));
    }
    HistoryEntry e;
    e.file = j.value("file", "");
    e.pos = j.value("pos", uint64_t{0});
    e.from_pos = j.value("snapshot", false);
    e.table = j["table"];
    if (!j.value("dropped", false)) {
      TableDef& def = e.def.emplace();
      size_t dot = e.table.find('.');
      def.database = e.table.substr(0, dot);
      def.table = e.table.substr(dot + 1);
      for (const auto& c : j.value("columns", nlohmann::json::array())) {
        ColumnDef col;
        col.name = c.value("name", "");
        if (c.contains("default") && c["default"].is_string()) col.default_literal = c["default"];
        col.float_with_scale = c.value("float_with_scale", false);
        def.columns.push_back(std::move(col));
      }
      for (const auto& k : j.value("primary_key", nlohmann::json::array())) {
        def.primary_key.push_back(k.get<int>());
      }
    }
    recorded_.push_back(std::move(e));
  }
  return Status::OK();
}

void SchemaCatalog::LoadHistory(const std::string& file, uint64_t pos) {
  std::map<std::string, const HistoryEntry*> latest;
  for (const HistoryEntry& e : recorded_) {
    if (Before(e.file, e.pos, file, pos) || (e.from_pos && !Before(file, pos, e.file, e.pos))) {
      latest[e.table] = &e;
    }
  }
  for (const auto& [key, e] : latest) {
    if (e->def) {
      tables_[key] = *e->def;
    } else {
      tables_.erase(key);
    }
  }
}

Status SchemaCatalog::RecordSnapshot(const std::vector<std::string>& tables,
                                     const std::string& file, uint64_t pos) {
  return RecordHistory(tables, file, pos, true);
}

Status SchemaCatalog::RecordHistory(const std::vector<std::string>& tables,
                                    const std::string& file, uint64_t pos, bool from_pos) {
  if (!history_ || tables.empty()) return Status::OK();
  std::vector<std::string> entries;
  for (const auto& key : tables) {
    nlohmann::json j{{"file", file}, {"pos", pos}, {"table", key}};
    if (from_pos) j["snapshot"] = true;
    auto it = tables_.find(key);
    if (it == tables_.end()) {
      j["dropped"] = true;
    } else {
      nlohmann::json columns = nlohmann::json::array();
      for (const auto& c : it->second.columns) {
        nlohmann::json col{{"name", c.name}};
        col["default"] = c.default_literal ? nlohmann::json(*c.default_literal) : nlohmann::json();
        if (c.float_with_scale) col["float_with_scale"] = true;
        columns.push_back(std::move(col));
      }
      j["columns"] = std::move(columns);
      j["primary_key"] = it->second.primary_key;
    }
    entries.push_back(j.dump());
  }
  return history_->Append(entries);
}

Status SchemaCatalog::ApplyDdlStatement(const std::string& sql, const std::string& default_db,
                                        const std::string& file, uint64_t pos) {
  return RecordHistory(ApplyDdl(sql, default_db, &tables_), file, pos, false);
}

}  // namespace tributary::mysql
