#include "registry/registry_client.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "avro/schema_parser.h"
#include "registry/embedded_registry.h"
#include "registry/registry_error.h"

namespace tributary::registry {
namespace {

using Json = nlohmann::json;

SchemaRequest Avro(const std::string& schema) { return SchemaRequest{schema, "AVRO", {}, {}, {}}; }

std::string Encode(const std::string& s) { return httplib::detail::encode_query_param(s); }

Result<avro::SchemaPtr> ParseServed(const std::string& text, const std::string& what) {
  auto parsed = avro::ParseSchema(text);
  if (!parsed.ok())
    return Status::Corruption("schema registry returned an unparsable schema for {}: {}", what,
                              parsed.status().message());
  return *parsed;
}

}  // namespace

// --- LocalRegistryClient -----------------------------------------------------------------

Result<RegisteredSchema> LocalRegistryClient::Register(const std::string& subject,
                                                       const std::string& schema) {
  return registry_->Register(subject, Avro(schema));
}

Result<RegisteredSchema> LocalRegistryClient::Lookup(const std::string& subject,
                                                     const std::string& schema) {
  return registry_->Lookup(subject, Avro(schema), false);
}

Result<RegisteredSchema> LocalRegistryClient::GetLatest(const std::string& subject) {
  return registry_->GetVersion(subject, "latest");
}

Result<RegisteredSchema> LocalRegistryClient::GetById(int32_t id) {
  return registry_->GetSchemaById(id);
}

Result<RegisteredSchema> LocalRegistryClient::GlueRegister(const std::string& registry_name,
                                                           const std::string& schema_name,
                                                           const std::string& definition,
                                                           CompatibilityLevel compatibility_on_create,
                                                           bool auto_register) {
  if (!auto_register)
    return registry_->Lookup(Registry::GlueSubject(registry_name, schema_name), Avro(definition), false);
  return registry_->GlueRegisterSchemaVersion(registry_name, schema_name, definition,
                                              compatibility_on_create);
}

Result<RegisteredSchema> LocalRegistryClient::GlueGetByUuid(const std::string& uuid) {
  return registry_->GlueGetSchemaVersion(uuid);
}

// --- HttpRegistryClient ------------------------------------------------------------------

struct HttpRegistryClient::Connection {
  httplib::Client client;
  std::string path_prefix;
};

HttpRegistryClient::HttpRegistryClient(std::string url, std::unique_ptr<Connection> connection)
    : url_(std::move(url)), connection_(std::move(connection)) {}
HttpRegistryClient::~HttpRegistryClient() = default;

Result<std::unique_ptr<HttpRegistryClient>> HttpRegistryClient::Create(const std::string& urls) {
  std::string url = urls.substr(0, urls.find(','));
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.rfind("http://", 0) != 0)
    return Status::InvalidArgument(
        "schema registry URL '{}' is not supported: use http://HOST:PORT", url);
  size_t path_start = url.find('/', 7);
  std::string host_port = path_start == std::string::npos ? url : url.substr(0, path_start);
  std::string prefix = path_start == std::string::npos ? "" : url.substr(path_start);
  auto connection = std::unique_ptr<Connection>(new Connection{httplib::Client(host_port), prefix});
  if (!connection->client.is_valid())
    return Status::InvalidArgument("schema registry URL '{}' is not a valid http URL", url);
  connection->client.set_connection_timeout(10);
  connection->client.set_read_timeout(30);
  connection->client.set_keep_alive(true);
  connection->client.set_tcp_nodelay(true);
  return std::unique_ptr<HttpRegistryClient>(new HttpRegistryClient(url, std::move(connection)));
}

Result<std::string> HttpRegistryClient::Call(const std::string& method, const std::string& path,
                                             const std::string& body) {
  std::lock_guard lock(mu_);
  const std::string full = connection_->path_prefix + path;
  const char* type = "application/vnd.schemaregistry.v1+json";
  auto& c = connection_->client;
  httplib::Result res = method == "GET"    ? c.Get(full)
                        : method == "POST" ? c.Post(full, body, type)
                        : method == "PUT"  ? c.Put(full, body, type)
                                           : c.Delete(full);
  if (!res)
    return Status::Unavailable("schema registry at {} is unreachable ({} {}): {}", url_, method,
                               path, httplib::to_string(res.error()));
  if (res->status == 200) return res->body;
  Json error = Json::parse(res->body, nullptr, false);
  if (error.is_object() && error.contains("error_code"))
    return RegistryError(error.value("error_code", res->status), error.value("message", res->body));
  return RegistryError(res->status >= 500 ? error_code::kStoreError : res->status * 100,
                       fmt::format("schema registry at {} answered HTTP {} to {} {}: {}", url_,
                                   res->status, method, path, res->body.substr(0, 300)));
}

