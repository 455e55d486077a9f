#include "avro/schema_parser.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace tributary::avro {

namespace {

// Deeper documents are rejected rather than risking the stack on hostile input.
constexpr int kMaxDepth = 200;

struct Arena {
  std::vector<std::unique_ptr<Schema>> nodes;
  std::vector<SchemaPtr> references;
};

std::string Child(const std::string& path, std::string_view key) {
  return fmt::format("{}/{}", path, key);
}
std::string Child(const std::string& path, size_t index) {
  return fmt::format("{}/{}", path, index);
}

Status Error(const std::string& path, std::string reason) {
  return Status(StatusCode::kInvalidArgument,
                fmt::format("Avro schema {}: {}", path.empty() ? "/" : path, reason));
}

bool ParsePrimitiveName(std::string_view name, Type* type) {
  static constexpr std::array<std::pair<std::string_view, Type>, 8> kPrimitives = {{
      {"null", Type::kNull},
      {"boolean", Type::kBoolean},
      {"int", Type::kInt},
      {"long", Type::kLong},
      {"float", Type::kFloat},
      {"double", Type::kDouble},
      {"bytes", Type::kBytes},
      {"string", Type::kString},
  }};
  for (const auto& [n, t] : kPrimitives) {
    if (n == name) {
      *type = t;
      return true;
    }
  }
  return false;
}

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (!alpha(name[0])) return false;
  for (char c : name)
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

bool IsValidNamespace(std::string_view ns) {
  if (ns.empty()) return true;
  size_t start = 0;
  while (true) {
    size_t dot = ns.find('.', start);
    if (!IsValidName(ns.substr(start, dot == std::string_view::npos ? dot : dot - start)))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string FullName(std::string_view ns, std::string_view name) {
  return ns.empty() ? std::string(name) : fmt::format("{}.{}", ns, name);
}

// The name relative to `space`: the simple name when it lives in `space`, else the full name.
std::string Qualified(std::string_view full, std::string_view space) {
  size_t dot = full.rfind('.');
  std::string_view ns = dot == std::string_view::npos ? std::string_view() : full.substr(0, dot);
  if (ns == space) return std::string(dot == std::string_view::npos ? full : full.substr(dot + 1));
  return std::string(full);
}

bool IsReservedAttribute(std::string_view key, Type type) {
  static constexpr std::array<std::string_view, 10> kReserved = {
      "type", "name", "namespace", "fields", "items", "size", "symbols", "values", "aliases", "doc"};
  for (auto r : kReserved)
    if (r == key) return true;
  return type == Type::kEnum && key == "default";
}

// Decodes UTF-8 into code points; false if malformed.
bool Utf8CodePoints(std::string_view s, std::vector<uint32_t>* out) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + static_cast<size_t>(extra) >= s.size()) return false;
    uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    out->push_back(cp);
    i += 1 + extra;
  }
  return true;
}

