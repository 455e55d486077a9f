#include "avro/datum.h"

#include <cmath>
#include <limits>

#include "avro/schema_parser.h"

namespace tributary::avro {

namespace {

// Bytes from a string of code points 0-255 (the JSON form of bytes and fixed).
std::string CodePointsToBytes(const std::string& utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (i + 1 < utf8.size()) {  // validated: two-byte sequences for 0x80-0xFF
      out.push_back(static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F)));
    }
  }
  return out;
}

std::string BytesToCodePoints(const std::string& bytes) {
  std::string out;
  out.reserve(bytes.size());
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

double JsonToDouble(const Json& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    return s == "-Infinity" ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
  }
  return v.get<double>();
}

Json DoubleToJson(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  return d;
}

Datum FromValidJson(const Schema& schema, const Json& v) {
  switch (schema.type()) {
    case Type::kNull: return Datum::Null();
    case Type::kBoolean: return Datum::Boolean(v.get<bool>());
    case Type::kInt: return Datum::Int(static_cast<int32_t>(v.get<int64_t>()));
    case Type::kLong: return Datum::Long(v.get<int64_t>());
    case Type::kFloat: return Datum::Float(static_cast<float>(JsonToDouble(v)));
    case Type::kDouble: return Datum::Double(JsonToDouble(v));
    case Type::kString: return Datum::String(v.get<std::string>());
    case Type::kBytes: return Datum::Bytes(CodePointsToBytes(v.get<std::string>()));
    case Type::kFixed: return Datum::Fixed(CodePointsToBytes(v.get<std::string>()));
    case Type::kEnum: return Datum::Enum(schema.symbol_index(v.get<std::string>()));
    case Type::kArray: {
      Datum::List items;
      items.reserve(v.size());
      for (const auto& e : v) items.push_back(FromValidJson(schema.items(), e));
      return Datum::Array(std::move(items));
    }
    case Type::kMap: {
      Datum::MapEntries entries;
      for (const auto& [k, e] : v.items()) entries.emplace_back(k, FromValidJson(schema.values(), e));
      return Datum::Map(std::move(entries));
    }
    case Type::kRecord: {
      Datum::List fields;
      fields.reserve(schema.fields().size());
      for (const auto& f : schema.fields()) {
        auto it = v.find(f.name);
        fields.push_back(FromValidJson(f.schema(), it != v.end() ? *it : *f.default_value));
      }
      return Datum::Record(std::move(fields));
    }
    case Type::kUnion:
      for (size_t i = 0; i < schema.branches().size(); ++i) {
        if (ValidateDefault(schema.branch(i), v).ok())
          return FromValidJson(schema.branch(i), v).set_branch(static_cast<int>(i));
      }
      return Datum::Null();
  }
  return Datum::Null();
}

}  // namespace

Result<Datum> DatumFromDefaultJson(const Schema& schema, const Json& value) {
  TRIB_RETURN_IF_ERROR(ValidateDefault(schema, value));
  return FromValidJson(schema, value);
}

Json DatumToPlainJson(const Schema& schema, const Datum& d) {
  const Schema* s = &schema;
  if (s->type() == Type::kUnion) {
    if (d.branch() < 0 || static_cast<size_t>(d.branch()) >= s->branches().size()) return nullptr;
    s = &s->branch(d.branch());
  }
  switch (d.type()) {
    case Type::kNull: return nullptr;
    case Type::kBoolean: return d.as_bool();
    case Type::kInt: return d.as_int();
    case Type::kLong: return d.as_long();
    case Type::kFloat: return DoubleToJson(d.as_float());
    case Type::kDouble: return DoubleToJson(d.as_double());
    case Type::kString: return d.as_bytes();
    case Type::kBytes:
    case Type::kFixed: return BytesToCodePoints(d.as_bytes());
    case Type::kEnum:
      if (s->type() == Type::kEnum && d.enum_index() >= 0 &&
          static_cast<size_t>(d.enum_index()) < s->symbols().size())
        return s->symbols()[d.enum_index()];
      return d.enum_index();
    case Type::kArray: {
      Json out = Json::array();
      for (const auto& e : d.items())
        out.push_back(s->type() == Type::kArray ? DatumToPlainJson(s->items(), e) : Json());
      return out;
    }
    case Type::kMap: {
      Json out = Json::object();
      for (const auto& [k, e] : d.entries())
        out[k] = s->type() == Type::kMap ? DatumToPlainJson(s->values(), e) : Json();
      return out;
    }
    case Type::kRecord: {
      Json out = Json::object();
      for (size_t i = 0; i < d.items().size(); ++i) {
        if (s->type() == Type::kRecord && i < s->fields().size())
          out[s->fields()[i].name] = DatumToPlainJson(s->fields()[i].schema(), d.items()[i]);
      }
      return out;
    }
    case Type::kUnion: return nullptr;
  }
  return nullptr;
}

}  // namespace tributary::avro
