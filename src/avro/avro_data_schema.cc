// The schema half of AvroData: Connect schema <-> Avro schema, following
// io.confluent.connect.avro.AvroData (fromConnectSchema / toConnectSchema).
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <map>
#include <unordered_set>

#include "avro/avro_data.h"
#include "avro/schema_parser.h"

namespace tributary::avro {

namespace {

namespace cn = connect_names;

constexpr std::string_view kRecordDocParam = "io.confluent.connect.avro.record.doc";
constexpr std::string_view kFieldDocPrefix = "io.confluent.connect.avro.field.doc.";
constexpr std::string_view kFieldDefaultFlag = "io.confluent.connect.avro.field.default";
constexpr std::string_view kEnumDocPrefix = "io.confluent.connect.avro.enum.doc.";
constexpr std::string_view kEnumDefaultPrefix = "io.confluent.connect.avro.enum.default.";
constexpr std::string_view kInternalType = "connect.internal.type";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool NameIs(const data::Schema& s, std::string_view name) {
  return s.name() && EqualsIgnoreCase(*s.name(), name);
}

Result<int> ParseIntParam(const std::string& value, std::string_view what) {
  int out = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || p != value.data() + value.size())
    return Status::InvalidArgument("Connect schema parameter {} is not an integer: '{}'", what, value);
  return out;
}

// [namespace, name] split at the last dot, as AvroData.splitName.
std::pair<std::string, std::string> SplitName(const std::string& full) {
  size_t dot = full.rfind('.');
  if (dot == std::string::npos) return {"", full};
  return {full.substr(0, dot), full.substr(dot + 1)};
}

// Bytes as a string of code points 0-255 (ISO-8859-1), the JSON form of Avro bytes.
std::string Latin1ToUtf8(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::string Utf8ToLatin1(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0xC0 && c < 0xE0 && i + 1 < utf8.size()) {
      out.push_back(static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F)));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

data::SchemaPtr NonOptional(const data::Schema& s) {
  return data::SchemaBuilder::From(s).Optional(false).Build();
}

bool HasNonNullDefault(const data::Schema& s) {
  return s.default_value() && !s.default_value()->is_null();
}

// ---------------------------------------------------------------- Connect -> Avro

class FromConnect {
 public:
  explicit FromConnect(const AvroDataConfig& config) : config_(config) {}