Status CheckDefault(const Schema& schema, const Json& value, const std::string& path, int depth) {
  if (depth > kMaxDepth) return Error(path, "default value nested too deeply");
  auto mismatch = [&](std::string_view expected) {
    return Error(path, fmt::format("default value {} is not a valid {} (expected {})",
                                   value.dump(), TypeName(schema.type()), expected));
  };
  switch (schema.type()) {
    case Type::kNull:
      return value.is_null() ? Status::OK() : mismatch("null");
    case Type::kBoolean:
      return value.is_boolean() ? Status::OK() : mismatch("true or false");
    case Type::kInt:
      if (value.is_number_unsigned() &&
          value.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int32_t>::max()))
        return Status::OK();
      if (value.is_number_integer() && value.get<int64_t>() >= std::numeric_limits<int32_t>::min() &&
          value.get<int64_t>() <= std::numeric_limits<int32_t>::max())
        return Status::OK();
      return mismatch("an integer in the 32-bit range");
    case Type::kLong:
      if (value.is_number_unsigned() &&
          value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return mismatch("an integer in the 64-bit range");
      return value.is_number_integer() ? Status::OK() : mismatch("an integer");
    case Type::kFloat:
    case Type::kDouble:
      if (value.is_number()) return Status::OK();
      if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        if (s == "NaN" || s == "Infinity" || s == "-Infinity") return Status::OK();
      }
      return mismatch("a number");
    case Type::kString:
      return value.is_string() ? Status::OK() : mismatch("a string");
    case Type::kBytes:
    case Type::kFixed: {
      if (!value.is_string()) return mismatch("a string of code points 0-255");
      std::vector<uint32_t> cps;
      if (!Utf8CodePoints(value.get_ref<const std::string&>(), &cps))
        return mismatch("valid UTF-8");
      for (uint32_t cp : cps)
        if (cp > 255) return mismatch("a string of code points 0-255");
      if (schema.type() == Type::kFixed && cps.size() != static_cast<size_t>(schema.fixed_size()))
        return Error(path, fmt::format("default value of fixed '{}' has {} bytes, the size is {}",
                                       schema.full_name(), cps.size(), schema.fixed_size()));
      return Status::OK();
    }
    case Type::kEnum:
      if (!value.is_string()) return mismatch("a symbol string");
      if (schema.symbol_index(value.get_ref<const std::string&>()) < 0)
        return Error(path, fmt::format("default value {} is not a symbol of enum '{}'",
                                       value.dump(), schema.full_name()));
      return Status::OK();
    case Type::kArray: {
      if (!value.is_array()) return mismatch("a JSON array");
      for (size_t i = 0; i < value.size(); ++i)
        TRIB_RETURN_IF_ERROR(CheckDefault(schema.items(), value[i], Child(path, i), depth + 1));
      return Status::OK();
    }
    case Type::kMap: {
      if (!value.is_object()) return mismatch("a JSON object");
      for (const auto& [k, v] : value.items())
        TRIB_RETURN_IF_ERROR(CheckDefault(schema.values(), v, Child(path, k), depth + 1));
      return Status::OK();
    }
    case Type::kRecord: {
      if (!value.is_object()) return mismatch("a JSON object");
      for (const auto& f : schema.fields()) {
        auto it = value.find(f.name);
        if (it == value.end()) {
          if (!f.has_default())
            return Error(path, fmt::format("default value of record '{}' lacks field '{}', which "
                                           "has no default of its own",
                                           schema.full_name(), f.name));
          continue;
        }
        TRIB_RETURN_IF_ERROR(CheckDefault(f.schema(), *it, Child(path, f.name), depth + 1));
      }
      return Status::OK();
    }
    case Type::kUnion: {
      for (const Schema* b : schema.branches())
        if (CheckDefault(*b, value, path, depth + 1).ok()) return Status::OK();
      return Error(path, fmt::format("default value {} matches no branch of the union",
                                     value.dump()));
    }
  }
  return Status::OK();
}

}  // namespace

class SchemaFactory {
 public:
  explicit SchemaFactory(const ParseOptions& options) : arena_(std::make_shared<Arena>()) {
    arena_->references = options.references;
    std::unordered_set<const Schema*> seen;
    for (const auto& ref : options.references)
      if (ref) RegisterNamed(*ref, &seen);
  }

  Result<SchemaPtr> Parse(const Json& doc) {
    TRIB_ASSIGN_OR_RETURN(const Schema* root, ParseNode(doc, "", "", 0));
    for (const auto& p : pending_defaults_) {
      const Field& f = p.record->fields_[p.field];
      TRIB_RETURN_IF_ERROR(CheckDefault(f.schema(), *f.default_value, p.path, 0));
    }
    return SchemaPtr(arena_, root);
  }

  // Primitive nodes without attributes are shared by every tree and never freed.
  static const Schema* Primitive(Type type) {
    static const std::array<Schema*, 8> kNodes = [] {
      std::array<Schema*, 8> nodes{};
      for (int i = 0; i < 8; ++i) {
        nodes[i] = new Schema();
        nodes[i]->type_ = static_cast<Type>(i);
      }
      return nodes;
    }();
    return kNodes[static_cast<int>(type)];
  }

 private:
  struct PendingDefault {
    Schema* record;
    size_t field;
    std::string path;
  };

  void RegisterNamed(const Schema& s, std::unordered_set<const Schema*>* seen) {
    if (!seen->insert(&s).second) return;
    if (s.is_named()) named_.emplace(s.full_name(), &s);
    switch (s.type()) {
      case Type::kRecord:
        for (const auto& f : s.fields()) RegisterNamed(f.schema(), seen);
        break;
      case Type::kArray:
      case Type::kMap: RegisterNamed(*s.element_, seen); break;
      case Type::kUnion:
        for (const Schema* b : s.branches()) RegisterNamed(*b, seen);
        break;
      default: break;
    }
  }

