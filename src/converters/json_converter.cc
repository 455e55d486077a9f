#include "converters/json_converter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "converters/decimal_text.h"
#include "converters/json_text.h"

namespace tributary::converters {

using data::Schema;
using data::SchemaBuilder;
using data::SchemaPtr;
using data::Type;
using data::Value;

namespace {

std::string Child(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::string Describe(const std::string& path) {
  return path.empty() ? "the top-level value" : fmt::format("field '{}'", path);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void AppendInt(std::string* out, int64_t v) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), v);
  out->append(digits, end);
}

// Writes `"name":` (after a comma unless `first`) in one step for the usual plain name.
void AppendFieldKey(std::string* out, std::string_view name, bool first) {
  if (!IsPlainJsonText(name)) {
    if (!first) out->push_back(',');
    AppendJsonString(out, name);
    out->push_back(':');
    return;
  }
  size_t at = out->size();
  size_t comma = first ? 0 : 1;
  out->resize(at + comma + name.size() + 3);
  char* p = out->data() + at;
  if (!first) *p++ = ',';
  *p++ = '"';
  std::memcpy(p, name.data(), name.size());
  p += name.size();
  p[0] = '"';
  p[1] = ':';
}

bool IsDecimal(const Schema& schema) { return schema.IsNamed(data::names::kDecimal); }

int32_t DecimalScale(const Schema& schema) {
  const std::string* scale = schema.parameter(data::names::kDecimalScaleParam);
  return scale ? std::atoi(scale->c_str()) : 0;
}

// JsonSchema's type names: Connect's, except "float" and "double" for float32/float64.
std::string_view JsonTypeName(Type type) {
  if (type == Type::kFloat32) return "float";
  if (type == Type::kFloat64) return "double";
  return data::TypeName(type);
}

Result<Type> TypeFromName(std::string_view name) {
  static constexpr Type kAll[] = {Type::kInt8,    Type::kInt16,   Type::kInt32, Type::kInt64,
                                  Type::kFloat32, Type::kFloat64, Type::kBoolean,
                                  Type::kString,  Type::kBytes,   Type::kArray, Type::kMap,
                                  Type::kStruct};
  for (Type t : kAll)
    if (JsonTypeName(t) == name) return t;
  return Status::InvalidArgument("unknown schema type '{}'", name);
}

}  // namespace

