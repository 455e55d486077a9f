// RestServer: the Confluent Schema Registry REST API over HTTP (cpp-httplib), plus read-only
// AWS Glue-style browsing, on top of a Registry.
//
// Confluent paths: /subjects, /subjects/{s}/versions (GET, POST {"schema","schemaType",
// "references"}), /subjects/{s}/versions/{v|latest}[/schema|/referencedby], POST /subjects/{s}
// (lookup), DELETE /subjects/{s}[/versions/{v}] (?permanent=true), /schemas/ids/{id}
// [/schema|/subjects|/versions], /schemas/types, /config[/{s}] (GET ?defaultToGlobal, PUT,
// DELETE), /mode[/{s}], POST /compatibility/subjects/{s}/versions[/{v}] (?verbose=true),
// /contexts. `?normalize=true` on register, lookup and compatibility compares the normalized
// schema (registry/avro_normalizer.h); boolean parameters accept "true" in any case, as
// Confluent's do. Bodies are application/vnd.schemaregistry.v1+json; errors are
// {"error_code":NNNNN,"message":"..."} with HTTP status NNNNN/100.
//
// Glue browsing (JSON with Glue's field names): GET /glue/registries,
// /glue/registries/{r}/schemas, /glue/registries/{r}/schemas/{s}/versions[/{n}],
// /glue/registries/{r}/schemas/{s}/diff?from=N&to=M, /glue/schema-versions/{uuid}.
//
// Several instances on one store (the Kafka-backed store): given a WriteLeader, a follower
// forwards writes (register, delete, config, mode) to the leader and relays its answer, as
// Confluent's followers do; registering a schema the subject already has is answered locally.
// Without a known leader a write fails with 50004; a failed forward with 50003.
//
// Thread-safety: Start/Stop from one thread; requests are served concurrently by httplib's
// thread pool (Registry is thread-safe).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "common/status.h"
#include "http/http_server_thread.h"
#include "registry/registry.h"
#include "registry/write_leader.h"

namespace httplib {
class Server;
}

namespace tributary::registry {

class RestServer {
 public:
  // `registry` and `leader` (nullptr: this instance takes every write) are not owned and must
  // outlive the server.
  explicit RestServer(Registry* registry, WriteLeader* leader = nullptr);
  ~RestServer();
  RestServer(const RestServer&) = delete;
  RestServer& operator=(const RestServer&) = delete;

  // Binds `host`:`port` (port 0 picks a free port) and serves on a background thread.
  Status Start(const std::string& host, int port);
  int port() const { return serving_.port(); }
  void Stop();

 private:
  void Routes();
  Registry* registry_;
  WriteLeader* leader_;
  std::unique_ptr<httplib::Server> server_;
  http::HttpServerThread serving_;
};

// `tributary registry PROPS`: serves the registry on `listeners` (default http://0.0.0.0:8081)
// with its data in `data.dir` (default ./tributary-registry-data) until SIGINT or SIGTERM.
// With `kafkastore.bootstrap.servers` the data lives in the Kafka topic `kafkastore.topic`
// (default _schemas) instead (registry/kafka_schema_store.h); instances with the same
// `schema.registry.group.id` (default schema-registry) elect one leader for writes
// (`leader.eligibility=false` keeps an instance a follower) and tell each other their URL:
// `host.name` (default: the listener's host, or 127.0.0.1 for a wildcard) and the bound port.
// `on_listening`, if given, receives the bound port once requests are served (tests listen
// on port 0).
Status RunRegistryServer(const std::map<std::string, std::string>& props,
                         const std::function<void(int port)>& on_listening = {});

}  // namespace tributary::registry