  Schema* NewNode(Type type) {
    arena_->nodes.emplace_back(new Schema());
    Schema* s = arena_->nodes.back().get();
    s->type_ = type;
    return s;
  }

  Result<const Schema*> ParseNode(const Json& j, const std::string& ns, const std::string& path,
                                  int depth) {
    if (depth > kMaxDepth) return Error(path, "schema nested too deeply");
    if (j.is_string()) return ResolveName(j.get_ref<const std::string&>(), ns, path);
    if (j.is_array()) return ParseUnion(j, ns, path, depth);
    if (j.is_object()) return ParseObject(j, ns, path, depth);
    return Error(path, fmt::format("expected a type name, an object or a union array, got {}",
                                   j.dump()));
  }

  Result<const Schema*> ResolveName(const std::string& name, const std::string& ns,
                                    const std::string& path) {
    Type t;
    if (ParsePrimitiveName(name, &t)) return Primitive(t);
    if (name == "record" || name == "error" || name == "enum" || name == "array" ||
        name == "map" || name == "fixed")
      return Error(path, fmt::format("type '{}' must be written as an object with its attributes",
                                     name));
    if (name.find('.') == std::string::npos && !ns.empty()) {
      auto it = named_.find(FullName(ns, name));
      if (it != named_.end()) return it->second;
    }
    auto it = named_.find(name);
    if (it != named_.end()) return it->second;
    return Error(path, fmt::format("unknown type '{}' (not a primitive type nor a named type "
                                   "defined before this point{})",
                                   name, ns.empty() ? "" : fmt::format(" in namespace '{}'", ns)));
  }