  Result<Json> Convert(const data::Schema& s, bool ignore_optional) {
    if (!IsUnionStruct(s) && !s.optional()) {
      for (const auto& [seen, json] : schema_map_)
        if (seen->Equals(s)) return json;
    }
    std::string connect_type;
    Json base;
    switch (s.type()) {
      case data::Type::kInt8:
        connect_type = "int8";
        base = "int";
        break;
      case data::Type::kInt16:
        connect_type = "int16";
        base = "int";
        break;
      case data::Type::kInt32: base = "int"; break;
      case data::Type::kInt64: base = "long"; break;
      case data::Type::kFloat32: base = "float"; break;
      case data::Type::kFloat64: base = "double"; break;
      case data::Type::kBoolean: base = "boolean"; break;
      case data::Type::kString: base = "string"; break;
      case data::Type::kBytes: {
        const std::string* fixed_size = s.parameter(cn::kFixedSize);
        if (s.name() && fixed_size && config_.flavor == AvroDataConfig::Flavor::kConfluent) {
          auto [ns, name] = NameOrDefault(s);
          TRIB_ASSIGN_OR_RETURN(int size, ParseIntParam(*fixed_size, cn::kFixedSize));
          base = Json::object();
          base["type"] = "fixed";
          base["name"] = name;
          base["namespace"] = ns;
          base["size"] = size;
        } else {
          base = Json::object();
          base["type"] = "bytes";
        }
        if (NameIs(s, data::names::kDecimal)) {
          const std::string* scale = s.parameter(data::names::kDecimalScaleParam);
          if (!scale) return Status::InvalidArgument("Decimal schema lacks its 'scale' parameter");
          TRIB_ASSIGN_OR_RETURN(int scale_value, ParseIntParam(*scale, "scale"));
          base["scale"] = scale_value;
          int precision = cn::kDefaultDecimalPrecision;
          if (const std::string* p = s.parameter(cn::kDecimalPrecision)) {
            TRIB_ASSIGN_OR_RETURN(precision, ParseIntParam(*p, cn::kDecimalPrecision));
          }
          base["precision"] = precision;
        }
        break;
      }
      case data::Type::kArray: {
        TRIB_ASSIGN_OR_RETURN(Json items, Convert(*s.value_schema(), false));
        base = Json::object();
        base["type"] = "array";
        base["items"] = std::move(items);
        break;
      }
      case data::Type::kMap: {
        if (s.key_schema()->type() == data::Type::kString && !s.key_schema()->optional()) {
          TRIB_ASSIGN_OR_RETURN(Json values, Convert(*s.value_schema(), false));
          base = Json::object();
          base["type"] = "map";
          base["values"] = std::move(values);
        } else {
          Json entry = Json::object();
          entry["type"] = "record";
          if (!s.name()) {
            entry["name"] = cn::kMapEntry;
            entry["namespace"] = cn::kNamespace;
          } else {
            auto [ns, name] = NameOrDefault(s);
            entry["name"] = name;
            entry["namespace"] = ns;
          }
          Json fields = Json::array();
          TRIB_RETURN_IF_ERROR(AddField("key", *s.key_schema(), std::nullopt, &fields));
          TRIB_RETURN_IF_ERROR(AddField("value", *s.value_schema(), std::nullopt, &fields));
          entry["fields"] = std::move(fields);
          if (s.name()) entry[std::string(kInternalType)] = cn::kMapEntry;
          base = Json::object();
          base["type"] = "array";
          base["items"] = std::move(entry);
        }
        break;
      }
      case data::Type::kStruct: {
        if (IsUnionStruct(s)) {
          base = Json::array();
          if (s.optional()) base.push_back("null");
          for (const auto& f : s.fields()) {
            TRIB_ASSIGN_OR_RETURN(Json member, Convert(*NonOptional(*f.schema), true));
            base.push_back(std::move(member));
          }
        } else if (s.optional()) {
          base = Json::array();
          base.push_back("null");
          TRIB_ASSIGN_OR_RETURN(Json record, Convert(*NonOptional(s), false));
          base.push_back(std::move(record));
        } else {
          auto [ns, name] = NameOrDefault(s);
          base = Json::object();
          base["type"] = "record";
          base["name"] = name;
          base["namespace"] = ns;
          if (const std::string* doc = s.parameter(kRecordDocParam)) base["doc"] = *doc;
          Json fields = Json::array();
          for (const auto& f : s.fields()) {
            std::optional<std::string> doc;
            if (const std::string* d = s.parameter(fmt::format("{}{}", kFieldDocPrefix, f.name)))
              doc = *d;
            TRIB_RETURN_IF_ERROR(AddField(f.name, *f.schema, doc, &fields));
          }
          base["fields"] = std::move(fields);
        }
        break;
      }
    }

    Json final_schema = base;
    if (!base.is_array()) {
      if (base.is_string()) base = Json::object({{"type", base}});
      if (config_.connect_meta_data) {
        if (s.doc()) base["connect.doc"] = *s.doc();
        if (s.version()) base["connect.version"] = *s.version();
        Json params = Json::object();
        for (const auto& [k, v] : s.parameters())
          if (k != kFieldDefaultFlag) params[k] = v;
        if (!params.empty()) base["connect.parameters"] = std::move(params);
        if (HasNonNullDefault(s) && !s.parameter(kFieldDefaultFlag)) {
          TRIB_ASSIGN_OR_RETURN(base["connect.default"], DefaultToJson(s, *s.default_value()));
        }
        if (s.name()) base["connect.name"] = *s.name();
        if (!connect_type.empty()) base["connect.type"] = connect_type;
      }
      if (NameIs(s, data::names::kDecimal)) {
        base["logicalType"] = "decimal";
      } else if (NameIs(s, data::names::kTime)) {
        base["logicalType"] = "time-millis";
      } else if (NameIs(s, data::names::kTimestamp)) {
        base["logicalType"] = "timestamp-millis";
      } else if (NameIs(s, data::names::kDate)) {
        base["logicalType"] = "date";
      }
      for (const auto& [k, v] : s.parameters())
        if (k.rfind("avro", 0) == 0) base[k] = v;
      if (base.size() == 1) base = base["type"];  // a bare primitive
      final_schema = base;
      if (!ignore_optional && s.optional()) {
        final_schema = HasNonNullDefault(s) ? Json::array({base, "null"})
                                            : Json::array({"null", base});
      }
    }
    if (!s.optional()) schema_map_.emplace_back(NonOptional(s), final_schema);
    return final_schema;
  }

