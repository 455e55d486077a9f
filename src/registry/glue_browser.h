// GlueBrowser: reads the AWS Glue model (registries, schemas, versions) of a schema registry
// through its Confluent REST API, where Glue registry R's schema S is the subject ":.R:S" in
// context ".R". Used by `tributary glue`.
//
// DiffAvroRecordFields compares two Avro record schemas field by field (nested records by
// dotted path); it is a pure function.
//
// Errors name what was not found (registry, schema, version) or the unreachable URL.
// Thread-safety: a GlueBrowser may be shared between threads (its client serializes calls).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "registry/registry_client.h"

namespace tributary::registry {

struct GlueVersionInfo {
  int32_t version = 0;
  int32_t id = 0;  // the Confluent schema id
};

class GlueBrowser {
 public:
  // `url`: "http://host:port".
  static Result<std::unique_ptr<GlueBrowser>> Create(const std::string& url);

  // Registry names (contexts without their leading dot; the default context is left out).
  Result<std::vector<std::string>> ListRegistries();
  // Schema names in `registry`; NotFound when the registry has none.
  Result<std::vector<std::string>> ListSchemas(const std::string& registry);
  Result<std::vector<GlueVersionInfo>> ListVersions(const std::string& registry,
                                                    const std::string& schema);
  // The schema's compatibility level (its own, else the registry-wide default).
  Result<std::string> Compatibility(const std::string& registry, const std::string& schema);
  // The schema text of `version` (a number or "latest").
  Result<std::string> GetSchema(const std::string& registry, const std::string& schema,
                                const std::string& version);

 private:
  explicit GlueBrowser(std::unique_ptr<HttpRegistryClient> client) : client_(std::move(client)) {}
  Status CheckSchemaExists(const std::string& registry, const std::string& schema);

  std::unique_ptr<HttpRegistryClient> client_;
};

// One line per field difference between Avro record schemas `from` and `to` (JSON texts),
// ordered by field path:
//   "+ path: type (default D)" / "+ path: type (no default)"   field added
//   "- path: type (...)"                                        field removed
//   "~ path: type A -> B" and/or "~ path: default X -> Y"       field changed
// Types are rendered compactly: "string", "long(timestamp-millis)", "null | string",
// "array<int>", "map<string>", "enum Name", "record Name" (whose fields are compared as
// path.field). InvalidArgument naming the side when a text is not an Avro record schema.
Result<std::vector<std::string>> DiffAvroRecordFields(const std::string& from, const std::string& to);

}  // namespace tributary::registry