  Result<const Schema*> ParseUnion(const Json& j, const std::string& ns, const std::string& path,
                                   int depth) {
    Schema* u = NewNode(Type::kUnion);
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < j.size(); ++i) {
      std::string bpath = Child(path, i);
      TRIB_ASSIGN_OR_RETURN(const Schema* b, ParseNode(j[i], ns, bpath, depth + 1));
      if (b->type() == Type::kUnion)
        return Error(bpath, "a union may not immediately contain another union");
      std::string key = b->is_named() ? b->full_name() : std::string(TypeName(b->type()));
      if (!seen.insert(key).second)
        return Error(bpath, fmt::format("the union already has a branch of type '{}'", key));
      u->branches_.push_back(b);
    }
    return u;
  }

  Status ReadOptionalString(const Json& j, std::string_view key, const std::string& path,
                            std::optional<std::string>* out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return Status::OK();
    if (!it->is_string()) return Error(Child(path, key), "expected a string");
    *out = it->get<std::string>();
    return Status::OK();
  }

  // name, namespace, aliases and doc of a named type; registers the name.
  Status ParseName(const Json& j, Schema* s, const std::string& ns, const std::string& path) {
    auto it = j.find("name");
    if (it == j.end() || !it->is_string())
      return Error(path, fmt::format("a {} needs a \"name\" string", TypeName(s->type_)));
    const std::string& name = it->get_ref<const std::string&>();
    size_t dot = name.rfind('.');
    if (dot != std::string::npos) {
      s->namespace_ = name.substr(0, dot);
      s->name_ = name.substr(dot + 1);
    } else {
      s->name_ = name;
      auto nit = j.find("namespace");
      if (nit != j.end() && !nit->is_null()) {
        if (!nit->is_string()) return Error(Child(path, "namespace"), "expected a string");
        s->namespace_ = nit->get<std::string>();
      } else {
        s->namespace_ = ns;
      }
    }
    if (!IsValidName(s->name_))
      return Error(Child(path, "name"),
                   fmt::format("'{}' is not a valid name ([A-Za-z_][A-Za-z0-9_]*)", s->name_));
    if (!IsValidNamespace(s->namespace_))
      return Error(Child(path, "namespace"),
                   fmt::format("'{}' is not a valid namespace", s->namespace_));
    Type ignored;
    if (s->namespace_.empty() && ParsePrimitiveName(s->name_, &ignored))
      return Error(Child(path, "name"),
                   fmt::format("'{}' is a primitive type and cannot be redefined", s->name_));
    s->full_name_ = FullName(s->namespace_, s->name_);
    if (!named_.emplace(s->full_name_, s).second)
      return Error(Child(path, "name"),
                   fmt::format("type '{}' is already defined", s->full_name_));
    auto ait = j.find("aliases");
    if (ait != j.end()) {
      if (!ait->is_array()) return Error(Child(path, "aliases"), "expected an array of names");
      for (size_t i = 0; i < ait->size(); ++i) {
        const Json& a = (*ait)[i];
        if (!a.is_string()) return Error(Child(Child(path, "aliases"), i), "expected a name");
        const std::string& alias = a.get_ref<const std::string&>();
        size_t adot = alias.rfind('.');
        if (!IsValidName(adot == std::string::npos ? alias : alias.substr(adot + 1)) ||
            (adot != std::string::npos && !IsValidNamespace(alias.substr(0, adot))))
          return Error(Child(Child(path, "aliases"), i),
                       fmt::format("'{}' is not a valid name", alias));
        s->aliases_.push_back(adot == std::string::npos ? FullName(s->namespace_, alias) : alias);
      }
    }
    return ReadOptionalString(j, "doc", path, &s->doc_);
  }

  void CollectProperties(const Json& j, Schema* s) {
    for (const auto& [k, v] : j.items())
      if (!IsReservedAttribute(k, s->type_)) s->properties_.emplace_back(k, v);
  }

  Result<const Schema*> ParseObject(const Json& j, const std::string& ns, const std::string& path,
                                    int depth) {
    auto tit = j.find("type");
    if (tit == j.end()) return Error(path, "missing \"type\"");
    if (!tit->is_string()) return ParseNode(*tit, ns, Child(path, "type"), depth + 1);
    const std::string& type_name = tit->get_ref<const std::string&>();
    Type type;
    Schema* s = nullptr;
    if (ParsePrimitiveName(type_name, &type)) {
      s = NewNode(type);
    } else if (type_name == "record" || type_name == "error") {
      s = NewNode(Type::kRecord);
      TRIB_RETURN_IF_ERROR(ParseName(j, s, ns, path));
      TRIB_RETURN_IF_ERROR(ParseFields(j, s, path, depth));
    } else if (type_name == "enum") {
      s = NewNode(Type::kEnum);
      TRIB_RETURN_IF_ERROR(ParseName(j, s, ns, path));
      TRIB_RETURN_IF_ERROR(ParseSymbols(j, s, path));
    } else if (type_name == "fixed") {
      s = NewNode(Type::kFixed);
      TRIB_RETURN_IF_ERROR(ParseName(j, s, ns, path));
      auto sit = j.find("size");
      if (sit == j.end() || !sit->is_number_integer() || sit->get<int64_t>() < 0 ||
          sit->get<int64_t>() > std::numeric_limits<int32_t>::max())
        return Error(Child(path, "size"), "a fixed needs a non-negative integer \"size\"");
      s->fixed_size_ = static_cast<int32_t>(sit->get<int64_t>());
    } else if (type_name == "array" || type_name == "map") {
      bool is_array = type_name == "array";
      s = NewNode(is_array ? Type::kArray : Type::kMap);
      const char* key = is_array ? "items" : "values";
      auto eit = j.find(key);
      if (eit == j.end()) return Error(path, fmt::format("an {} needs \"{}\"", type_name, key));
      TRIB_ASSIGN_OR_RETURN(s->element_, ParseNode(*eit, ns, Child(path, key), depth + 1));
    } else {
      // {"type": "SomeNamedType"} refers to a defined type.
      return ResolveName(type_name, ns, Child(path, "type"));
    }
    CollectProperties(j, s);
    DecodeLogicalType(s);
    return s;
  }

  Status ParseFields(const Json& j, Schema* s, const std::string& path, int depth) {
    auto fit = j.find("fields");
    if (fit == j.end() || !fit->is_array())
      return Error(path, fmt::format("record '{}' needs a \"fields\" array", s->full_name_));
    std::unordered_set<std::string> names;
    for (size_t i = 0; i < fit->size(); ++i) {
      const Json& fj = (*fit)[i];
      std::string fpath = Child(Child(path, "fields"), i);
      if (!fj.is_object()) return Error(fpath, "a field must be a JSON object");
      Field f;
      f.index = static_cast<int>(i);
      auto nit = fj.find("name");
      if (nit == fj.end() || !nit->is_string()) return Error(fpath, "a field needs a \"name\"");
      f.name = nit->get<std::string>();
      if (!IsValidName(f.name))
        return Error(Child(fpath, "name"), fmt::format("'{}' is not a valid field name", f.name));
      if (!names.insert(f.name).second)
        return Error(Child(fpath, "name"),
                     fmt::format("record '{}' already has a field '{}'", s->full_name_, f.name));
      auto tit = fj.find("type");
      if (tit == fj.end())
        return Error(fpath, fmt::format("field '{}' needs a \"type\"", f.name));
      TRIB_ASSIGN_OR_RETURN(f.type, ParseNode(*tit, s->namespace_, Child(fpath, "type"), depth + 1));
      TRIB_RETURN_IF_ERROR(ReadOptionalString(fj, "doc", fpath, &f.doc));
      auto oit = fj.find("order");
      if (oit != fj.end()) {
        std::string order = oit->is_string() ? oit->get<std::string>() : "";
        if (order == "ascending") f.order = SortOrder::kAscending;
        else if (order == "descending") f.order = SortOrder::kDescending;
        else if (order == "ignore") f.order = SortOrder::kIgnore;
        else
          return Error(Child(fpath, "order"), "expected \"ascending\", \"descending\" or \"ignore\"");
      }
      auto ait = fj.find("aliases");
      if (ait != fj.end()) {
        if (!ait->is_array()) return Error(Child(fpath, "aliases"), "expected an array of names");
        for (size_t k = 0; k < ait->size(); ++k) {
          if (!(*ait)[k].is_string())
            return Error(Child(Child(fpath, "aliases"), k), "expected a name");
          f.aliases.push_back((*ait)[k].get<std::string>());
        }
      }
      for (const auto& [k, v] : fj.items()) {
        if (k == "default") {
          f.default_value = v;
          pending_defaults_.push_back({s, i, Child(fpath, "default")});
        } else if (k != "name" && k != "type" && k != "doc" && k != "order" && k != "aliases") {
          f.properties.emplace_back(k, v);
        }
      }
      s->fields_.push_back(std::move(f));
    }
    return Status::OK();
  }

  Status ParseSymbols(const Json& j, Schema* s, const std::string& path) {
    auto sit = j.find("symbols");
    if (sit == j.end() || !sit->is_array())
      return Error(path, fmt::format("enum '{}' needs a \"symbols\" array", s->full_name_));
    for (size_t i = 0; i < sit->size(); ++i) {
      const Json& sym = (*sit)[i];
      std::string spath = Child(Child(path, "symbols"), i);
      if (!sym.is_string() || !IsValidName(sym.get_ref<const std::string&>()))
        return Error(spath, fmt::format("{} is not a valid symbol", sym.dump()));
      if (s->symbol_index(sym.get_ref<const std::string&>()) >= 0)
        return Error(spath, fmt::format("duplicate symbol {}", sym.dump()));
      s->symbols_.push_back(sym.get<std::string>());
    }
    auto dit = j.find("default");
    if (dit != j.end() && !dit->is_null()) {
      if (!dit->is_string() || s->symbol_index(dit->get_ref<const std::string&>()) < 0)
        return Error(Child(path, "default"),
                     fmt::format("enum default {} is not one of the symbols", dit->dump()));
      s->enum_default_ = dit->get<std::string>();
    }
    return Status::OK();
  }

  static void DecodeLogicalType(Schema* s) {
    const Json* lt = s->property("logicalType");
    if (!lt || !lt->is_string()) return;
    const std::string& name = lt->get_ref<const std::string&>();
    Type t = s->type_;
    auto set_if = [&](bool valid, LogicalType logical) {
      if (valid) s->logical_type_ = logical;
    };
    if (name == "decimal") {
      if (t != Type::kBytes && t != Type::kFixed) return;
      const Json* p = s->property("precision");
      const Json* sc = s->property("scale");
      if (!p || !p->is_number_integer() || p->get<int64_t>() <= 0 ||
          p->get<int64_t>() > std::numeric_limits<int32_t>::max())
        return;
      int64_t precision = p->get<int64_t>();
      int64_t scale = 0;
      if (sc) {
        if (!sc->is_number_integer() || sc->get<int64_t>() < 0) return;
        scale = sc->get<int64_t>();
      }
      if (scale > precision) return;
      if (t == Type::kFixed) {
        // The most decimal digits a two's complement number of `size` bytes always holds.
        double max_digits = std::floor((8.0 * s->fixed_size_ - 1) * std::log10(2.0));
        if (static_cast<double>(precision) > max_digits) return;
      }
      s->logical_type_ = LogicalType::kDecimal;
      s->precision_ = static_cast<int>(precision);
      s->scale_ = static_cast<int>(scale);
    } else if (name == "uuid") {
      set_if(t == Type::kString || (t == Type::kFixed && s->fixed_size_ == 16), LogicalType::kUuid);
    } else if (name == "date") {
      set_if(t == Type::kInt, LogicalType::kDate);
    } else if (name == "time-millis") {
      set_if(t == Type::kInt, LogicalType::kTimeMillis);
    } else if (name == "time-micros") {
      set_if(t == Type::kLong, LogicalType::kTimeMicros);
    } else if (name == "timestamp-millis") {
      set_if(t == Type::kLong, LogicalType::kTimestampMillis);
    } else if (name == "timestamp-micros") {
      set_if(t == Type::kLong, LogicalType::kTimestampMicros);
    } else if (name == "timestamp-nanos") {
      set_if(t == Type::kLong, LogicalType::kTimestampNanos);
    } else if (name == "local-timestamp-millis") {
      set_if(t == Type::kLong, LogicalType::kLocalTimestampMillis);
    } else if (name == "local-timestamp-micros") {
      set_if(t == Type::kLong, LogicalType::kLocalTimestampMicros);
    } else if (name == "local-timestamp-nanos") {
      set_if(t == Type::kLong, LogicalType::kLocalTimestampNanos);
    } else if (name == "duration") {
      set_if(t == Type::kFixed && s->fixed_size_ == 12, LogicalType::kDuration);
    }
  }

  std::shared_ptr<Arena> arena_;
  std::unordered_map<std::string, const Schema*> named_;
  std::vector<PendingDefault> pending_defaults_;
};

