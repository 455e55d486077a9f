#include "mysql/ddl_parser.h"

#include <cctype>
#include <optional>

#include "mysql/ddl_tokenizer.h"

namespace tributary::mysql {
namespace {

class Parser : private TokenCursor {
 public:
  Parser(std::vector<Token> tokens, std::string default_db, std::map<std::string, TableDef>* t)
      : TokenCursor(std::move(tokens)), default_db_(std::move(default_db)), tables_(t) {}

  std::vector<std::string> Run() {
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
    return changed_;
  }

 private:
  void SkipIfExists() {
    if (Accept("IF")) {
      Accept("NOT");
      Accept("EXISTS");
    }
  }
  // db.table -> "db.table" key.
  std::string TableName() {
    std::string first = Word();
    if (AcceptPunct('.')) return first + "." + Word();
    return default_db_ + "." + first;
  }
  void Changed(const std::string& key) { changed_.push_back(key); }

  // Skips to the end of the current comma-separated item at this nesting depth.
  void SkipItem() {
    int depth = 0;
    while (const Token* t = Peek()) {
      if (depth == 0 && (t->IsPunct(',') || t->IsPunct(')'))) return;
      if (t->IsPunct('(')) ++depth;
      if (t->IsPunct(')')) --depth;
      ++pos_;
    }
  }

  // A column definition after its name: the facts the catalog would report that TABLE_MAP
  // events do not carry (the DEFAULT literal, FLOAT declared with a scale).
  struct ColumnFacts {
    std::optional<std::string> default_literal;
    bool float_with_scale = false;
    void ApplyTo(ColumnDef* c) const {
      c->default_literal = default_literal;
      c->float_with_scale = float_with_scale;
    }
  };
  ColumnFacts ColumnDefinition() {
    ColumnFacts facts;
    // FLOAT ( M , D )
    facts.float_with_scale = Peek() && Peek()->Is("FLOAT") && Peek(1) && Peek(1)->IsPunct('(') &&
                             Peek(3) && Peek(3)->IsPunct(',');
    int depth = 0;
    while (const Token* t = Peek()) {
      if (depth == 0 && (t->IsPunct(',') || t->IsPunct(')'))) break;
      if (t->IsPunct('(')) ++depth;
      if (t->IsPunct(')')) --depth;
      if (depth == 0 && t->Is("DEFAULT")) {
        ++pos_;
        facts.default_literal = Literal();
        continue;
      }
      ++pos_;
    }
    return facts;
  }

