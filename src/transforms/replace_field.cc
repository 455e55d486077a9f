#include "transforms/replace_field.h"

namespace tributary::transforms {

using data::Value;

Status ReplaceField::Configure(const connect::Config& config) {
  TRIB_RETURN_IF_ERROR(CheckFieldSyntaxVersion(config));
  auto list = [&](const char* key, const char* old_key) {
    auto v = config.GetList(key);
    if (v.empty()) v = config.GetList(old_key);
    return std::set<std::string>(v.begin(), v.end());
  };
  exclude_ = list("exclude", "blacklist");
  include_ = list("include", "whitelist");
  renames_.clear();
  for (const auto& mapping : config.GetList("renames")) {
    size_t colon = mapping.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == mapping.size() ||
        mapping.find(':', colon + 1) != std::string::npos)
      return Status::InvalidArgument(
          "invalid rename mapping '{}' in configuration renames: expected old:new", mapping);
    renames_[mapping.substr(0, colon)] = mapping.substr(colon + 1);
  }
  TRIB_ASSIGN_OR_RETURN(replace_null_with_default_,
                        config.GetBool("replace.null.with.default", true));
  return Status::OK();
}

bool ReplaceField::Kept(const std::string& name) const {
  return !exclude_.count(name) && (include_.empty() || include_.count(name));
}

const std::string& ReplaceField::Renamed(const std::string& name) const {
  auto it = renames_.find(name);
  return it == renames_.end() ? name : it->second;
}

Status ReplaceField::Apply(data::Record& record, bool* keep) {
  *keep = true;
  const Value& input = PartValue(record, part_);
  if (input.is_null()) return Status::OK();
  const data::SchemaPtr& schema = PartSchema(record, part_);
  if (schema == nullptr) {
    TRIB_RETURN_IF_ERROR(RequireMap(input, "field replacement"));
    data::Map out;
    for (const auto& [k, v] : input.as_map()) {
      if (k.kind() != Value::Kind::kString || !Kept(k.as_string())) continue;
      out.emplace_back(Value::String(Renamed(k.as_string())), v);
    }
    SetPart(record, part_, nullptr, Value::MapOf(std::move(out)));
    return Status::OK();
  }
  TRIB_RETURN_IF_ERROR(RequireStruct(input, "field replacement"));
  const data::SchemaPtr* cached = cache_.Find(schema);
  if (cached == nullptr) {
    data::SchemaBuilder b = CopySchemaBasics(*schema, data::Type::kStruct);
    for (const auto& f : schema->fields())
      if (Kept(f.name)) b.Field(Renamed(f.name), f.schema);
    cached = &cache_.Put(schema, b.Build());
  }
  const data::SchemaPtr& out_schema = *cached;
  data::StructValue out;
  out.schema = out_schema;
  out.values.reserve(out_schema->fields().size());
  const auto& in = input.as_struct();
  for (const auto& f : schema->fields()) {
    if (!Kept(f.name)) continue;
    Value v = in.values[f.index];
    if (v.is_null() && replace_null_with_default_ && f.schema->default_value())
      v = *f.schema->default_value();
    out.values.push_back(std::move(v));
  }
  SetPart(record, part_, out_schema, Value::Struct(std::move(out)));
  return Status::OK();
}

}  // namespace tributary::transforms