 private:
  static bool IsUnionStruct(const data::Schema& s) {
    return s.type() == data::Type::kStruct && s.name() && *s.name() == cn::kUnion;
  }

  std::pair<std::string, std::string> NameOrDefault(const data::Schema& s) {
    if (s.name()) return SplitName(*s.name());
    ++name_index_;
    bool numbered = config_.flavor == AvroDataConfig::Flavor::kConfluent;
    return {std::string(cn::kNamespace),
            numbered && name_index_ > 1 ? fmt::format("{}{}", cn::kDefaultName, name_index_)
                            : std::string(cn::kDefaultName)};
  }

  Status AddField(const std::string& name, const data::Schema& field_schema,
                  const std::optional<std::string>& doc, Json* fields) {
    Json f = Json::object();
    f["name"] = name;
    TRIB_ASSIGN_OR_RETURN(f["type"], Convert(field_schema, false));
    if (doc) f["doc"] = *doc;
    if (HasNonNullDefault(field_schema)) {
      TRIB_ASSIGN_OR_RETURN(Json def, DefaultToJson(field_schema, *field_schema.default_value()));
      // Avro rejects a default its type does not take; AvroData then drops it.
      bool valid = true;
      if (f["type"].is_array() && !f["type"].empty() && f["type"][0] == "null") valid = false;
      if (valid) f["default"] = std::move(def);
    } else if (field_schema.optional()) {
      f["default"] = nullptr;
    }
    fields->push_back(std::move(f));
    return Status::OK();
  }

  Result<Json> DefaultToJson(const data::Schema& s, const data::Value& v) {
    if (v.is_null()) return Json(nullptr);
    switch (s.type()) {
      case data::Type::kInt8:
      case data::Type::kInt16:
      case data::Type::kInt32:
      case data::Type::kInt64:
        if (v.kind() != data::Value::Kind::kInt) break;
        return Json(v.as_int());
      case data::Type::kFloat32:
      case data::Type::kFloat64:
        if (v.kind() != data::Value::Kind::kDouble) break;
        return Json(v.as_double());
      case data::Type::kBoolean:
        if (v.kind() != data::Value::Kind::kBool) break;
        return Json(v.as_bool());
      case data::Type::kString:
        if (v.kind() != data::Value::Kind::kString) break;
        return Json(v.as_string());
      case data::Type::kBytes:
        if (v.kind() != data::Value::Kind::kBytes) break;
        return Json(Latin1ToUtf8(v.as_bytes()));
      case data::Type::kArray: {
        if (v.kind() != data::Value::Kind::kArray) break;
        Json out = Json::array();
        for (const auto& e : v.as_array()) {
          TRIB_ASSIGN_OR_RETURN(Json j, DefaultToJson(*s.value_schema(), e));
          out.push_back(std::move(j));
        }
        return out;
      }
      case data::Type::kMap: {
        if (v.kind() != data::Value::Kind::kMap) break;
        bool string_keys = s.key_schema()->type() == data::Type::kString && !s.key_schema()->optional();
        Json out = string_keys ? Json::object() : Json::array();
        for (const auto& [k, e] : v.as_map()) {
          TRIB_ASSIGN_OR_RETURN(Json jv, DefaultToJson(*s.value_schema(), e));
          if (string_keys && k.kind() == data::Value::Kind::kString) {
            out[k.as_string()] = std::move(jv);
          } else {
            TRIB_ASSIGN_OR_RETURN(Json jk, DefaultToJson(*s.key_schema(), k));
            out.push_back(Json::array({std::move(jk), std::move(jv)}));
          }
        }
        return out;
      }
      case data::Type::kStruct: {
        if (v.kind() != data::Value::Kind::kStruct) break;
        Json out = Json::object();
        const auto& sv = v.as_struct();
        for (const auto& f : s.fields()) {
          const data::Value& fv = f.index < static_cast<int>(sv.values.size()) ? sv.values[f.index] : data::Value();
          const data::Value& eff = fv.is_null() && f.schema->default_value() ? *f.schema->default_value() : fv;
          TRIB_ASSIGN_OR_RETURN(Json j, DefaultToJson(*f.schema, eff));
          if (IsUnionStruct(s)) {
            if (!eff.is_null()) return j;
            continue;
          }
          out[f.name] = std::move(j);
        }
        return out;
      }
    }
    return Status::InvalidArgument("default value {} does not fit Connect type {}", v.DebugString(),
                                   data::TypeName(s.type()));
  }