Result<SchemaPtr> ParseSchemaJson(const Json& json, const ParseOptions& options) {
  return SchemaFactory(options).Parse(json);
}

Result<SchemaPtr> ParseSchema(std::string_view json, const ParseOptions& options) {
  Json doc = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // Re-parse with exceptions only to get the parser's position and reason.
    try {
      doc = Json::parse(json);
    } catch (const Json::exception& e) {
      return Status::InvalidArgument("Avro schema is not valid JSON: {}", e.what());
    }
  }
  return ParseSchemaJson(doc, options);
}

Status ValidateDefault(const Schema& schema, const Json& value) {
  return CheckDefault(schema, value, "", 0);
}

namespace {

class FullFormWriter {
 public:
  Json Write(const Schema& s) {
    if (s.is_named()) {
      if (written_.count(&s)) return Qualified(s.full_name(), space_);
      written_.insert(&s);
    }
    switch (s.type()) {
      case Type::kUnion: {
        Json out = Json::array();
        for (const Schema* b : s.branches()) out.push_back(Write(*b));
        return out;
      }
      case Type::kRecord:
      case Type::kEnum:
      case Type::kFixed: return WriteNamed(s);
      case Type::kArray:
      case Type::kMap: {
        Json out = Json::object();
        out["type"] = TypeName(s.type());
        out[s.type() == Type::kArray ? "items" : "values"] = Write(s.items());
        AddProperties(s.properties(), &out);
        return out;
      }
      default: {
        if (s.properties().empty()) return TypeName(s.type());
        Json out = Json::object();
        out["type"] = TypeName(s.type());
        AddProperties(s.properties(), &out);
        return out;
      }
    }
  }