Result<std::string> HttpRegistryClient::Get(const std::string& path) { return Call("GET", path, ""); }

Result<RegisteredSchema> HttpRegistryClient::VersionFromJson(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("schema"))
    return Status::Corruption("schema registry at {} sent an unexpected answer: {}", url_,
                              body.substr(0, 300));
  RegisteredSchema s;
  s.subject = j.value("subject", "");
  s.version = j.value("version", 0);
  s.id = j.value("id", 0);
  s.schema_type = j.value("schemaType", "AVRO");
  s.schema = j["schema"].get<std::string>();
  TRIB_ASSIGN_OR_RETURN(s.parsed, ParseServed(s.schema, s.subject));
  return s;
}

Result<RegisteredSchema> HttpRegistryClient::Register(const std::string& subject,
                                                      const std::string& schema) {
  TRIB_ASSIGN_OR_RETURN(std::string body, Call("POST", "/subjects/" + Encode(subject) + "/versions",
                                               Json{{"schema", schema}}.dump()));
  Json j = Json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("id"))
    return Status::Corruption("schema registry at {} sent an unexpected answer: {}", url_, body);
  RegisteredSchema s;
  s.subject = subject;
  s.id = j["id"].get<int32_t>();
  s.version = j.value("version", 0);
  s.schema_type = "AVRO";
  s.schema = schema;
  TRIB_ASSIGN_OR_RETURN(s.parsed, ParseServed(schema, subject));
  return s;
}

Result<RegisteredSchema> HttpRegistryClient::Lookup(const std::string& subject,
                                                    const std::string& schema) {
  TRIB_ASSIGN_OR_RETURN(std::string body, Call("POST", "/subjects/" + Encode(subject),
                                               Json{{"schema", schema}}.dump()));
  return VersionFromJson(body);
}

Result<RegisteredSchema> HttpRegistryClient::GetLatest(const std::string& subject) {
  TRIB_ASSIGN_OR_RETURN(std::string body,
                        Call("GET", "/subjects/" + Encode(subject) + "/versions/latest", ""));
  return VersionFromJson(body);
}

Result<RegisteredSchema> HttpRegistryClient::GetById(int32_t id) {
  TRIB_ASSIGN_OR_RETURN(std::string body, Call("GET", fmt::format("/schemas/ids/{}", id), ""));
  Json j = Json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("schema"))
    return Status::Corruption("schema registry at {} sent an unexpected answer: {}", url_, body);
  RegisteredSchema s;
  s.id = id;
  s.schema_type = j.value("schemaType", "AVRO");
  s.schema = j["schema"].get<std::string>();
  TRIB_ASSIGN_OR_RETURN(s.parsed, ParseServed(s.schema, fmt::format("id {}", id)));
  return s;
}

Result<RegisteredSchema> HttpRegistryClient::GlueRegister(const std::string& registry_name,
                                                          const std::string& schema_name,
                                                          const std::string& definition,
                                                          CompatibilityLevel compatibility_on_create,
                                                          bool auto_register) {
  std::string subject = Registry::GlueSubject(registry_name, schema_name);
  RegisteredSchema registered;
  if (auto_register) {
    auto existing = Call("GET", "/subjects/" + Encode(subject) + "/versions", "");
    if (!existing.ok() && RegistryErrorCode(existing.status()) == error_code::kSubjectNotFound) {
      TRIB_RETURN_IF_ERROR(Call("PUT", "/config/" + Encode(subject),
                                Json{{"compatibility", CompatibilityLevelName(compatibility_on_create)}}.dump())
                               .status());
    } else if (!existing.ok()) {
      return existing.status();
    }
    TRIB_ASSIGN_OR_RETURN(registered, Register(subject, definition));
  } else {
    TRIB_ASSIGN_OR_RETURN(registered, Lookup(subject, definition));
  }
  TRIB_ASSIGN_OR_RETURN(std::string body,
                        Call("GET", fmt::format("/glue/registries/{}/schemas/{}/versions/{}",
                                                Encode(registry_name), Encode(schema_name),
                                                registered.version),
                             ""));
  Json j = Json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("SchemaVersionId"))
    return Status::Corruption("schema registry at {} sent an unexpected answer: {}", url_, body);
  registered.uuid = j["SchemaVersionId"].get<std::string>();
  return registered;
}