  const AvroDataConfig& config_;
  int name_index_ = 0;
  std::vector<std::pair<data::SchemaPtr, Json>> schema_map_;
};

// Writes each named type in full once; later occurrences of an identical definition become
// references by full name, as Avro's writer does for the same schema object.
Status DedupeNamedTypes(Json* j, std::map<std::string, Json>* defined) {
  if (j->is_array()) {
    for (auto& b : *j) TRIB_RETURN_IF_ERROR(DedupeNamedTypes(&b, defined));
    return Status::OK();
  }
  if (!j->is_object()) return Status::OK();
  const std::string type = (*j)["type"].is_string() ? (*j)["type"].get<std::string>() : "";
  if (type == "record" || type == "fixed" || type == "enum") {
    std::string ns = j->value("namespace", "");
    std::string full = ns.empty() ? (*j)["name"].get<std::string>()
                                  : fmt::format("{}.{}", ns, (*j)["name"].get<std::string>());
    auto it = defined->find(full);
    if (it != defined->end()) {
      if (it->second != *j)
        return Status::InvalidArgument(
            "two different Connect schemas map to the Avro type name '{}'", full);
      *j = full;
      return Status::OK();
    }
    defined->emplace(full, *j);
    if (type == "record") {
      for (auto& f : (*j)["fields"]) TRIB_RETURN_IF_ERROR(DedupeNamedTypes(&f["type"], defined));
    }
    return Status::OK();
  }
  if (type == "array") return DedupeNamedTypes(&(*j)["items"], defined);
  if (type == "map") return DedupeNamedTypes(&(*j)["values"], defined);
  return Status::OK();
}

// ---------------------------------------------------------------- Avro -> Connect

class ToConnect {
 public:
  explicit ToConnect(const AvroDataConfig& config) : config_(config) {}

  Result<data::SchemaPtr> Convert(const Schema& a, bool force_optional, const Json* field_default,
                                  const std::optional<std::string>& doc_default) {
    if (a.is_named()) {
      if (!in_progress_.insert(&a).second)
        return Status::NotSupported("recursive Avro type '{}' has no Connect equivalent",
                                    a.full_name());
    }
    auto result = ConvertInner(a, force_optional, field_default, doc_default);
    if (a.is_named()) in_progress_.erase(&a);
    return result;
  }

 private:
  static std::string PropString(const Schema& a, std::string_view key) {
    const Json* p = a.property(key);
    return p && p->is_string() ? p->get<std::string>() : "";
  }

