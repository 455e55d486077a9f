// Registry: the schema registry service, in process. The REST server, the CLI and the
// converters all go through it; it enforces Confluent Schema Registry's rules on top of a
// SchemaStore and presents the same data as AWS Glue's model.
//
// Confluent model: subjects hold versions; each version points at a schema with a global,
// stable id. Registering a schema that the subject already has (compared on the parsed,
// re-serialized form, so whitespace and key order do not matter) returns the existing version.
// A new version must pass the subject's compatibility level (subject config, else its
// context's config, else the global config, else BACKWARD) against the live versions.
// Deletes follow Confluent: soft-delete first, then permanent; referenced versions cannot be
// deleted. Contexts: a subject ":.ctx:name" lives in context ".ctx"; plain subjects live in
// the default context "."; ids are global across contexts (Confluent numbers them per
// context). Only AVRO schemas are accepted: another schemaType is 42201 naming it.
//
// Glue model: a Glue registry R is the context ".R", its schema S the subject ":.R:S"; a
// schema version is a subject version and its SchemaVersionId the stored UUID; the schema's
// compatibility is the subject's level (Glue names: DISABLED, BACKWARD_ALL, ...).
//
// Errors carry Confluent error codes (registry/registry_error.h).
//
// Thread-safety: every method may be called from any thread. Writes (register, delete,
// config) are serialized so that a compatibility check and the write it allows are atomic;
// reads run concurrently. Parsed schemas are cached by id (each stored schema is parsed once)
// and by request text (a producer's repeated register or lookup parses nothing).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "avro/schema.h"
#include "registry/compatibility_checker.h"
#include "registry/compatibility_level.h"
#include "registry/mode.h"
#include "registry/schema_store.h"

namespace tributary::registry {

// What a client submits: POST /subjects/{s}/versions or POST /subjects/{s}.
struct SchemaRequest {
  std::string schema;
  std::string schema_type = "AVRO";
  std::vector<SchemaReference> references;
  std::optional<int32_t> id;       // IMPORT mode only
  std::optional<int32_t> version;  // IMPORT mode only
  // ?normalize=true: compare and store the normalized form (registry/avro_normalizer.h), with
  // the references sorted, so that spellings of one schema share one id.
  bool normalize = false;
};

// A subject version joined with its schema.
struct RegisteredSchema {
  std::string subject;
  int32_t version = 0;
  int32_t id = 0;
  std::string schema_type;
  std::string schema;  // the stored (normalized) text
  std::vector<SchemaReference> references;
  bool deleted = false;
  std::string uuid;  // Glue SchemaVersionId
  int64_t created_ms = 0;
  avro::SchemaPtr parsed;  // the parsed schema (shared from the cache)
};

struct CompatibilityCheck {
  CompatibilityLevel level;
  CompatibilityResult result;
};

// The Glue view of one schema.
struct GlueSchemaInfo {
  std::string registry_name;
  std::string schema_name;
  CompatibilityLevel compatibility;
  int32_t latest_version = 0;
  int32_t version_count = 0;
};

class Registry {
 public:
  explicit Registry(std::unique_ptr<SchemaStore> store);
  // A registry on a SqliteSchemaStore in `data_dir`.
  static Result<std::unique_ptr<Registry>> OpenEmbedded(const std::string& data_dir);

  // --- Confluent API ---------------------------------------------------------------------

  // POST /subjects/{s}/versions. Returns the existing version when the subject already holds
  // this schema; otherwise checks mode and compatibility and appends a version.
  // Errors: 42201 invalid schema, 409 incompatible (the message lists each incompatibility),
  // 42205 read-only subject or id/version outside IMPORT mode.
  Result<RegisteredSchema> Register(const std::string& subject, const SchemaRequest& request);
  // POST /subjects/{s}: the subject's version holding this schema. 40401 / 40403.
  Result<RegisteredSchema> Lookup(const std::string& subject, const SchemaRequest& request,
                                  bool include_deleted);
  // GET /schemas/ids/{id} (the version fields are left empty). 40403.
  Result<RegisteredSchema> GetSchemaById(int32_t id);
  // `version`: "latest", "-1" or a number. 40401 / 40402 / 42202.
  Result<RegisteredSchema> GetVersion(const std::string& subject, std::string_view version,
                                      bool include_deleted = false);
  Result<std::vector<int32_t>> ListVersions(const std::string& subject, bool include_deleted);
  // Subjects (qualified names) starting with `prefix` ("" = all).
  Result<std::vector<std::string>> ListSubjects(std::string_view prefix, bool include_deleted);
  // GET /schemas/ids/{id}/versions: (subject, version) pairs using the schema.
  Result<std::vector<std::pair<std::string, int32_t>>> SubjectVersionsOf(int32_t id,
                                                                         bool include_deleted);
  // GET /subjects/{s}/versions/{v}/referencedby: ids of schemas referencing it.
  Result<std::vector<int32_t>> ReferencedBy(const std::string& subject, std::string_view version);
  // DELETE /subjects/{s}: the deleted version numbers. 40401 / 40404 / 40405.
  Result<std::vector<int32_t>> DeleteSubject(const std::string& subject, bool permanent);
  // DELETE /subjects/{s}/versions/{v}: the deleted version number. 40402 / 40406 / 40407 /
  // 42206.
  Result<int32_t> DeleteVersion(const std::string& subject, std::string_view version,
                                bool permanent);
  // POST /compatibility/subjects/{s}/versions[/{v}]: against `version` ("latest" or a
  // number), or against the versions the subject's level selects when `version` is empty.
  Result<CompatibilityCheck> TestCompatibility(const std::string& subject,
                                               std::string_view version,
                                               const SchemaRequest& request);

