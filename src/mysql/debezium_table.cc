#include "mysql/debezium_table.h"

#include <algorithm>
#include <cctype>

#include "mysql/ddl_tokenizer.h"

namespace tributary::mysql {
namespace {

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// java.sql.Types of a MySQL type as Debezium's MySQL DDL parser registers it; 0 = unknown.
int JdbcType(const std::string& type) {
  static const std::map<std::string, int> kTypes = {
      {"TINYINT", 5},      {"SMALLINT", 5},      {"MEDIUMINT", 4},  {"INT", 4},
      {"INTEGER", 4},      {"BIGINT", -5},       {"DECIMAL", 3},    {"DEC", 3},
      {"FIXED", 3},        {"NUMERIC", 2},       {"FLOAT", 6},      {"DOUBLE", 8},
      {"REAL", 8},         {"BIT", -7},          {"BOOL", 16},      {"BOOLEAN", 16},
      {"DATE", 91},        {"TIME", 92},         {"DATETIME", 93},  {"TIMESTAMP", 2014},
      {"YEAR", 4},         {"CHAR", 1},          {"NCHAR", -15},    {"VARCHAR", 12},
      {"NVARCHAR", -9},    {"TINYTEXT", 12},     {"TEXT", 12},      {"MEDIUMTEXT", 12},
      {"LONGTEXT", 12},    {"BINARY", -2},       {"VARBINARY", -3}, {"TINYBLOB", 2004},
      {"BLOB", 2004},      {"MEDIUMBLOB", 2004}, {"LONGBLOB", 2004}, {"ENUM", 1},
      {"SET", 1},          {"JSON", 1111},       {"GEOMETRY", 1111}, {"POINT", 1111},
      {"LINESTRING", 1111}, {"POLYGON", 1111},   {"MULTIPOINT", 1111},
      {"MULTILINESTRING", 1111}, {"MULTIPOLYGON", 1111}, {"GEOMETRYCOLLECTION", 1111},
      {"UUID", 1},         {"INET4", 1},         {"INET6", 1}};
  auto it = kTypes.find(type);
  return it == kTypes.end() ? 1111 : it->second;
}

bool IsCharacterType(const std::string& type) {
  for (auto t : {"CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET",
                 "NCHAR", "NVARCHAR"}) {
    if (type == t) return true;
  }
  return false;
}

std::string CharsetOfCollation(const std::string& collation) {
  return Lower(collation.substr(0, collation.find('_')));
}

std::string QuoteString(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

class DebeziumDdlParser : private TokenCursor {
 public:
  DebeziumDdlParser(DebeziumTables* model, std::string_view sql, std::string default_db)
      : TokenCursor(Tokenize(sql)), model_(model), default_db_(std::move(default_db)) {}

  std::vector<TableChange> Run() {
    if (Accept("CREATE")) {
      while (Accept("OR") || Accept("REPLACE") || Accept("TEMPORARY")) {}
      if (Accept("TABLE")) CreateTable();
    } else if (Accept("ALTER")) {
      while (Accept("ONLINE") || Accept("IGNORE")) {}
      if (Accept("TABLE")) AlterTable();
    } else if (Accept("RENAME")) {
      if (Accept("TABLE")) RenameTables();
    } else if (Accept("DROP")) {
      Accept("TEMPORARY");
      if (Accept("TABLE")) DropTables();
    }
    return std::move(changes_);
  }

 private:
  // A column definition and where ALTER places it.
  struct ParsedColumn {
    DebeziumColumn column;
    bool inherits_charset = false;  // a character type without its own charset
    bool primary_key = false;
    bool first = false;
    std::string after;
  };

  std::string Next() { return Peek() ? tokens_[pos_++].text : ""; }
  bool AtItemEnd() const { return !Peek() || Peek()->IsPunct(',') || Peek()->IsPunct(')'); }
  void SkipIfExists() {
    if (Accept("IF")) {
      Accept("NOT");
      Accept("EXISTS");
    }
  }
  std::pair<std::string, std::string> TableName() {
    std::string first = Word();
    if (AcceptPunct('.')) return {first, Word()};
    return {default_db_, first};
  }
  static std::string Key(const std::pair<std::string, std::string>& name) {
    return name.first + "." + name.second;
  }
  void SkipParenthesized() {
    int depth = 0;
    while (const Token* t = Peek()) {
      ++pos_;
      if (t->IsPunct('(')) ++depth;
      if (t->IsPunct(')') && --depth <= 0) return;
    }
  }
  void SkipItem() {
    while (!AtItemEnd()) {
      if (Peek()->IsPunct('(')) {
        SkipParenthesized();
      } else {
        ++pos_;
      }
    }
  }
  // ( a, b(10) ) -> {a, b}
  std::vector<std::string> ColumnList() {
    std::vector<std::string> names;
    if (!AcceptPunct('(')) return names;
    while (Peek() && !Peek()->IsPunct(')')) {
      names.push_back(Word());
      if (Peek() && Peek()->IsPunct('(')) SkipParenthesized();
      Accept("ASC") || Accept("DESC");
      AcceptPunct(',');
    }
    AcceptPunct(')');
    return names;
  }

  // DEFAULT's value as Debezium's defaultValueExpression; nullopt for NULL and expressions.
  std::optional<std::string> DefaultValue() {
    const Token* t = Peek();
    if (t == nullptr) return std::nullopt;
    if (t->IsPunct('(')) {
      SkipParenthesized();
      return std::nullopt;
    }
    std::string sign;
    if (t->IsPunct('-') || t->IsPunct('+')) {
      if (t->text == "-") sign = "-";
      ++pos_;
      t = Peek();
      if (t == nullptr) return std::nullopt;
    }
    ++pos_;
    if (t->kind == TokenKind::kString) return t->text;
    if (t->kind == TokenKind::kNumber) return sign + t->text;
    if (t->Is("NULL")) return std::nullopt;
    if ((t->Is("b") || t->Is("x")) && Peek() && Peek()->kind == TokenKind::kString) {
      return tokens_[pos_++].text;
    }
    bool now = t->Is("CURRENT_TIMESTAMP") || t->Is("NOW") || t->Is("LOCALTIME") ||
               t->Is("LOCALTIMESTAMP");
    if (Peek() && Peek()->IsPunct('(')) SkipParenthesized();
    // Debezium turns the current-time defaults into the epoch.
    if (now) return std::string("1970-01-01 00:00:00");
    return t->text;
  }

  ParsedColumn Column(const std::string& name) {
    ParsedColumn p;
    DebeziumColumn& c = p.column;
    c.name = name;
    std::string type = Upper(Word());
    if (type == "DOUBLE") Accept("PRECISION");
    if (AcceptPunct('(')) {
      if (type == "ENUM" || type == "SET") {
        std::vector<std::string> values;
        while (Peek() && !Peek()->IsPunct(')')) {
          values.push_back(QuoteString(Next()));
          AcceptPunct(',');
        }
        int n = static_cast<int>(values.size());
        // Debezium: ENUM length 1; SET the values and the commas between them.
        c.length = type == "SET" ? std::max(0, 2 * n - 1) : 1;
        c.enum_values = std::move(values);
      } else {
        if (Peek() && Peek()->kind == TokenKind::kNumber) c.length = std::stoi(Next());
        if (AcceptPunct(',') && Peek() && Peek()->kind == TokenKind::kNumber) {
          c.scale = std::stoi(Next());
        }
      }
      AcceptPunct(')');
    } else if (type == "ENUM" || type == "SET") {
      c.length = 1;
    }
    bool is_unsigned = false;
    std::optional<std::string> charset;
    while (!AtItemEnd()) {
      if (Accept("UNSIGNED") || Accept("ZEROFILL")) {
        is_unsigned = true;
      } else if (Accept("SIGNED")) {
      } else if (Accept("CHARACTER") || Accept("CHARSET")) {
        Accept("SET");
        charset = Lower(Word());
      } else if (Accept("COLLATE")) {
        std::string collation = Word();
        if (!charset) charset = CharsetOfCollation(collation);
      } else if (Accept("NOT")) {
        if (Accept("NULL")) c.optional = false;
      } else if (Accept("NULL")) {
        c.optional = true;
      } else if (Accept("DEFAULT")) {
        c.default_value = DefaultValue();
      } else if (Accept("AUTO_INCREMENT")) {
        c.auto_incremented = true;
      } else if (Accept("COMMENT")) {
        c.comment = Next();
      } else if (Accept("PRIMARY")) {
        Accept("KEY");
        p.primary_key = true;
      } else if (Accept("ON")) {  // ON UPDATE CURRENT_TIMESTAMP[(n)]
        Accept("UPDATE");
        DefaultValue();
      } else if (Accept("FIRST")) {
        p.first = true;
      } else if (Accept("AFTER")) {
        p.after = Word();
      } else if (Peek()->IsPunct('(')) {
        SkipParenthesized();
      } else {
        ++pos_;
      }
    }
    c.jdbc_type = JdbcType(type);
    c.type_name = is_unsigned ? type + " UNSIGNED" : type;
    if (IsCharacterType(type)) {
      c.charset = charset;
      p.inherits_charset = !charset.has_value();
    }
    if (p.primary_key) c.optional = false;
    return p;
  }

  static int IndexOf(const DebeziumTable& t, const std::string& name) {
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (Lower(t.columns[i].name) == Lower(name)) return static_cast<int>(i);
    }
    return -1;
  }
  static void SetPrimaryKey(DebeziumTable* t, std::vector<std::string> names) {
    for (auto& name : names) {
      int i = IndexOf(*t, name);
      if (i >= 0) {
        name = t->columns[i].name;
        t->columns[i].optional = false;
      }
    }
    t->primary_key = std::move(names);
  }
  // Puts `p` into `t`, replacing the column `replaces` (if any), where FIRST/AFTER say.
  static void Place(DebeziumTable* t, ParsedColumn p, const std::string& replaces) {
    if (p.inherits_charset) p.column.charset = t->default_charset;
    int old = replaces.empty() ? -1 : IndexOf(*t, replaces);
    if (old >= 0) {
      for (auto& k : t->primary_key) {
        if (Lower(k) == Lower(replaces)) {
          k = p.column.name;
          p.column.optional = false;
        }
      }
    }
    if (old >= 0 && !p.first && p.after.empty()) {
      t->columns[old] = std::move(p.column);
      return;
    }
    if (old >= 0) t->columns.erase(t->columns.begin() + old);
    auto at = t->columns.end();
    if (p.first) {
      at = t->columns.begin();
    } else if (!p.after.empty()) {
      int i = IndexOf(*t, p.after);
      if (i >= 0) at = t->columns.begin() + i + 1;
    }
    bool primary = p.primary_key;
    std::string name = p.column.name;
    t->columns.insert(at, std::move(p.column));
    if (primary) SetPrimaryKey(t, {name});
  }

  // Table options: [DEFAULT] CHARSET/CHARACTER SET [=] x, COLLATE [=] x, COMMENT [=] 'x'.
  bool TableOption(DebeziumTable* t) {
    Accept("DEFAULT");
    if (Accept("CHARSET") || (Accept("CHARACTER") && Accept("SET"))) {
      AcceptPunct('=');
      t->default_charset = Lower(Word());
      return true;
    }
    if (Accept("COLLATE")) {
      AcceptPunct('=');
      std::string collation = Word();
      if (!t->default_charset) t->default_charset = CharsetOfCollation(collation);
      return true;
    }
    if (Accept("COMMENT")) {
      AcceptPunct('=');
      t->comment = Next();
      return true;
    }
    return false;
  }

  void CreateTable() {
    SkipIfExists();
    auto name = TableName();
    DebeziumTable t;
    if (Accept("LIKE")) {
      auto source = model_->tables_.find(Key(TableName()));
      if (source == model_->tables_.end()) return;
      t = source->second;
      t.database = name.first;
      t.table = name.second;
      model_->tables_[Key(name)] = t;
      changes_.push_back({"CREATE", t.database, t.table, std::move(t)});
      return;
    }
    t.database = name.first;
    t.table = name.second;
    std::vector<ParsedColumn> columns;
    if (Peek() && Peek()->IsPunct('(')) {
      ++pos_;
      while (Peek() && !Peek()->IsPunct(')')) {
        if (Accept("PRIMARY")) {
          Accept("KEY");
          t.primary_key = ColumnList();
          SkipItem();
        } else if (Accept("CONSTRAINT")) {
          if (!Peek()->Is("PRIMARY")) Word();
          if (Accept("PRIMARY")) {
            Accept("KEY");
            t.primary_key = ColumnList();
          }
          SkipItem();
        } else if (Peek()->Is("KEY") || Peek()->Is("INDEX") || Peek()->Is("UNIQUE") ||
                   Peek()->Is("FOREIGN") || Peek()->Is("CHECK") || Peek()->Is("FULLTEXT") ||
                   Peek()->Is("SPATIAL") || Peek()->Is("PERIOD")) {
          SkipItem();
        } else {
          std::string column = Word();
          columns.push_back(Column(column));
        }
        AcceptPunct(',');
      }
      AcceptPunct(')');
    }
    while (Peek()) {
      if (!TableOption(&t)) {
        ++pos_;
        AcceptPunct('=');
        if (Peek()) ++pos_;
      }
    }
    if (!t.default_charset) {
      auto it = model_->database_charsets_.find(t.database);
      if (it != model_->database_charsets_.end()) t.default_charset = it->second;
    }
    std::vector<std::string> key = t.primary_key;
    for (auto& p : columns) {
      if (p.inherits_charset) p.column.charset = t.default_charset;
      if (p.primary_key) key.push_back(p.column.name);
      t.columns.push_back(std::move(p.column));
    }
    SetPrimaryKey(&t, key);
    model_->tables_[Key(name)] = t;
    changes_.push_back({"CREATE", t.database, t.table, std::move(t)});
  }

  void AlterTable() {
    auto name = TableName();
    auto it = model_->tables_.find(Key(name));
    if (it == model_->tables_.end()) return;
    DebeziumTable t = it->second;
    std::optional<std::pair<std::string, std::string>> renamed;
    while (Peek()) {
      if (Accept("ADD")) {
        if (Accept("CONSTRAINT") && !Peek()->Is("PRIMARY") && !Peek()->Is("UNIQUE") &&
            !Peek()->Is("FOREIGN") && !Peek()->Is("CHECK")) {
          Word();
        }
        if (Accept("PRIMARY")) {
          Accept("KEY");
          if (Peek() && !Peek()->IsPunct('(')) Word();  // USING BTREE / index name
          SetPrimaryKey(&t, ColumnList());
          SkipItem();
        } else if (Peek() && (Peek()->Is("KEY") || Peek()->Is("INDEX") ||
                              Peek()->Is("UNIQUE") || Peek()->Is("FOREIGN") ||
                              Peek()->Is("CHECK") || Peek()->Is("FULLTEXT") ||
                              Peek()->Is("SPATIAL") || Peek()->Is("PERIOD"))) {
          SkipItem();
        } else {
          Accept("COLUMN");
          SkipIfExists();
          if (AcceptPunct('(')) {
            while (Peek() && !Peek()->IsPunct(')')) {
              std::string column = Word();
              Place(&t, Column(column), "");
              AcceptPunct(',');
            }
            AcceptPunct(')');
          } else {
            std::string column = Word();
            Place(&t, Column(column), "");
          }
        }
      } else if (Accept("MODIFY")) {
        Accept("COLUMN");
        SkipIfExists();
        std::string column = Word();
        ParsedColumn p = Column(column);
        int old = IndexOf(t, column);
        if (old >= 0) p.column.name = t.columns[old].name;
        Place(&t, std::move(p), column);
      } else if (Accept("CHANGE")) {
        Accept("COLUMN");
        SkipIfExists();
        std::string old_name = Word();
        std::string new_name = Word();
        Place(&t, Column(new_name), old_name);
      } else if (Accept("ALTER")) {
        Accept("COLUMN");
        std::string column = Word();
        int i = IndexOf(t, column);
        if (Accept("SET") && Accept("DEFAULT")) {
          auto value = DefaultValue();
          if (i >= 0) t.columns[i].default_value = value;
        } else if (Accept("DROP") && Accept("DEFAULT")) {
          if (i >= 0) t.columns[i].default_value.reset();
        }
        SkipItem();
      } else if (Accept("DROP")) {
        if (Accept("PRIMARY")) {
          t.primary_key.clear();
        } else if (Peek() && (Peek()->Is("INDEX") || Peek()->Is("KEY") ||
                              Peek()->Is("FOREIGN") || Peek()->Is("CONSTRAINT") ||
                              Peek()->Is("CHECK"))) {
        } else {
          Accept("COLUMN");
          SkipIfExists();
          std::string column = Word();
          int i = IndexOf(t, column);
          if (i >= 0) t.columns.erase(t.columns.begin() + i);
          std::erase_if(t.primary_key,
                        [&](const std::string& k) { return Lower(k) == Lower(column); });
        }
        SkipItem();
      } else if (Accept("RENAME")) {
        if (Accept("COLUMN")) {
          std::string from = Word();
          Accept("TO");
          std::string to = Word();
          int i = IndexOf(t, from);
          if (i >= 0) t.columns[i].name = to;
          for (auto& k : t.primary_key) {
            if (Lower(k) == Lower(from)) k = to;
          }
        } else if (Peek() && (Peek()->Is("INDEX") || Peek()->Is("KEY"))) {
        } else {
          Accept("TO") || Accept("AS");
          renamed = TableName();
        }
        SkipItem();
      } else if (Accept("CONVERT")) {
        Accept("TO");
        if (TableOption(&t)) {
          for (auto& c : t.columns) {
            if (c.charset) c.charset = t.default_charset;
          }
        }
        SkipItem();
      } else if (!TableOption(&t)) {
        SkipItem();
      }
      if (!AcceptPunct(',')) {
        if (Peek() && !Peek()->IsPunct(',')) {
          // Table options may follow one another without commas.
          if (!TableOption(&t)) break;
        }
      }
    }
    model_->tables_.erase(it);
    if (renamed) {
      t.database = renamed->first;
      t.table = renamed->second;
    }
    model_->tables_[t.database + "." + t.table] = t;
    changes_.push_back({"ALTER", t.database, t.table, std::move(t)});
  }

  void RenameTables() {
    while (Peek()) {
      auto from = TableName();
      if (!Accept("TO")) return;
      auto to = TableName();
      auto it = model_->tables_.find(Key(from));
      if (it != model_->tables_.end()) {
        DebeziumTable t = std::move(it->second);
        model_->tables_.erase(it);
        t.database = to.first;
        t.table = to.second;
        model_->tables_[Key(to)] = t;
        changes_.push_back({"ALTER", t.database, t.table, std::move(t)});
      }
      if (!AcceptPunct(',')) return;
    }
  }

  void DropTables() {
    SkipIfExists();
    while (Peek()) {
      auto name = TableName();
      model_->tables_.erase(Key(name));
      changes_.push_back({"DROP", name.first, name.second, std::nullopt});
      if (!AcceptPunct(',')) return;
    }
  }

  DebeziumTables* model_;
  std::string default_db_;
  std::vector<TableChange> changes_;
};

std::vector<TableChange> DebeziumTables::Apply(std::string_view sql,
                                               const std::string& default_db) {
  return DebeziumDdlParser(this, sql, default_db).Run();
}

const DebeziumTable* DebeziumTables::Find(const std::string& database,
                                          const std::string& table) const {
  auto it = tables_.find(database + "." + table);
  return it == tables_.end() ? nullptr : &it->second;
}

}  // namespace tributary::mysql