Status JsonConverter::Configure(const connect::Config& config, bool /*is_key*/) {
  TRIB_ASSIGN_OR_RETURN(schemas_enabled_, config.GetBool("schemas.enable", true));
  TRIB_ASSIGN_OR_RETURN(replace_null_with_default_,
                        config.GetBool("replace.null.with.default", true));
  TRIB_ASSIGN_OR_RETURN(int64_t cache_size, config.GetInt("schemas.cache.size", 1000));
  if (cache_size < 0)
    return Status::InvalidArgument("schemas.cache.size must be >= 0, got {}", cache_size);
  cache_size_ = static_cast<size_t>(cache_size);
  std::string format = Lower(config.GetString("decimal.format", "BASE64"));
  if (format == "base64") {
    decimal_format_ = DecimalFormat::kBase64;
  } else if (format == "numeric") {
    decimal_format_ = DecimalFormat::kNumeric;
  } else {
    return Status::InvalidArgument(
        "invalid value '{}' for configuration decimal.format: allowed values are BASE64, NUMERIC",
        config.GetString("decimal.format"));
  }
  if (auto type = config.Get("converter.type"); type && *type != "key" && *type != "value" &&
                                                 *type != "header")
    return Status::InvalidArgument(
        "invalid value '{}' for configuration converter.type: allowed values are key, value, header",
        *type);
  to_json_cache_.clear();
  from_json_cache_.clear();
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// Connect -> JSON

void JsonConverter::AppendSchema(std::string* out, const Schema& schema) const {
  out->append("{\"type\":\"");
  out->append(JsonTypeName(schema.type()));
  out->push_back('"');
  switch (schema.type()) {
    case Type::kStruct:
      out->append(",\"fields\":[");
      for (size_t i = 0; i < schema.fields().size(); ++i) {
        const auto& field = schema.fields()[i];
        if (i) out->push_back(',');
        AppendSchema(out, *field.schema);
        out->pop_back();  // reopen the field's schema object to add its name
        out->append(",\"field\":");
        AppendJsonString(out, field.name);
        out->push_back('}');
      }
      out->push_back(']');
      break;
    case Type::kArray:
      out->append(",\"items\":");
      AppendSchema(out, *schema.value_schema());
      break;
    case Type::kMap:
      out->append(",\"keys\":");
      AppendSchema(out, *schema.key_schema());
      out->append(",\"values\":");
      AppendSchema(out, *schema.value_schema());
      break;
    default: break;
  }
  out->append(schema.optional() ? ",\"optional\":true" : ",\"optional\":false");
  if (schema.name()) {
    out->append(",\"name\":");
    AppendJsonString(out, *schema.name());
  }
  if (schema.version()) out->append(fmt::format(",\"version\":{}", *schema.version()));
  if (schema.doc()) {
    out->append(",\"doc\":");
    AppendJsonString(out, *schema.doc());
  }
  if (!schema.parameters().empty()) {
    out->append(",\"parameters\":{");
    bool first = true;
    for (const auto& [k, v] : schema.parameters()) {
      if (!first) out->push_back(',');
      first = false;
      AppendJsonString(out, k);
      out->push_back(':');
      AppendJsonString(out, v);
    }
    out->push_back('}');
  }
  if (schema.default_value() && !schema.default_value()->is_null()) {
    out->append(",\"default\":");
    // A default that does not fit its schema was rejected when the schema was built.
    (void)AppendValue(out, &schema, *schema.default_value(), Path{});
  }
  out->push_back('}');
}

std::string JsonConverter::Path::ToString() const {
  if (parent == nullptr) return std::string(name);
  std::string prefix = parent->ToString();
  if (element) return fmt::format("{}[{}]", prefix, index);
  return Child(prefix, name);
}

Status JsonConverter::AppendValue(std::string* out, const Schema* schema, const Value& value,
                                  const Path& path) const {
  if (value.is_null()) {
    if (schema == nullptr || schema->optional()) {
      if (schema && schema->default_value() && replace_null_with_default_ &&
          !schema->default_value()->is_null())
        return AppendValue(out, schema, *schema->default_value(), path);
      out->append("null");
      return Status::OK();
    }
    if (schema->default_value() && replace_null_with_default_)
      return AppendValue(out, schema, *schema->default_value(), path);
    return Status::InvalidArgument(
        "conversion error: null value for {}, which is required and has no default value",
        Describe(path.ToString()));
  }
  auto mismatch = [&]() {
    return Status::InvalidArgument("{} has schema type {} but holds {}", Describe(path.ToString()),
                                   data::TypeName(schema->type()), value.DebugString());
  };
  if (schema == nullptr) {
    switch (value.kind()) {
      case Value::Kind::kBool: out->append(value.as_bool() ? "true" : "false"); break;
      case Value::Kind::kInt: AppendInt(out, value.as_int()); break;
      case Value::Kind::kDouble: AppendJavaDouble(out, value.as_double()); break;
      case Value::Kind::kString: AppendJsonString(out, value.as_string()); break;
      case Value::Kind::kBytes:
        out->push_back('"');
        AppendBase64(out, value.as_bytes());
        out->push_back('"');
        break;
      case Value::Kind::kStruct:
        return AppendValue(out, value.as_struct().schema.get(), value, path);
      case Value::Kind::kArray: {
        out->push_back('[');
        const auto& items = value.as_array();
        for (size_t i = 0; i < items.size(); ++i) {
          if (i) out->push_back(',');
          TRIB_RETURN_IF_ERROR(AppendValue(out, nullptr, items[i], Path{&path, {}, i, true}));
        }
        out->push_back(']');
        break;
      }
      case Value::Kind::kMap: {
        const auto& entries = value.as_map();
        bool object_mode = std::all_of(entries.begin(), entries.end(), [](const auto& e) {
          return e.first.kind() == Value::Kind::kString;
        });
        out->push_back(object_mode ? '{' : '[');
        for (size_t i = 0; i < entries.size(); ++i) {
          if (i) out->push_back(',');
          const auto& [k, v] = entries[i];
          if (object_mode) {
            AppendJsonString(out, k.as_string());
            out->push_back(':');
            TRIB_RETURN_IF_ERROR(AppendValue(out, nullptr, v, Path{&path, k.as_string()}));
          } else {
            out->push_back('[');
            TRIB_RETURN_IF_ERROR(AppendValue(out, nullptr, k, path));
            out->push_back(',');
            TRIB_RETURN_IF_ERROR(AppendValue(out, nullptr, v, path));
            out->push_back(']');
          }
        }
        out->push_back(object_mode ? '}' : ']');
        break;
      }
      case Value::Kind::kNull: break;
    }
    return Status::OK();
  }

  switch (schema->type()) {
    case Type::kInt8:
    case Type::kInt16:
    case Type::kInt32:
    case Type::kInt64:
      if (value.kind() != Value::Kind::kInt) return mismatch();
      AppendInt(out, value.as_int());
      return Status::OK();
    case Type::kFloat32:
      if (value.kind() != Value::Kind::kDouble) return mismatch();
      AppendJavaFloat(out, static_cast<float>(value.as_double()));
      return Status::OK();
    case Type::kFloat64:
      if (value.kind() != Value::Kind::kDouble) return mismatch();
      AppendJavaDouble(out, value.as_double());
      return Status::OK();
    case Type::kBoolean:
      if (value.kind() != Value::Kind::kBool) return mismatch();
      out->append(value.as_bool() ? "true" : "false");
      return Status::OK();
    case Type::kString:
      if (value.kind() != Value::Kind::kString) return mismatch();
      AppendJsonString(out, value.as_string());
      return Status::OK();
    case Type::kBytes:
      if (value.kind() != Value::Kind::kBytes) return mismatch();
      if (IsDecimal(*schema) && decimal_format_ == DecimalFormat::kNumeric) {
        out->append(DecimalToString(value.as_bytes(), DecimalScale(*schema)));
      } else {
        out->push_back('"');
        AppendBase64(out, value.as_bytes());
        out->push_back('"');
      }
      return Status::OK();
    case Type::kArray: {
      if (value.kind() != Value::Kind::kArray) return mismatch();
      out->push_back('[');
      const auto& items = value.as_array();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out->push_back(',');
        TRIB_RETURN_IF_ERROR(
            AppendValue(out, schema->value_schema().get(), items[i], Path{&path, {}, i, true}));
      }
      out->push_back(']');
      return Status::OK();
    }
    case Type::kMap: {
      if (value.kind() != Value::Kind::kMap) return mismatch();
      bool object_mode = schema->key_schema()->type() == Type::kString;
      const auto& entries = value.as_map();
      out->push_back(object_mode ? '{' : '[');
      for (size_t i = 0; i < entries.size(); ++i) {
        if (i) out->push_back(',');
        const auto& [k, v] = entries[i];
        if (object_mode) {
          if (k.kind() != Value::Kind::kString)
            return Status::InvalidArgument("{} has a map key that is not a string: {}",
                                           Describe(path.ToString()), k.DebugString());
          AppendJsonString(out, k.as_string());
          out->push_back(':');
          TRIB_RETURN_IF_ERROR(
              AppendValue(out, schema->value_schema().get(), v, Path{&path, k.as_string()}));
        } else {
          out->push_back('[');
          TRIB_RETURN_IF_ERROR(AppendValue(out, schema->key_schema().get(), k, path));
          out->push_back(',');
          TRIB_RETURN_IF_ERROR(AppendValue(out, schema->value_schema().get(), v, path));
          out->push_back(']');
        }
      }
      out->push_back(object_mode ? '}' : ']');
      return Status::OK();
    }
    case Type::kStruct: {
      if (value.kind() != Value::Kind::kStruct) return mismatch();
      const auto& s = value.as_struct();
      bool same_layout = s.schema.get() == schema;
      out->push_back('{');
      for (size_t i = 0; i < schema->fields().size(); ++i) {
        const auto& field = schema->fields()[i];
        AppendFieldKey(out, field.name, i == 0);
        const Value* fv = nullptr;
        if (same_layout) {
          if (static_cast<size_t>(field.index) < s.values.size()) fv = &s.values[field.index];
        } else {
          fv = value.field(field.name);
        }
        static const Value kNull;
        TRIB_RETURN_IF_ERROR(
            AppendValue(out, field.schema.get(), fv ? *fv : kNull, Path{&path, field.name}));
      }
      out->push_back('}');
      return Status::OK();
    }
  }
  return Status::OK();
}

