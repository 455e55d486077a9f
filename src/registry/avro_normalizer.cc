#include "registry/avro_normalizer.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace tributary::registry {
namespace {

using avro::Json;
using avro::Schema;
using avro::Type;

// JSON text with object keys sorted at every depth.
std::string SortedJson(const Json& value) { return nlohmann::json::parse(value.dump()).dump(); }

std::string Quoted(const std::string& text) { return Json(text).dump(); }

std::string SortedAliases(std::vector<std::string> aliases) {
  std::sort(aliases.begin(), aliases.end());
  aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
  return Json(aliases).dump();
}

class Normalizer {
 public:
  explicit Normalizer(std::set<std::string> seen) : seen_(std::move(seen)) {}

  void Write(const Schema& s) {
    switch (s.type()) {
      case Type::kUnion: {
        out_ += '[';
        for (size_t i = 0; i < s.branches().size(); ++i) {
          if (i > 0) out_ += ',';
          Write(s.branch(i));
        }
        out_ += ']';
        return;
      }
      case Type::kArray:
      case Type::kMap:
        out_ += "{\"type\":" + Quoted(std::string(avro::TypeName(s.type())));
        out_ += s.type() == Type::kArray ? ",\"items\":" : ",\"values\":";
        Write(s.type() == Type::kArray ? s.items() : s.values());
        Properties(s.properties(), {});
        out_ += '}';
        return;
      case Type::kRecord:
      case Type::kEnum:
      case Type::kFixed:
        WriteNamed(s);
        return;
      default:
        WritePrimitive(s);
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  void WriteNamed(const Schema& s) {
    if (!seen_.insert(s.full_name()).second) {
      out_ += Quoted(s.full_name());
      return;
    }
    out_ += "{\"name\":" + Quoted(s.full_name()) + ",\"type\":" +
            Quoted(std::string(avro::TypeName(s.type())));
    std::set<std::string> logical;
    if (s.type() == Type::kEnum) {
      out_ += ",\"symbols\":" + Json(s.symbols()).dump();
    } else if (s.type() == Type::kFixed) {
      out_ += ",\"size\":" + std::to_string(s.fixed_size());
      logical = LogicalType(s);
    } else {
      out_ += ",\"fields\":[";
      for (size_t i = 0; i < s.fields().size(); ++i) {
        const avro::Field& f = s.fields()[i];
        if (i > 0) out_ += ',';
        out_ += "{\"name\":" + Quoted(f.name) + ",\"type\":";
        Write(f.schema());
        if (f.order == avro::SortOrder::kDescending) out_ += ",\"order\":\"descending\"";
        if (f.order == avro::SortOrder::kIgnore) out_ += ",\"order\":\"ignore\"";
        if (f.doc) out_ += ",\"doc\":" + Quoted(*f.doc);
        if (!f.aliases.empty()) out_ += ",\"aliases\":" + SortedAliases(f.aliases);
        if (f.default_value) out_ += ",\"default\":" + SortedJson(*f.default_value);
        Properties(f.properties, {});
        out_ += '}';
      }
      out_ += ']';
    }
    if (s.doc() && !s.doc()->empty()) out_ += ",\"doc\":" + Quoted(*s.doc());
    if (!s.aliases().empty()) out_ += ",\"aliases\":" + SortedAliases(s.aliases());
    if (s.type() == Type::kEnum && s.enum_default())
      out_ += ",\"default\":" + Quoted(*s.enum_default());
    Properties(s.properties(), logical);
    out_ += '}';
  }

  void WritePrimitive(const Schema& s) {
    std::string type = Quoted(std::string(avro::TypeName(s.type())));
    if (s.properties().empty()) {
      out_ += type;
      return;
    }
    out_ += "{\"type\":" + type;
    std::set<std::string> logical = LogicalType(s);
    Properties(s.properties(), logical);
    out_ += '}';
  }

  // Writes a valid logical type's attributes; returns their keys (not to be written again).
  std::set<std::string> LogicalType(const Schema& s) {
    if (s.logical_type() == avro::LogicalType::kNone) return {};
    out_ += ",\"logicalType\":" + Quoted(std::string(avro::LogicalTypeName(s.logical_type())));
    if (s.logical_type() != avro::LogicalType::kDecimal) return {"logicalType"};
    out_ += ",\"precision\":" + std::to_string(s.precision());
    if (s.scale() != 0) out_ += ",\"scale\":" + std::to_string(s.scale());
    return {"logicalType", "precision", "scale"};
  }

  void Properties(const avro::Properties& properties, const std::set<std::string>& skip) {
    std::map<std::string, const Json*> sorted;
    for (const auto& [key, value] : properties)
      if (!skip.contains(key)) sorted.emplace(key, &value);
    for (const auto& [key, value] : sorted) out_ += "," + Quoted(key) + ":" + SortedJson(*value);
  }

  std::set<std::string> seen_;
  std::string out_;
};

void CollectNames(const Schema& s, std::set<std::string>* names) {
  if (s.is_named() && !names->insert(s.full_name()).second) return;
  switch (s.type()) {
    case Type::kRecord:
      for (const auto& f : s.fields()) CollectNames(f.schema(), names);
      break;
    case Type::kArray:
      CollectNames(s.items(), names);
      break;
    case Type::kMap:
      CollectNames(s.values(), names);
      break;
    case Type::kUnion:
      for (const Schema* b : s.branches()) CollectNames(*b, names);
      break;
    default:
      break;
  }
}

}  // namespace

std::string NormalizedAvroSchema(const avro::Schema& schema,
                                 const std::vector<avro::SchemaPtr>& references) {
  std::set<std::string> referenced;
  for (const auto& ref : references) CollectNames(*ref, &referenced);
  Normalizer normalizer(std::move(referenced));
  normalizer.Write(schema);
  return normalizer.Take();
}

}  // namespace tributary::registry