 private:
  static void AddProperties(const Properties& props, Json* out) {
    for (const auto& [k, v] : props) (*out)[k] = v;
  }

  Json WriteNamed(const Schema& s) {
    Json out = Json::object();
    out["type"] = TypeName(s.type());
    out["name"] = s.name();
    if (s.name_space() != space_) out["namespace"] = s.name_space();
    if (s.doc()) out["doc"] = *s.doc();
    if (s.type() == Type::kRecord) {
      std::string saved = space_;
      space_ = s.name_space();
      Json fields = Json::array();
      for (const Field& f : s.fields()) {
        Json fj = Json::object();
        fj["name"] = f.name;
        fj["type"] = Write(f.schema());
        if (f.doc) fj["doc"] = *f.doc;
        if (f.default_value) fj["default"] = *f.default_value;
        if (f.order == SortOrder::kDescending) fj["order"] = "descending";
        if (f.order == SortOrder::kIgnore) fj["order"] = "ignore";
        if (!f.aliases.empty()) fj["aliases"] = f.aliases;
        AddProperties(f.properties, &fj);
        fields.push_back(std::move(fj));
      }
      out["fields"] = std::move(fields);
      space_ = saved;
    } else if (s.type() == Type::kEnum) {
      out["symbols"] = s.symbols();
      if (s.enum_default()) out["default"] = *s.enum_default();
    } else {
      out["size"] = s.fixed_size();
    }
    AddProperties(s.properties(), &out);
    if (!s.aliases().empty()) {
      Json aliases = Json::array();
      for (const auto& a : s.aliases()) aliases.push_back(Qualified(a, s.name_space()));
      out["aliases"] = std::move(aliases);
    }
    return out;
  }