  Result<data::SchemaPtr> ConvertInner(const Schema& a, bool force_optional,
                                       const Json* field_default,
                                       const std::optional<std::string>& doc_default) {
    std::string connect_type = PropString(a, "connect.type");
    std::string logical = PropString(a, "logicalType");
    std::optional<data::SchemaBuilder> b;
    switch (a.type()) {
      case Type::kBoolean: b.emplace(data::SchemaBuilder::Boolean()); break;
      case Type::kBytes:
      case Type::kFixed: {
        if (EqualsIgnoreCase(logical, "decimal")) {
          const Json* scale = a.property("scale");
          b.emplace(data::SchemaBuilder::Decimal(scale && scale->is_number() ? scale->get<int>() : 0));
          if (const Json* p = a.property("precision")) {
            if (!p->is_number())
              return Status::InvalidArgument("Avro decimal 'precision' must be a JSON integer");
            int precision = p->get<int>();
            if (precision != cn::kDefaultDecimalPrecision)
              b->Parameter(std::string(cn::kDecimalPrecision), std::to_string(precision));
          }
        } else {
          b.emplace(data::SchemaBuilder::Bytes());
        }
        if (a.type() == Type::kFixed)
          b->Parameter(std::string(cn::kFixedSize), std::to_string(a.fixed_size()));
        break;
      }
      case Type::kDouble: b.emplace(data::SchemaBuilder::Float64()); break;
      case Type::kFloat: b.emplace(data::SchemaBuilder::Float32()); break;
      case Type::kInt:
        if (!logical.empty() || a.property("logicalType")) {
          if (EqualsIgnoreCase(logical, "date")) b.emplace(data::SchemaBuilder::Date());
          else if (EqualsIgnoreCase(logical, "time-millis")) b.emplace(data::SchemaBuilder::Time());
          else b.emplace(data::SchemaBuilder::Int32());
        } else if (!a.property("connect.type")) {
          b.emplace(data::SchemaBuilder::Int32());
        } else if (connect_type == "int8") {
          b.emplace(data::SchemaBuilder::Int8());
        } else if (connect_type == "int16") {
          b.emplace(data::SchemaBuilder::Int16());
        } else {
          return Status::InvalidArgument("unknown connect.type '{}' on an Avro int", connect_type);
        }
        break;
      case Type::kLong:
        if (EqualsIgnoreCase(logical, "timestamp-millis")) b.emplace(data::SchemaBuilder::Timestamp());
        else b.emplace(data::SchemaBuilder::Int64());
        break;
      case Type::kString: b.emplace(data::SchemaBuilder::String()); break;
      case Type::kArray: {
        const Schema& items = a.items();
        if (IsMapEntry(items)) {
          if (items.fields().size() != 2 || !items.field("key") || !items.field("value"))
            return Status::InvalidArgument(
                "Found map encoded as array of key-value pairs, but array elements do not match "
                "the expected format");
          // AvroData converts the entry's key and value with a fresh context.
          ToConnect fresh(config_);
          TRIB_ASSIGN_OR_RETURN(auto key, fresh.Convert(items.field("key")->schema(), false, nullptr, std::nullopt));
          TRIB_ASSIGN_OR_RETURN(auto value, fresh.Convert(items.field("value")->schema(), false, nullptr, std::nullopt));
          b.emplace(data::SchemaBuilder::Map(key, value));
        } else {
          TRIB_ASSIGN_OR_RETURN(auto element, Convert(items, false, nullptr, std::nullopt));
          b.emplace(data::SchemaBuilder::Array(element));
        }
        break;
      }
      case Type::kMap: {
        TRIB_ASSIGN_OR_RETURN(auto value, Convert(a.values(), false, nullptr, std::nullopt));
        b.emplace(data::SchemaBuilder::Map(data::StringSchema(), value));
        break;
      }
      case Type::kRecord: {
        b.emplace(data::SchemaBuilder::Struct());
        if (config_.connect_meta_data && a.doc())
          b->Parameter(std::string(kRecordDocParam), *a.doc());
        for (const auto& f : a.fields()) {
          if (config_.connect_meta_data && f.doc)
            b->Parameter(fmt::format("{}{}", kFieldDocPrefix, f.name), *f.doc);
          const Json* def = f.default_value ? &*f.default_value : nullptr;
          TRIB_ASSIGN_OR_RETURN(auto fs, Convert(f.schema(), false, def, f.doc));
          if (config_.connect_meta_data) {
            for (const auto& [k, v] : f.properties)
              if (k == "connect.parameters" && v.is_object()) fs = ApplyFieldParams(fs, v);
          }
          b->Field(f.name, fs);
        }
        break;
      }
      case Type::kEnum: {
        b.emplace(data::SchemaBuilder::String());
        if (config_.connect_meta_data) {
          if (a.doc()) b->Parameter(fmt::format("{}{}", kEnumDocPrefix, a.name()), *a.doc());
          if (a.enum_default())
            b->Parameter(fmt::format("{}{}", kEnumDefaultPrefix, a.name()), *a.enum_default());
        }
        b->Parameter(std::string(cn::kEnum), a.full_name());
        for (const auto& sym : a.symbols()) b->Parameter(fmt::format("{}.{}", cn::kEnum, sym), sym);
        break;
      }
      case Type::kUnion: {
        const auto& branches = a.branches();
        if (branches.size() == 1) return Convert(*branches[0], false, nullptr, doc_default);
        if (branches.size() == 2 && a.null_branch() >= 0) {
          const Schema& other = *branches[a.null_branch() == 0 ? 1 : 0];
          if (!(other.type() == Type::kNull && other.properties().empty()))
            return Convert(other, true, nullptr, doc_default);
        }
        b.emplace(data::SchemaBuilder::Struct());
        b->Name(std::string(cn::kUnion));
        std::vector<std::string> names;
        for (const Schema* m : branches) {
          if (m->type() == Type::kNull) {
            b->Optional();
            continue;
          }
          std::string field = m->is_named() ? m->name() : std::string(TypeName(m->type()));
          for (const auto& n : names)
            if (n == field)
              return Status::InvalidArgument(
                  "Multiple union schemas map to the Connect union field name '{}'", field);
          names.push_back(field);
          TRIB_ASSIGN_OR_RETURN(auto ms, Convert(*m, true, nullptr, std::nullopt));
          b->Field(field, ms);
        }
        break;
      }
      case Type::kNull:
        return Status::NotSupported("Standalone null schemas are not supported by this converter");
    }

    if (config_.connect_meta_data) {
      std::string doc = PropString(a, "connect.doc");
      if (!doc.empty()) b->Doc(doc);
    }
    (void)doc_default;
    data::SchemaPtr probe = b->Build();
    if (const Json* v = a.property("connect.version")) {
      if (!v->is_number_integer()) return Status::InvalidArgument("Invalid Connect version found: {}", v->dump());
      int version = v->get<int>();
      if (probe->version() && *probe->version() != version)
        return Status::InvalidArgument(
            "Mismatched versions: version already added to SchemaBuilder ({}) differs from "
            "version in source schema ({})",
            *probe->version(), version);
      b->Version(version);
    }
    if (const Json* params = a.property("connect.parameters"); params && config_.connect_meta_data) {
      if (!params->is_object())
        return Status::InvalidArgument("Expected JSON object for schema parameters but found: {}",
                                       params->dump());
      for (const auto& [k, v] : params->items()) {
        if (!v.is_string())
          return Status::InvalidArgument(
              "Expected schema parameter values to be strings but found: {}", v.dump());
        b->Parameter(k, v.get<std::string>());
      }
    }
    for (const auto& [k, v] : a.properties())
      if (k.rfind("avro", 0) == 0) b->Parameter(k, v.is_string() ? v.get<std::string>() : v.dump());

    const Json* connect_default = a.property("connect.default");
    const Json* def = field_default;
    if (!def) {
      def = connect_default;
    } else if (config_.connect_meta_data && !connect_default) {
      b->Parameter(std::string(kFieldDefaultFlag), "true");
    }

    std::string name;
    if (const Json* n = a.property("connect.name")) {
      if (!n->is_string()) return Status::InvalidArgument("Invalid schema name: {}", n->dump());
      name = n->get<std::string>();
    } else if (a.type() == Type::kRecord || a.type() == Type::kEnum) {
      name = a.full_name();
    } else if (a.type() == Type::kFixed && !probe->IsNamed(data::names::kDecimal)) {
      name = a.full_name();
    }
    std::string default_prefix = fmt::format("{}.{}", cn::kNamespace, cn::kDefaultName);
    if (!name.empty() && name.rfind(default_prefix, 0) != 0) {
      if (probe->name() && *probe->name() != name)
        return Status::InvalidArgument(
            "Mismatched names: name already added to SchemaBuilder ({}) differs from name in "
            "source schema ({})",
            *probe->name(), name);
      b->Name(name);
    }
    if (force_optional) b->Optional();
    if (def && !def->is_null()) {
      data::SchemaPtr built = b->Build();
      auto value = DefaultFromAvro(*built, a, *def);
      if (value.ok() && !value->is_null()) b->Default(std::move(*value));
    }
    return b->Build();
  }