  // A DEFAULT value in information_schema's notation.
  std::string Literal() {
    const Token* t = Peek();
    if (t == nullptr) return "NULL";
    if (t->IsPunct('(')) {  // DEFAULT (expr)
      SkipParenthesized();
      return "(expression)";
    }
    std::string sign;
    if (t->IsPunct('-') || t->IsPunct('+')) {
      sign = t->text == "-" ? "-" : "";
      ++pos_;
      t = Peek();
      if (t == nullptr) return "NULL";
    }
    ++pos_;
    switch (t->kind) {
      case TokenKind::kString: {
        std::string quoted = "'";
        for (char c : t->text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        return quoted + "'";
      }
      case TokenKind::kNumber:
        return sign + t->text;
      default: {
        if (t->Is("NULL")) return "NULL";
        if (t->Is("b") && Peek() && Peek()->kind == TokenKind::kString) {  // b'0101'
          return "b'" + tokens_[pos_++].text + "'";
        }
        std::string word = t->text;
        for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (Peek() && Peek()->IsPunct('(')) SkipParenthesized();
        return word + "()";  // CURRENT_TIMESTAMP and other expressions
      }
    }
  }
  void SkipParenthesized() {
    int depth = 0;
    while (const Token* t = Peek()) {
      ++pos_;
      if (t->IsPunct('(')) ++depth;
      if (t->IsPunct(')') && --depth == 0) return;
    }
  }

  bool IsConstraintStart() const {
    const Token* t = Peek();
    if (t == nullptr) return true;
    for (auto k : {"PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT", "FOREIGN", "CHECK",
                   "FULLTEXT", "SPATIAL", "PERIOD", "SYSTEM"}) {
      if (t->Is(k)) return true;
    }
    return false;
  }

  ColumnDef* FindColumn(TableDef& t, const std::string& name) {
    int index = t.ColumnIndex(name);
    return index < 0 ? nullptr : &t.columns[index];
  }

  void CreateTable() {
    SkipIfExists();
    std::string key = TableName();
    if (Accept("LIKE")) {
      std::string source = TableName();
      auto it = tables_->find(source);
      if (it != tables_->end()) {
        TableDef copy = it->second;
        size_t dot = key.find('.');
        copy.database = key.substr(0, dot);
        copy.table = key.substr(dot + 1);
        (*tables_)[key] = copy;
        Changed(key);
      }
      return;
    }
    if (!AcceptPunct('(')) return;
    TableDef def;
    size_t dot = key.find('.');
    def.database = key.substr(0, dot);
    def.table = key.substr(dot + 1);
    while (Peek() && !Peek()->IsPunct(')')) {
      if (IsConstraintStart()) {
        SkipItem();
      } else {
        ColumnDef c;
        c.name = Word();
        ColumnDefinition().ApplyTo(&c);
        def.columns.push_back(std::move(c));
      }
      AcceptPunct(',');
    }
    (*tables_)[key] = std::move(def);
    Changed(key);
  }

  void AlterTable() {
    std::string key = TableName();
    auto it = tables_->find(key);
    if (it == tables_->end()) return;
    TableDef& t = it->second;
    bool changed = false;
    while (Peek()) {
      if (Accept("ADD")) {
        if (Accept("COLUMN") || !IsConstraintStart()) {
          SkipIfExists();
          auto add = [&] {
            ColumnDef c;
            c.name = Word();
            ColumnDefinition().ApplyTo(&c);
            if (ColumnDef* existing = FindColumn(t, c.name)) {
              *existing = c;
            } else {
              t.columns.push_back(std::move(c));
            }
            changed = true;
          };
          if (AcceptPunct('(')) {
            while (Peek() && !Peek()->IsPunct(')')) {
              add();
              AcceptPunct(',');
            }
            AcceptPunct(')');
          } else {
            add();
          }
        } else {
          SkipItem();
        }
      } else if (Accept("MODIFY")) {
        Accept("COLUMN");
        SkipIfExists();
        std::string name = Word();
        ColumnFacts facts = ColumnDefinition();
        if (ColumnDef* c = FindColumn(t, name)) {
          facts.ApplyTo(c);
          changed = true;
        }
      } else if (Accept("CHANGE")) {
        Accept("COLUMN");
        SkipIfExists();
        std::string old_name = Word();
        std::string new_name = Word();
        ColumnFacts facts = ColumnDefinition();
        if (ColumnDef* c = FindColumn(t, old_name)) {
          c->name = new_name;
          facts.ApplyTo(c);
          changed = true;
        }
      } else if (Accept("ALTER")) {
        Accept("COLUMN");
        SkipIfExists();
        std::string name = Word();
        ColumnDef* c = FindColumn(t, name);
        if (Accept("SET") && Accept("DEFAULT")) {
          std::string literal = Literal();
          if (c) c->default_literal = literal;
        } else if (Accept("DROP") && Accept("DEFAULT")) {
          if (c) c->default_literal.reset();
        }
        changed = changed || c != nullptr;
        SkipItem();
      } else if (Accept("DROP")) {
        if (Accept("COLUMN") || !IsConstraintStart()) {
          SkipIfExists();
          int index = t.ColumnIndex(Word());
          if (index >= 0) {
            t.columns.erase(t.columns.begin() + index);
            changed = true;
          }
        }
        SkipItem();
      } else if (Accept("RENAME")) {
        if (Accept("COLUMN")) {
          std::string from = Word();
          Accept("TO");
          std::string to = Word();
          if (ColumnDef* c = FindColumn(t, from)) {
            c->name = to;
            changed = true;
          }
        } else if (Accept("TO") || Accept("AS") || Peek()) {
          std::string new_key = TableName();
          TableDef moved = t;
          size_t dot = new_key.find('.');
          moved.database = new_key.substr(0, dot);
          moved.table = new_key.substr(dot + 1);
          tables_->erase(it);
          (*tables_)[new_key] = std::move(moved);
          Changed(key);
          Changed(new_key);
          return;
        }
        SkipItem();
      } else {
        SkipItem();
      }
      if (!AcceptPunct(',')) break;
    }
    if (changed) Changed(key);
  }

  void RenameTables() {
    while (Peek()) {
      std::string from = TableName();
      if (!Accept("TO")) return;
      std::string to = TableName();
      auto it = tables_->find(from);
      if (it != tables_->end()) {
        TableDef moved = it->second;
        size_t dot = to.find('.');
        moved.database = to.substr(0, dot);
        moved.table = to.substr(dot + 1);
        tables_->erase(it);
        (*tables_)[to] = std::move(moved);
        Changed(from);
        Changed(to);
      }
      if (!AcceptPunct(',')) return;
    }
  }

  void DropTables() {
    SkipIfExists();
    while (Peek()) {
      std::string key = TableName();
      if (tables_->erase(key)) Changed(key);
      if (!AcceptPunct(',')) return;
    }
  }

  std::string default_db_;
  std::map<std::string, TableDef>* tables_;
  std::vector<std::string> changed_;
};

}  // namespace

std::vector<std::string> ApplyDdl(std::string_view sql, const std::string& default_db,
                                  std::map<std::string, TableDef>* tables) {
  return Parser(Tokenize(sql), default_db, tables).Run();
}

}  // namespace tributary::mysql
