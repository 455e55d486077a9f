#include "converters/string_converter.h"

#include <algorithm>
#include <cctype>

#include "converters/decimal_text.h"
#include "converters/json_text.h"

namespace tributary::converters {

namespace {

// Java's String.valueOf(Object) for Connect values: Struct{a=1,b=x}, [1, 2], {k=v}.
void AppendJavaText(std::string* out, const data::Schema* schema, const data::Value& v) {
  switch (v.kind()) {
    case data::Value::Kind::kNull: out->append("null"); break;
    case data::Value::Kind::kBool: out->append(v.as_bool() ? "true" : "false"); break;
    case data::Value::Kind::kInt: out->append(std::to_string(v.as_int())); break;
    case data::Value::Kind::kDouble:
      if (schema && schema->type() == data::Type::kFloat32)
        AppendJavaFloat(out, static_cast<float>(v.as_double()));
      else
        AppendJavaDouble(out, v.as_double());
      break;
    case data::Value::Kind::kString: out->append(v.as_string()); break;
    case data::Value::Kind::kBytes:
      if (schema && schema->IsNamed(data::names::kDecimal)) {
        const std::string* scale = schema->parameter(data::names::kDecimalScaleParam);
        out->append(DecimalToString(v.as_bytes(), scale ? std::stoi(*scale) : 0));
      } else {
        out->append(v.as_bytes());
      }
      break;
    case data::Value::Kind::kStruct: {
      const auto& s = v.as_struct();
      out->append("Struct{");
      bool first = true;
      for (const auto& f : s.schema->fields()) {
        const data::Value& fv = s.values[f.index];
        if (fv.is_null()) continue;  // Struct.toString skips null fields
        if (!first) out->push_back(',');
        first = false;
        out->append(f.name);
        out->push_back('=');
        AppendJavaText(out, f.schema.get(), fv);
      }
      out->push_back('}');
      break;
    }
    case data::Value::Kind::kArray: {
      out->push_back('[');
      const auto& items = v.as_array();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out->append(", ");
        AppendJavaText(out, schema ? schema->value_schema().get() : nullptr, items[i]);
      }
      out->push_back(']');
      break;
    }
    case data::Value::Kind::kMap: {
      out->push_back('{');
      const auto& entries = v.as_map();
      for (size_t i = 0; i < entries.size(); ++i) {
        if (i) out->append(", ");
        AppendJavaText(out, schema ? schema->key_schema().get() : nullptr, entries[i].first);
        out->push_back('=');
        AppendJavaText(out, schema ? schema->value_schema().get() : nullptr, entries[i].second);
      }
      out->push_back('}');
      break;
    }
  }
}

}  // namespace

Status StringConverter::Configure(const connect::Config& config, bool /*is_key*/) {
  for (const char* key : {"converter.encoding", "serializer.encoding", "deserializer.encoding"}) {
    std::string encoding = config.GetString(key, "UTF-8");
    std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (encoding != "UTF-8" && encoding != "UTF8")
      return Status::NotSupported("{}={} is not supported: only UTF-8 is", key,
                                  config.GetString(key));
  }
  return Status::OK();
}

Status StringConverter::FromConnectData(const std::string& /*topic*/, const data::SchemaPtr& schema,
                                        const data::Value& value, std::string* out) {
  out->clear();
  if (value.is_null()) return Status::OK();
  AppendJavaText(out, schema.get(), value);
  return Status::OK();
}

Status StringConverter::ToConnectData(const std::string& /*topic*/, std::string_view bytes,
                                      bool is_null, data::SchemaPtr* schema, data::Value* value) {
  *schema = data::OptionalStringSchema();
  *value = is_null ? data::Value() : data::Value::String(std::string(bytes));
  return Status::OK();
}

}  // namespace tributary::converters
