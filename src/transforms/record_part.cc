#include "transforms/record_part.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

namespace tributary::transforms {

data::SchemaBuilder CopySchemaBasics(const data::Schema& source, data::Type type) {
  data::SchemaBuilder b(type);
  if (source.name()) b.Name(*source.name());
  if (source.version()) b.Version(*source.version());
  if (source.doc()) b.Doc(*source.doc());
  for (const auto& [k, v] : source.parameters()) b.Parameter(k, v);
  return b;
}

data::SchemaPtr AsOptional(const data::SchemaPtr& source) {
  if (source->optional()) return source;
  return data::SchemaBuilder::From(*source).Optional().Build();
}

Result<std::string> GetEnum(const connect::Config& config, std::string_view key,
                            const std::vector<std::string>& allowed, std::string_view fallback) {
  std::string value = config.GetString(key, fallback);
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  std::string wanted = lower(value);
  // Trim, as Connect's ConfigDef does for string values.
  wanted.erase(0, wanted.find_first_not_of(" \t"));
  wanted.erase(wanted.find_last_not_of(" \t") + 1);
  for (const auto& a : allowed)
    if (lower(a) == wanted) return a;
  return Status::InvalidArgument("invalid value '{}' for configuration {}: allowed values are {}",
                                 value, key, fmt::join(allowed, ", "));
}

Result<std::string> GetRequired(const connect::Config& config, std::string_view key,
                                std::string_view what) {
  std::string value = config.GetString(key);
  if (value.empty())
    return Status::InvalidArgument("missing required configuration {} ({})", key, what);
  return value;
}

Status CheckFieldSyntaxVersion(const connect::Config& config) {
  auto version = GetEnum(config, "field.syntax.version", {"V1", "V2"}, "V1");
  if (!version.ok()) return version.status();
  if (version->back() == '2')
    return Status::NotSupported(
        "field.syntax.version=V2 (nested field paths) is not supported; use V1 and top-level "
        "field names, or Flatten first");
  return Status::OK();
}

Status RequireStruct(const data::Value& value, std::string_view purpose) {
  if (value.kind() == data::Value::Kind::kStruct) return Status::OK();
  return Status::InvalidArgument("only Struct objects supported for [{}], found: {}", purpose,
                                 value.is_null() ? "null" : value.DebugString());
}

Status RequireMap(const data::Value& value, std::string_view purpose) {
  if (value.kind() == data::Value::Kind::kMap) return Status::OK();
  return Status::InvalidArgument(
      "only Map objects supported in absence of schema for [{}], found: {}", purpose,
      value.is_null() ? "null" : value.DebugString());
}

const data::Value* MapGet(const data::Value& map, std::string_view key) {
  for (const auto& [k, v] : map.as_map())
    if (k.kind() == data::Value::Kind::kString && k.as_string() == key) return &v;
  return nullptr;
}

}  // namespace tributary::transforms
