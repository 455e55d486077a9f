#include "registry/glue_browser.h"

#include <httplib.h>

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "registry/registry.h"
#include "registry/registry_error.h"

namespace tributary::registry {
namespace {

using Json = nlohmann::json;

std::string Encode(const std::string& s) { return httplib::detail::encode_query_param(s); }

Result<Json> ParseAnswer(const std::string& body, const std::string& what) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded())
    return Status::Corruption("schema registry sent unparsable JSON for {}: {}", what,
                              body.substr(0, 300));
  return j;
}

struct FieldInfo {
  std::string type;
  std::optional<std::string> default_json;
};

using FieldMap = std::map<std::string, FieldInfo>;

void CollectFields(const Json& record, const std::string& prefix, FieldMap& out);

// A compact rendering of Avro type `t`; the fields of records met on the way are collected
// under `path`.
std::string RenderType(const Json& t, const std::string& path, FieldMap& out) {
  if (t.is_string()) return t.get<std::string>();
  if (t.is_array()) {
    std::vector<std::string> branches;
    for (const auto& branch : t) branches.push_back(RenderType(branch, path, out));
    return fmt::format("{}", fmt::join(branches, " | "));
  }
  if (!t.is_object()) return t.dump();
  std::string type = t.value("type", "");
  if (type == "record" || type == "error") {
    CollectFields(t, path, out);
    return "record " + t.value("name", "");
  }
  if (type == "enum") return "enum " + t.value("name", "");
  if (type == "fixed") return fmt::format("fixed {}({})", t.value("name", ""), t.value("size", 0));
  if (type == "array") return "array<" + RenderType(t.value("items", Json()), path + "[]", out) + ">";
  if (type == "map") return "map<" + RenderType(t.value("values", Json()), path + "{}", out) + ">";
  std::string base = t.contains("type") ? RenderType(t["type"], path, out) : t.dump();
  if (t.contains("logicalType")) return base + "(" + t.value("logicalType", "") + ")";
  return base;
}

void CollectFields(const Json& record, const std::string& prefix, FieldMap& out) {
  if (!record.contains("fields") || !record["fields"].is_array()) return;
  for (const auto& field : record["fields"]) {
    std::string name = field.value("name", "");
    std::string path = prefix.empty() ? name : prefix + "." + name;
    FieldInfo info;
    info.type = RenderType(field.value("type", Json()), path, out);
    if (field.contains("default")) info.default_json = field["default"].dump();
    out[path] = std::move(info);
  }
}

Result<FieldMap> RecordFields(const std::string& text, const char* side) {
  Json schema = Json::parse(text, nullptr, false);
  if (schema.is_discarded())
    return Status::InvalidArgument("the {} schema is not valid JSON", side);
  if (!schema.is_object() || schema.value("type", "") != "record")
    return Status::InvalidArgument("the {} schema is not an Avro record (type '{}')", side,
                                   schema.is_object() ? schema.value("type", "") : schema.dump());
  FieldMap fields;
  CollectFields(schema, "", fields);
  return fields;
}

std::string DefaultText(const FieldInfo& f) {
  return f.default_json ? "default " + *f.default_json : "no default";
}

}  // namespace

Result<std::vector<std::string>> DiffAvroRecordFields(const std::string& from, const std::string& to) {
  TRIB_ASSIGN_OR_RETURN(FieldMap before, RecordFields(from, "first"));
  TRIB_ASSIGN_OR_RETURN(FieldMap after, RecordFields(to, "second"));
  std::set<std::string> paths;
  for (const auto& [path, _] : before) paths.insert(path);
  for (const auto& [path, _] : after) paths.insert(path);
  std::vector<std::string> lines;
  for (const auto& path : paths) {
    auto b = before.find(path);
    auto a = after.find(path);
    if (b == before.end()) {
      lines.push_back(fmt::format("+ {}: {} ({})", path, a->second.type, DefaultText(a->second)));
    } else if (a == after.end()) {
      lines.push_back(fmt::format("- {}: {} ({})", path, b->second.type, DefaultText(b->second)));
    } else {
      if (b->second.type != a->second.type)
        lines.push_back(fmt::format("~ {}: type {} -> {}", path, b->second.type, a->second.type));
      if (b->second.default_json != a->second.default_json)
        lines.push_back(fmt::format("~ {}: {} -> {}", path, DefaultText(b->second),
                                    DefaultText(a->second)));
    }
  }
  return lines;
}

Result<std::unique_ptr<GlueBrowser>> GlueBrowser::Create(const std::string& url) {
  TRIB_ASSIGN_OR_RETURN(auto client, HttpRegistryClient::Create(url));
  return std::unique_ptr<GlueBrowser>(new GlueBrowser(std::move(client)));
}