  static bool IsMapEntry(const Schema& s) {
    if (s.type() != Type::kRecord) return false;
    if (s.name_space() == cn::kNamespace && s.name() == cn::kMapEntry) return true;
    const Json* t = s.property(kInternalType);
    return t && t->is_string() && t->get<std::string>() == cn::kMapEntry;
  }

  static data::SchemaPtr ApplyFieldParams(const data::SchemaPtr& original, const Json& params) {
    bool same = true;
    for (const auto& [k, v] : params.items()) {
      const std::string* cur = original->parameter(k);
      std::string sv = v.is_string() ? v.get<std::string>() : v.dump();
      if (!cur || *cur != sv) same = false;
    }
    if (same) return original;
    auto b = data::SchemaBuilder::From(*original);
    for (const auto& [k, v] : params.items()) b.Parameter(k, v.is_string() ? v.get<std::string>() : v.dump());
    return b.Build();
  }

  // A JSON default (Avro field default or connect.default) as a Connect value.
  Result<data::Value> DefaultFromAvro(const data::Schema& s, const Schema& a, const Json& v) {
    if (v.is_null()) return data::Value();
    switch (a.type()) {
      case Type::kInt:
      case Type::kLong:
        if (!v.is_number()) break;
        return data::Value::Int(v.get<int64_t>());
      case Type::kFloat:
      case Type::kDouble:
        if (!v.is_number()) break;
        return data::Value::Double(v.get<double>());
      case Type::kBoolean:
        if (!v.is_boolean()) break;
        return data::Value::Bool(v.get<bool>());
      case Type::kNull: return data::Value();
      case Type::kString:
      case Type::kEnum:
        if (!v.is_string()) break;
        return data::Value::String(v.get<std::string>());
      case Type::kBytes:
      case Type::kFixed:
        if (!v.is_string()) break;
        return data::Value::BytesOf(Utf8ToLatin1(v.get<std::string>()));
      case Type::kArray: {
        if (!v.is_array() || s.type() != data::Type::kArray) break;
        data::Array out;
        for (const auto& e : v) {
          TRIB_ASSIGN_OR_RETURN(auto x, DefaultFromAvro(*s.value_schema(), a.items(), e));
          out.push_back(std::move(x));
        }
        return data::Value::ArrayOf(std::move(out));
      }
      case Type::kMap: {
        if (!v.is_object() || s.type() != data::Type::kMap) break;
        data::Map out;
        for (const auto& [k, e] : v.items()) {
          TRIB_ASSIGN_OR_RETURN(auto x, DefaultFromAvro(*s.value_schema(), a.values(), e));
          out.emplace_back(data::Value::String(k), std::move(x));
        }
        return data::Value::MapOf(std::move(out));
      }
      case Type::kRecord: {
        if (!v.is_object() || s.type() != data::Type::kStruct) break;
        // The struct value refers to the schema without its own default.
        data::Value out = data::Value::EmptyStruct(data::SchemaBuilder::From(s).Build());
        for (const auto& af : a.fields()) {
          const data::Field* cf = s.field(af.name);
          if (!cf) continue;
          auto it = v.find(af.name);
          if (it == v.end()) continue;
          TRIB_ASSIGN_OR_RETURN(auto x, DefaultFromAvro(*cf->schema, af.schema(), *it));
          out.set(af.name, std::move(x));
        }
        return out;
      }
      case Type::kUnion: {
        if (a.branches().empty()) break;
        const Schema& first = a.branch(0);
        if (first.type() == Type::kNull) return data::Value();
        std::string field = first.is_named() ? first.name() : std::string(TypeName(first.type()));
        const data::Field* cf = s.field(field);
        if (!cf) return DefaultFromAvro(s, first, v);
        return DefaultFromAvro(*cf->schema, first, v);
      }
    }
    return Status::InvalidArgument("invalid default {} for Avro {}", v.dump(), TypeName(a.type()));
  }

  const AvroDataConfig& config_;
  std::unordered_set<const Schema*> in_progress_;
};

}  // namespace

Result<SchemaPtr> ConnectToAvroSchema(const data::Schema& schema, const AvroDataConfig& config) {
  FromConnect builder(config);
  TRIB_ASSIGN_OR_RETURN(Json json, builder.Convert(schema, false));
  std::map<std::string, Json> defined;
  TRIB_RETURN_IF_ERROR(DedupeNamedTypes(&json, &defined));
  auto parsed = ParseSchemaJson(json);
  if (!parsed.ok())
    return Status::InvalidArgument("Connect schema {} has no valid Avro form: {}",
                                   schema.DebugString(), parsed.status().message());
  return parsed;
}

Result<data::SchemaPtr> AvroToConnectSchema(const Schema& schema, const AvroDataConfig& config) {
  return ToConnect(config).Convert(schema, false, nullptr, std::nullopt);
}

}  // namespace tributary::avro