  std::unordered_set<const Schema*> written_;
  std::string space_;
};

void AppendJsonString(std::string_view s, std::string* out) {
  *out += Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

void AppendCanonical(const Schema& s, std::unordered_set<const Schema*>* written,
                     std::string* out) {
  if (s.is_named()) {
    if (written->count(&s)) return AppendJsonString(s.full_name(), out);
    written->insert(&s);
  }
  switch (s.type()) {
    case Type::kUnion: {
      *out += '[';
      for (size_t i = 0; i < s.branches().size(); ++i) {
        if (i) *out += ',';
        AppendCanonical(s.branch(i), written, out);
      }
      *out += ']';
      return;
    }
    case Type::kRecord: {
      *out += "{\"name\":";
      AppendJsonString(s.full_name(), out);
      *out += ",\"type\":\"record\",\"fields\":[";
      for (size_t i = 0; i < s.fields().size(); ++i) {
        if (i) *out += ',';
        *out += "{\"name\":";
        AppendJsonString(s.fields()[i].name, out);
        *out += ",\"type\":";
        AppendCanonical(s.fields()[i].schema(), written, out);
        *out += '}';
      }
      *out += "]}";
      return;
    }
    case Type::kEnum: {
      *out += "{\"name\":";
      AppendJsonString(s.full_name(), out);
      *out += ",\"type\":\"enum\",\"symbols\":[";
      for (size_t i = 0; i < s.symbols().size(); ++i) {
        if (i) *out += ',';
        AppendJsonString(s.symbols()[i], out);
      }
      *out += "]}";
      return;
    }
    case Type::kFixed:
      *out += "{\"name\":";
      AppendJsonString(s.full_name(), out);
      *out += fmt::format(",\"type\":\"fixed\",\"size\":{}}}", s.fixed_size());
      return;
    case Type::kArray:
      *out += "{\"type\":\"array\",\"items\":";
      AppendCanonical(s.items(), written, out);
      *out += '}';
      return;
    case Type::kMap:
      *out += "{\"type\":\"map\",\"values\":";
      AppendCanonical(s.values(), written, out);
      *out += '}';
      return;
    default:
      *out += '"';
      *out += TypeName(s.type());
      *out += '"';
  }
}

}  // namespace

Json ToJsonValue(const Schema& schema) { return FullFormWriter().Write(schema); }

std::string ToJson(const Schema& schema, bool pretty) {
  return ToJsonValue(schema).dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

std::string CanonicalForm(const Schema& schema) {
  std::unordered_set<const Schema*> written;
  std::string out;
  AppendCanonical(schema, &written, &out);
  return out;
}

uint64_t Fingerprint64(std::string_view bytes) {
  static constexpr uint64_t kEmpty = 0xc15d213aa4d7a795ULL;
  static const std::array<uint64_t, 256> kTable = [] {
    std::array<uint64_t, 256> table{};
    for (uint64_t i = 0; i < 256; ++i) {
      uint64_t fp = i;
      for (int j = 0; j < 8; ++j) fp = (fp >> 1) ^ (kEmpty & (0 - (fp & 1)));
      table[i] = fp;
    }
    return table;
  }();
  uint64_t fp = kEmpty;
  for (unsigned char b : bytes) fp = (fp >> 8) ^ kTable[(fp ^ b) & 0xff];
  return fp;
}

}  // namespace tributary::avro