Result<std::vector<std::string>> GlueBrowser::ListRegistries() {
  TRIB_ASSIGN_OR_RETURN(std::string body, client_->Get("/contexts"));
  TRIB_ASSIGN_OR_RETURN(Json contexts, ParseAnswer(body, "/contexts"));
  std::vector<std::string> out;
  for (const auto& c : contexts) {
    if (!c.is_string()) continue;
    std::string context = c.get<std::string>();
    if (context != "." && context.size() > 1 && context[0] == '.') out.push_back(context.substr(1));
  }
  return out;
}

Result<std::vector<std::string>> GlueBrowser::ListSchemas(const std::string& registry) {
  const std::string prefix = Registry::GlueSubject(registry, "");
  TRIB_ASSIGN_OR_RETURN(std::string body, client_->Get("/subjects?subjectPrefix=" + Encode(prefix)));
  TRIB_ASSIGN_OR_RETURN(Json subjects, ParseAnswer(body, "/subjects"));
  std::vector<std::string> out;
  for (const auto& s : subjects)
    if (s.is_string() && s.get<std::string>().rfind(prefix, 0) == 0)
      out.push_back(s.get<std::string>().substr(prefix.size()));
  if (out.empty()) {
    TRIB_ASSIGN_OR_RETURN(auto registries, ListRegistries());
    return Status::NotFound("Glue registry '{}' not found; registries: {}", registry,
                            registries.empty() ? "(none)" : fmt::format("{}", fmt::join(registries, ", ")));
  }
  return out;
}

Status GlueBrowser::CheckSchemaExists(const std::string& registry, const std::string& schema) {
  TRIB_ASSIGN_OR_RETURN(auto schemas, ListSchemas(registry));
  if (std::find(schemas.begin(), schemas.end(), schema) == schemas.end())
    return Status::NotFound("schema '{}' not found in Glue registry '{}'; schemas: {}", schema,
                            registry, fmt::join(schemas, ", "));
  return Status::OK();
}

Result<std::vector<GlueVersionInfo>> GlueBrowser::ListVersions(const std::string& registry,
                                                               const std::string& schema) {
  TRIB_RETURN_IF_ERROR(CheckSchemaExists(registry, schema));
  const std::string subject = Encode(Registry::GlueSubject(registry, schema));
  TRIB_ASSIGN_OR_RETURN(std::string body, client_->Get("/subjects/" + subject + "/versions"));
  TRIB_ASSIGN_OR_RETURN(Json versions, ParseAnswer(body, "the version list"));
  std::vector<GlueVersionInfo> out;
  for (const auto& v : versions) {
    if (!v.is_number_integer()) continue;
    GlueVersionInfo info;
    info.version = v.get<int32_t>();
    TRIB_ASSIGN_OR_RETURN(std::string version_body,
                          client_->Get(fmt::format("/subjects/{}/versions/{}", subject, info.version)));
    TRIB_ASSIGN_OR_RETURN(Json version, ParseAnswer(version_body, "a version"));
    info.id = version.value("id", 0);
    out.push_back(info);
  }
  return out;
}

Result<std::string> GlueBrowser::Compatibility(const std::string& registry, const std::string& schema) {
  const std::string subject = Encode(Registry::GlueSubject(registry, schema));
  TRIB_ASSIGN_OR_RETURN(std::string body, client_->Get("/config/" + subject + "?defaultToGlobal=true"));
  TRIB_ASSIGN_OR_RETURN(Json config, ParseAnswer(body, "the compatibility level"));
  return config.value("compatibilityLevel", "");
}

Result<std::string> GlueBrowser::GetSchema(const std::string& registry, const std::string& schema,
                                           const std::string& version) {
  TRIB_RETURN_IF_ERROR(CheckSchemaExists(registry, schema));
  const std::string subject = Encode(Registry::GlueSubject(registry, schema));
  auto body = client_->Get("/subjects/" + subject + "/versions/" + Encode(version));
  if (!body.ok()) {
    int code = RegistryErrorCode(body.status());
    if (code != error_code::kVersionNotFound && code != error_code::kInvalidVersion)
      return body.status();
    TRIB_ASSIGN_OR_RETURN(auto versions, ListVersions(registry, schema));
    std::vector<int32_t> numbers;
    for (const auto& v : versions) numbers.push_back(v.version);
    return Status::NotFound("version '{}' of schema '{}' not found in Glue registry '{}'; versions: {}",
                            version, schema, registry, fmt::join(numbers, ", "));
  }
  TRIB_ASSIGN_OR_RETURN(Json answer, ParseAnswer(*body, "a version"));
  if (!answer.contains("schema") || !answer["schema"].is_string())
    return Status::Corruption("schema registry answer for version '{}' of '{}' has no schema",
                              version, schema);
  return answer["schema"].get<std::string>();
}

}  // namespace tributary::registry
