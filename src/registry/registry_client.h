// RegistryClient: what the Avro converters need from a schema registry, whether it runs in
// this process (LocalRegistryClient over a Registry) or behind a URL (HttpRegistryClient,
// for `schema.registry.url` and the Glue converter's `endpoint`). Wrap either in
// CachingRegistryClient (NewRegistryClient does) so each subject/schema pair, id and version
// UUID costs one round trip per process.
//
// Results are RegisteredSchema (registry/registry.h) with `parsed` always set; `uuid` is set
// by the Glue calls (and by the local client everywhere).
//
// Errors keep the registry's Confluent error code (registry/registry_error.h); an
// incompatible schema is StatusCode::kIncompatible with the subject, the compatibility level
// and every incompatibility (path and reason) in the message.
//
// Thread-safety: implementations are safe to share between threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "registry/registry.h"

namespace tributary::registry {

class RegistryClient {
 public:
  virtual ~RegistryClient() = default;

  // Confluent: registers (or finds) `schema` under `subject`.
  virtual Result<RegisteredSchema> Register(const std::string& subject, const std::string& schema) = 0;
  // Confluent: the subject's version holding `schema`, without registering (40401/40403).
  virtual Result<RegisteredSchema> Lookup(const std::string& subject, const std::string& schema) = 0;
  virtual Result<RegisteredSchema> GetLatest(const std::string& subject) = 0;
  virtual Result<RegisteredSchema> GetById(int32_t id) = 0;

  // Glue: registers (or finds) a version of schema `schema_name` in registry `registry_name`;
  // a schema created by this call gets `compatibility_on_create`. When `auto_register` is
  // false only an existing identical version is returned (else 40403).
  virtual Result<RegisteredSchema> GlueRegister(const std::string& registry_name,
                                                const std::string& schema_name,
                                                const std::string& definition,
                                                CompatibilityLevel compatibility_on_create,
                                                bool auto_register) = 0;
  virtual Result<RegisteredSchema> GlueGetByUuid(const std::string& uuid) = 0;
};

// Calls a Registry in this process (not owned; it must outlive the client).
class LocalRegistryClient final : public RegistryClient {
 public:
  explicit LocalRegistryClient(Registry* registry) : registry_(registry) {}
  Result<RegisteredSchema> Register(const std::string& subject, const std::string& schema) override;
  Result<RegisteredSchema> Lookup(const std::string& subject, const std::string& schema) override;
  Result<RegisteredSchema> GetLatest(const std::string& subject) override;
  Result<RegisteredSchema> GetById(int32_t id) override;
  Result<RegisteredSchema> GlueRegister(const std::string& registry_name,
                                        const std::string& schema_name, const std::string& definition,
                                        CompatibilityLevel compatibility_on_create,
                                        bool auto_register) override;
  Result<RegisteredSchema> GlueGetByUuid(const std::string& uuid) override;

 private:
  Registry* registry_;
};

// Talks to a Tributary (or Confluent, for the Confluent calls) registry over HTTP. The Glue
// calls use Tributary's REST API (qualified subjects and /glue/ paths), not AWS Glue's API.
class HttpRegistryClient final : public RegistryClient {
 public:
  // `url`: "http://host:port[/prefix]"; of a comma-separated list the first entry is used.
  static Result<std::unique_ptr<HttpRegistryClient>> Create(const std::string& url);
  ~HttpRegistryClient() override;

  Result<RegisteredSchema> Register(const std::string& subject, const std::string& schema) override;
  Result<RegisteredSchema> Lookup(const std::string& subject, const std::string& schema) override;
  Result<RegisteredSchema> GetLatest(const std::string& subject) override;
  Result<RegisteredSchema> GetById(int32_t id) override;
  Result<RegisteredSchema> GlueRegister(const std::string& registry_name,
                                        const std::string& schema_name, const std::string& definition,
                                        CompatibilityLevel compatibility_on_create,
                                        bool auto_register) override;
  Result<RegisteredSchema> GlueGetByUuid(const std::string& uuid) override;

  // The body of GET `path` (e.g. "/contexts"); non-200 answers become RegistryError with the
  // registry's error code, an unreachable registry Unavailable naming the URL.
  Result<std::string> Get(const std::string& path);

 private:
  struct Connection;
  HttpRegistryClient(std::string url, std::unique_ptr<Connection> connection);
  Result<std::string> Call(const std::string& method, const std::string& path,
                           const std::string& body);
  Result<RegisteredSchema> VersionFromJson(const std::string& body);

  std::string url_;
  std::mutex mu_;  // httplib::Client is not safe for concurrent requests
  std::unique_ptr<Connection> connection_;
};

// Caches the answers of another client: (subject, schema) -> registration, id -> schema,
// UUID -> version, (registry, schema, definition) -> Glue version. Latest versions are not
// cached (they change).
class CachingRegistryClient final : public RegistryClient {
 public:
  explicit CachingRegistryClient(std::unique_ptr<RegistryClient> inner) : inner_(std::move(inner)) {}
  Result<RegisteredSchema> Register(const std::string& subject, const std::string& schema) override;
  Result<RegisteredSchema> Lookup(const std::string& subject, const std::string& schema) override;
  Result<RegisteredSchema> GetLatest(const std::string& subject) override;
  Result<RegisteredSchema> GetById(int32_t id) override;
  Result<RegisteredSchema> GlueRegister(const std::string& registry_name,
                                        const std::string& schema_name, const std::string& definition,
                                        CompatibilityLevel compatibility_on_create,
                                        bool auto_register) override;
  Result<RegisteredSchema> GlueGetByUuid(const std::string& uuid) override;

 private:
  template <typename Key, typename F>
  Result<RegisteredSchema> Cached(std::map<Key, RegisteredSchema>& cache, const Key& key, F&& fetch);

  std::unique_ptr<RegistryClient> inner_;
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, RegisteredSchema> by_subject_schema_;
  std::map<int32_t, RegisteredSchema> by_id_;
  std::map<std::string, RegisteredSchema> by_uuid_;
};

// The client for a converter: HTTP to `url` when it is non-empty, else the process's
// embedded registry (registry/embedded_registry.h); cached either way. FailedPrecondition-like
// InvalidArgument naming `url_key` when neither exists.
Result<std::shared_ptr<RegistryClient>> NewRegistryClient(const std::string& url,
                                                          const std::string& url_key);

}  // namespace tributary::registry