Result<RegisteredSchema> HttpRegistryClient::GlueGetByUuid(const std::string& uuid) {
  TRIB_ASSIGN_OR_RETURN(std::string body, Call("GET", "/glue/schema-versions/" + Encode(uuid), ""));
  Json j = Json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("SchemaDefinition"))
    return Status::Corruption("schema registry at {} sent an unexpected answer: {}", url_, body);
  RegisteredSchema s;
  s.subject = Registry::GlueSubject(j.value("RegistryName", ""), j.value("SchemaName", ""));
  s.version = j.value("VersionNumber", 0);
  s.uuid = uuid;
  s.schema_type = "AVRO";
  s.schema = j["SchemaDefinition"].get<std::string>();
  TRIB_ASSIGN_OR_RETURN(s.parsed, ParseServed(s.schema, "schema version " + uuid));
  return s;
}

// --- CachingRegistryClient ---------------------------------------------------------------

template <typename Key, typename F>
Result<RegisteredSchema> CachingRegistryClient::Cached(std::map<Key, RegisteredSchema>& cache,
                                                       const Key& key, F&& fetch) {
  {
    std::lock_guard lock(mu_);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  TRIB_ASSIGN_OR_RETURN(RegisteredSchema fetched, fetch());
  std::lock_guard lock(mu_);
  cache.emplace(key, fetched);
  if (fetched.id > 0) by_id_.emplace(fetched.id, fetched);
  if (!fetched.uuid.empty()) by_uuid_.emplace(fetched.uuid, fetched);
  return fetched;
}

Result<RegisteredSchema> CachingRegistryClient::Register(const std::string& subject,
                                                         const std::string& schema) {
  return Cached(by_subject_schema_, std::make_pair(subject, schema),
                [&] { return inner_->Register(subject, schema); });
}

Result<RegisteredSchema> CachingRegistryClient::Lookup(const std::string& subject,
                                                       const std::string& schema) {
  return Cached(by_subject_schema_, std::make_pair(subject, schema),
                [&] { return inner_->Lookup(subject, schema); });
}

Result<RegisteredSchema> CachingRegistryClient::GetLatest(const std::string& subject) {
  return inner_->GetLatest(subject);
}

Result<RegisteredSchema> CachingRegistryClient::GetById(int32_t id) {
  return Cached(by_id_, id, [&] { return inner_->GetById(id); });
}

Result<RegisteredSchema> CachingRegistryClient::GlueRegister(const std::string& registry_name,
                                                             const std::string& schema_name,
                                                             const std::string& definition,
                                                             CompatibilityLevel compatibility_on_create,
                                                             bool auto_register) {
  return Cached(by_subject_schema_,
                std::make_pair(Registry::GlueSubject(registry_name, schema_name), definition), [&] {
                  return inner_->GlueRegister(registry_name, schema_name, definition,
                                              compatibility_on_create, auto_register);
                });
}

Result<RegisteredSchema> CachingRegistryClient::GlueGetByUuid(const std::string& uuid) {
  return Cached(by_uuid_, uuid, [&] { return inner_->GlueGetByUuid(uuid); });
}

Result<std::shared_ptr<RegistryClient>> NewRegistryClient(const std::string& url,
                                                          const std::string& url_key) {
  std::unique_ptr<RegistryClient> inner;
  if (!url.empty()) {
    TRIB_ASSIGN_OR_RETURN(inner, HttpRegistryClient::Create(url));
  } else if (Registry* embedded = EmbeddedRegistry()) {
    inner = std::make_unique<LocalRegistryClient>(embedded);
  } else {
    return Status::InvalidArgument(
        "{} is not set and no embedded schema registry is running: set {} to a registry URL "
        "(http://HOST:PORT), or run the converter in a worker that embeds the registry",
        url_key, url_key);
  }
  return std::shared_ptr<RegistryClient>(std::make_shared<CachingRegistryClient>(std::move(inner)));
}

}  // namespace tributary::registry