  // Compatibility config: `subject` "" is global. Get falls back subject -> context -> global
  // -> BACKWARD when `default_to_global`; otherwise 40408 if the subject has none.
  Result<CompatibilityLevel> GetCompatibility(const std::string& subject, bool default_to_global);
  Status SetCompatibility(const std::string& subject, CompatibilityLevel level);
  // Removes the subject's (or the global) setting; returns the removed level. 40408 if none.
  Result<CompatibilityLevel> DeleteCompatibility(const std::string& subject);
  // Mode config, with the same fallbacks (40409 when unset and not default_to_global).
  Result<Mode> GetMode(const std::string& subject, bool default_to_global);
  Status SetMode(const std::string& subject, Mode mode);
  Result<Mode> DeleteMode(const std::string& subject);

  // GET /contexts: "." first, then ".R" for every context with subjects.
  Result<std::vector<std::string>> ListContexts();

  // --- AWS Glue model --------------------------------------------------------------------

  // The subject of schema `schema_name` in Glue registry `registry_name`: ":.R:S".
  static std::string GlueSubject(const std::string& registry_name, const std::string& schema_name);
  // Registers a version of a Glue schema (RegisterSchemaVersion / CreateSchema): returns the
  // existing version for an identical definition; if the schema does not exist yet and
  // `compatibility_on_create` is set, the schema is created with that compatibility.
  Result<RegisteredSchema> GlueRegisterSchemaVersion(
      const std::string& registry_name, const std::string& schema_name,
      const std::string& definition, std::optional<CompatibilityLevel> compatibility_on_create);
  // GetSchemaVersion by SchemaVersionId. 40402 if no version has it.
  Result<RegisteredSchema> GlueGetSchemaVersion(const std::string& uuid);
  Result<std::vector<std::string>> GlueListRegistries();
  Result<std::vector<GlueSchemaInfo>> GlueListSchemas(const std::string& registry_name);
  Result<std::vector<RegisteredSchema>> GlueListSchemaVersions(const std::string& registry_name,
                                                               const std::string& schema_name);
  // A line diff of two versions' pretty-printed definitions: lines prefixed "  ", "- " (only
  // in `from`) or "+ " (only in `to`).
  Result<std::string> GlueDiff(const std::string& registry_name, const std::string& schema_name,
                               int32_t from_version, int32_t to_version);

 private:
  struct Parsed {
    avro::SchemaPtr schema;
    std::string normalized;  // ToJson of the parsed schema
  };
  Result<Parsed> ParseRequest(const SchemaRequest& request);
  Result<Parsed> ParseUncached(const SchemaRequest& request);
  std::string DedupKey(const SchemaRequest& request, const std::string& normalized) const;
  Result<avro::SchemaPtr> ParsedById(int32_t id);
  // The stored schema of `id` without parsing it (`parsed` left null).
  Result<RegisteredSchema> RecordById(int32_t id);
  Result<RegisteredSchema> Join(const VersionRecord& version);
  Result<VersionRecord> ResolveVersion(const std::string& subject, std::string_view version,
                                       bool include_deleted);
  Result<RegisteredSchema> RegisterLocked(const std::string& subject, const SchemaRequest& request);
  Result<std::vector<PreviousVersion>> LiveVersionsForCheck(const std::string& subject,
                                                            std::vector<avro::SchemaPtr>* keep);
  Status CheckWritable(const std::string& subject);
  template <typename T>
  Result<std::optional<T>> ConfigValue(const std::string& scope, const char* name,
                                       Result<T> (*parse)(std::string_view));

  std::unique_ptr<SchemaStore> store_;
  std::mutex write_mu_;
  std::shared_mutex cache_mu_;
  std::map<int32_t, SchemaRecord> records_;       // schemas by id: immutable once stored
  std::map<int32_t, avro::SchemaPtr> parsed_;     // parsed once per id
  std::unordered_map<std::string, Parsed> parsed_requests_;  // by type and request text
};

// The dedup key (SchemaStore's NewVersion::dedup_key) of a schema as a store holds it, for
// stores that read schemas another registry wrote in its own spelling (KafkaSchemaStore).
std::string StoredSchemaDedupKey(const SchemaRecord& record);

// The context part of a qualified subject: ":.R:S" -> ".R", "S" -> ".".
std::string ContextOf(const std::string& subject);
// Canonical spelling: ":.:S" (the default context spelled out) -> "S".
std::string NormalizeSubject(const std::string& subject);

}  // namespace tributary::registry