Status JsonConverter::FromConnectData(const std::string& topic, const SchemaPtr& schema,
                                      const Value& value, std::string* out) {
  out->clear();
  if (schema == nullptr && value.is_null()) return Status::OK();
  Status status;
  if (schemas_enabled_) {
    out->append("{\"schema\":");
    if (schema == nullptr) {
      out->append("null");
    } else {
      auto it = to_json_cache_.find(schema.get());
      if (it == to_json_cache_.end()) {
        if (to_json_cache_.size() >= cache_size_) to_json_cache_.clear();
        std::string text;
        AppendSchema(&text, *schema);
        out->append(text);
        if (cache_size_ > 0) to_json_cache_.emplace(schema.get(), std::make_pair(schema, std::move(text)));
      } else {
        out->append(it->second.second);
      }
    }
    out->append(",\"payload\":");
    status = AppendValue(out, schema.get(), value, Path{});
    out->push_back('}');
  } else {
    status = AppendValue(out, schema.get(), value, Path{});
  }
  if (!status.ok())
    return status.Annotate(fmt::format("JsonConverter cannot convert the record of topic '{}'", topic));
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// JSON -> Connect

Result<SchemaPtr> JsonConverter::ParseSchema(const JsonNode& node, const std::string& path) const {
  auto where = [&] { return path.empty() ? std::string("the schema") : "the schema of '" + path + "'"; };
  if (!node.is_object()) return Status::InvalidArgument("{} is not a JSON object", where());
  const JsonNode* type_node = node.Find("type");
  if (type_node == nullptr || !type_node->is_string())
    return Status::InvalidArgument("{} has no \"type\" string", where());
  TRIB_ASSIGN_OR_RETURN(Type type, TypeFromName(type_node->text()));
  SchemaBuilder builder(type);
  switch (type) {
    case Type::kStruct: {
      const JsonNode* fields = node.Find("fields");
      if (fields == nullptr || !fields->is_array())
        return Status::InvalidArgument("{} is a struct without a \"fields\" array", where());
      for (const auto& f : fields->items()) {
        const JsonNode* name = f.Find("field");
        if (name == nullptr || !name->is_string())
          return Status::InvalidArgument("{} has a field without a \"field\" name", where());
        TRIB_ASSIGN_OR_RETURN(SchemaPtr fs, ParseSchema(f, Child(path, name->text())));
        builder.Field(name->text(), std::move(fs));
      }
      break;
    }
    case Type::kArray: {
      const JsonNode* items = node.Find("items");
      if (items == nullptr)
        return Status::InvalidArgument("{} is an array without \"items\"", where());
      TRIB_ASSIGN_OR_RETURN(SchemaPtr is, ParseSchema(*items, path + "[]"));
      builder = SchemaBuilder::Array(std::move(is));
      break;
    }
    case Type::kMap: {
      const JsonNode* keys = node.Find("keys");
      const JsonNode* values = node.Find("values");
      if (keys == nullptr || values == nullptr)
        return Status::InvalidArgument("{} is a map without \"keys\" and \"values\"", where());
      TRIB_ASSIGN_OR_RETURN(SchemaPtr ks, ParseSchema(*keys, path + "<key>"));
      TRIB_ASSIGN_OR_RETURN(SchemaPtr vs, ParseSchema(*values, path + "<value>"));
      builder = SchemaBuilder::Map(std::move(ks), std::move(vs));
      break;
    }
    default: break;
  }
  const JsonNode* optional = node.Find("optional");
  builder.Optional(optional && optional->kind() == JsonNode::Kind::kBool && optional->bool_value());
  if (const JsonNode* name = node.Find("name"); name && name->is_string()) builder.Name(name->text());
  if (const JsonNode* version = node.Find("version"); version && version->is_integral())
    builder.Version(std::atoi(version->text().c_str()));
  if (const JsonNode* doc = node.Find("doc"); doc && doc->is_string()) builder.Doc(doc->text());
  if (const JsonNode* params = node.Find("parameters")) {
    if (!params->is_object())
      return Status::InvalidArgument("{} has \"parameters\" that are not an object", where());
    for (const auto& [k, v] : params->members()) {
      if (!v.is_string())
        return Status::InvalidArgument("{} has parameter '{}' that is not a string", where(), k);
      builder.Parameter(k, v.text());
    }
  }
  if (const JsonNode* def = node.Find("default"); def && !def->is_null()) {
    SchemaPtr without_default = builder.Build();
    TRIB_ASSIGN_OR_RETURN(Value dv, ParseValue(without_default, def, path));
    builder.Default(std::move(dv));
  }
  return builder.Build();
}

Result<Value> JsonConverter::ParseValue(const SchemaPtr& schema, const JsonNode* node,
                                        const std::string& path) const {
  if (node == nullptr || node->is_null()) {
    if (schema == nullptr) return Value();
    if (schema->default_value()) return *schema->default_value();
    if (schema->optional()) return Value();
    return Status::InvalidArgument("invalid null value for required {} {}",
                                   data::TypeName(schema->type()), Describe(path));
  }
  auto mismatch = [&](std::string_view expected) {
    return Status::InvalidArgument("{} should be a JSON {} but is a {}", Describe(path), expected,
                                   node->KindName());
  };
  if (schema == nullptr) {
    switch (node->kind()) {
      case JsonNode::Kind::kBool: return Value::Bool(node->bool_value());
      case JsonNode::Kind::kNumber:
        if (node->is_integral()) {
          int64_t v = 0;
          auto r = std::from_chars(node->text().data(), node->text().data() + node->text().size(), v);
          if (r.ec == std::errc()) return Value::Int(v);
        }
        return Value::Double(std::strtod(node->text().c_str(), nullptr));
      case JsonNode::Kind::kString: return Value::String(node->text());
      case JsonNode::Kind::kArray: {
        data::Array items;
        items.reserve(node->items().size());
        for (size_t i = 0; i < node->items().size(); ++i) {
          TRIB_ASSIGN_OR_RETURN(Value v, ParseValue(nullptr, &node->items()[i],
                                                    fmt::format("{}[{}]", path, i)));
          items.push_back(std::move(v));
        }
        return Value::ArrayOf(std::move(items));
      }
      case JsonNode::Kind::kObject: {
        data::Map entries;
        entries.reserve(node->members().size());
        for (const auto& [k, m] : node->members()) {
          TRIB_ASSIGN_OR_RETURN(Value v, ParseValue(nullptr, &m, Child(path, k)));
          entries.emplace_back(Value::String(k), std::move(v));
        }
        return Value::MapOf(std::move(entries));
      }
      case JsonNode::Kind::kNull: return Value();
    }
    return Value();
  }

  switch (schema->type()) {
    case Type::kInt8:
    case Type::kInt16:
    case Type::kInt32:
    case Type::kInt64: {
      if (!node->is_number()) return mismatch("number");
      int64_t v = 0;
      const std::string& t = node->text();
      auto r = std::from_chars(t.data(), t.data() + t.size(), v);
      if (r.ec != std::errc() || r.ptr != t.data() + t.size()) {
        if (node->is_integral())
          return Status::InvalidArgument("{} value {} is out of range for {}", Describe(path), t,
                                         data::TypeName(schema->type()));
        v = static_cast<int64_t>(std::strtod(t.c_str(), nullptr));  // Jackson's intValue truncates
      }
      return Value::Int(v);
    }
    case Type::kFloat32:
      if (!node->is_number()) return mismatch("number");
      return Value::Double(static_cast<double>(std::strtof(node->text().c_str(), nullptr)));
    case Type::kFloat64:
      if (!node->is_number()) return mismatch("number");
      return Value::Double(std::strtod(node->text().c_str(), nullptr));
    case Type::kBoolean:
      if (node->kind() != JsonNode::Kind::kBool) return mismatch("boolean");
      return Value::Bool(node->bool_value());
    case Type::kString:
      if (!node->is_string()) return mismatch("string");
      return Value::String(node->text());
    case Type::kBytes: {
      if (IsDecimal(*schema) && node->is_number()) {
        auto bytes = DecimalFromString(node->text(), DecimalScale(*schema));
        if (!bytes.ok()) return bytes.status().Annotate(Describe(path));
        return Value::BytesOf(std::move(bytes).value());
      }
      if (!node->is_string()) return mismatch("base64 string");
      std::string bytes;
      if (!DecodeBase64(node->text(), &bytes))
        return Status::InvalidArgument("{} is not valid base64", Describe(path));
      return Value::BytesOf(std::move(bytes));
    }
    case Type::kArray: {
      if (!node->is_array()) return mismatch("array");
      data::Array items;
      items.reserve(node->items().size());
      for (size_t i = 0; i < node->items().size(); ++i) {
        TRIB_ASSIGN_OR_RETURN(Value v, ParseValue(schema->value_schema(), &node->items()[i],
                                                  fmt::format("{}[{}]", path, i)));
        items.push_back(std::move(v));
      }
      return Value::ArrayOf(std::move(items));
    }
    case Type::kMap: {
      data::Map entries;
      if (schema->key_schema()->type() == Type::kString && node->is_object()) {
        for (const auto& [k, m] : node->members()) {
          TRIB_ASSIGN_OR_RETURN(Value v, ParseValue(schema->value_schema(), &m, Child(path, k)));
          entries.emplace_back(Value::String(k), std::move(v));
        }
        return Value::MapOf(std::move(entries));
      }
      if (!node->is_array()) return mismatch("array of [key, value] pairs");
      for (const auto& pair : node->items()) {
        if (!pair.is_array() || pair.items().size() != 2)
          return Status::InvalidArgument("{} has a map entry that is not a [key, value] pair",
                                         Describe(path));
        TRIB_ASSIGN_OR_RETURN(Value k, ParseValue(schema->key_schema(), &pair.items()[0], path));
        TRIB_ASSIGN_OR_RETURN(Value v, ParseValue(schema->value_schema(), &pair.items()[1], path));
        entries.emplace_back(std::move(k), std::move(v));
      }
      return Value::MapOf(std::move(entries));
    }
    case Type::kStruct: {
      if (!node->is_object()) return mismatch("object");
      data::StructValue s;
      s.values.reserve(schema->fields().size());
      for (const auto& field : schema->fields()) {
        TRIB_ASSIGN_OR_RETURN(Value v, ParseValue(field.schema, node->Find(field.name),
                                                  Child(path, field.name)));
        s.values.push_back(std::move(v));
      }
      s.schema = schema;
      return Value::Struct(std::move(s));
    }
  }
  return Value();
}

Status JsonConverter::ToConnectData(const std::string& topic, std::string_view bytes,
                                    bool is_null, SchemaPtr* schema, Value* value) {
  *schema = nullptr;
  *value = Value();
  if (is_null) return Status::OK();
  auto annotate = [&](const Status& s) {
    return s.Annotate(fmt::format(
        "converting bytes to Kafka Connect data failed for topic '{}'", topic));
  };
  auto parsed = JsonNode::Parse(bytes);
  if (!parsed.ok()) return annotate(parsed.status());
  const JsonNode& root = *parsed;
  const JsonNode* schema_node = nullptr;
  const JsonNode* payload = &root;
  if (schemas_enabled_) {
    if (!root.is_object() || root.members().size() != 2 || !root.Find("schema") ||
        !root.Find("payload"))
      return annotate(Status::InvalidArgument(
          "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may "
          "not contain additional fields. If you are trying to deserialize plain JSON data, set "
          "schemas.enable=false in your converter configuration."));
    schema_node = root.Find("schema");
    payload = root.Find("payload");
  }
  if (schema_node == nullptr || schema_node->is_null()) {
    auto v = ParseValue(nullptr, payload, "");
    if (!v.ok()) return annotate(v.status());
    *value = std::move(v).value();
    return Status::OK();
  }
  std::string key = schema_node->Dump();
  auto it = from_json_cache_.find(key);
  if (it == from_json_cache_.end()) {
    auto parsed_schema = ParseSchema(*schema_node, "");
    if (!parsed_schema.ok()) return annotate(parsed_schema.status());
    if (from_json_cache_.size() >= cache_size_) from_json_cache_.clear();
    it = from_json_cache_.emplace(std::move(key), std::move(parsed_schema).value()).first;
  }
  auto v = ParseValue(it->second, payload, "");
  if (!v.ok()) return annotate(v.status());
  *value = std::move(v).value();
  *schema = it->second;
  return Status::OK();
}

}  // namespace tributary::converters
