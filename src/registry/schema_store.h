// SchemaStore: the durable state of the schema registry, with no policy of its own.
//
// It holds three things:
//   - schemas by global id (type, text, references, and a dedup key the Registry computes from
//     the normalized schema so that an identical schema always maps to the same id);
//   - subject versions: (subject, version) -> schema id, a soft-delete flag and a stable UUID
//     (the AWS Glue "schema version id");
//   - configuration entries (scope, name) -> value, where scope "" is global and otherwise a
//     subject (or a context such as ":.R:" for a Glue registry); the Registry keeps
//     compatibility levels and modes here.
// Subjects are stored fully qualified: a subject of the default context is "orders-value", a
// subject of context ".R" is ":.R:orders-value" (Confluent's qualified-subject syntax).
//
// Confluent's rules (what may be deleted when, compatibility, modes) live in Registry; a store
// only makes each write atomic and durable. SqliteSchemaStore is the embedded backend; a Kafka
// `_schemas` backend would implement the same interface.
//
// Thread-safety: implementations are safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace tributary::registry {

// A named reference from one schema to a version of another subject (Confluent's
// {"name","subject","version"}).
struct SchemaReference {
  std::string name;
  std::string subject;
  int32_t version = 0;
  bool operator==(const SchemaReference&) const = default;
};

// A schema as identified by its global id.
struct SchemaRecord {
  int32_t id = 0;
  std::string schema_type;  // "AVRO", "JSON", "PROTOBUF"
  std::string schema;       // the schema text as served by GET /schemas/ids/{id}
  std::vector<SchemaReference> references;
};

// One version of a subject.
struct VersionRecord {
  std::string subject;  // fully qualified
  int32_t version = 0;
  int32_t schema_id = 0;
  bool deleted = false;     // soft-deleted
  std::string uuid;         // stable, unique; the Glue SchemaVersionId
  int64_t created_ms = 0;   // wall clock at registration
};

struct NewVersion {
  std::string subject;
  std::string schema_type;
  std::string schema;
  std::vector<SchemaReference> references;
  std::string dedup_key;                 // equal keys <=> same schema id
  std::optional<int32_t> id;             // IMPORT mode: the id to use
  std::optional<int32_t> version;        // IMPORT mode: the version to use
};

class SchemaStore {
 public:
  virtual ~SchemaStore() = default;

  // The id of the schema with this dedup key, if any subject ever registered it.
  virtual Result<std::optional<int32_t>> FindSchemaId(const std::string& dedup_key) = 0;
  // NotFound if no schema has this id.
  virtual Result<SchemaRecord> GetSchema(int32_t id) = 0;
  // In one transaction: finds or creates the schema id for `v.dedup_key` (or uses `v.id`),
  // and appends a version to the subject (number = highest ever used + 1, unless `v.version`).
  // AlreadyExists if `v.id`/`v.version` are taken by something else.
  virtual Result<VersionRecord> AddVersion(const NewVersion& v) = 0;

  // Subjects with at least one version (live, or also soft-deleted ones), sorted.
  virtual Result<std::vector<std::string>> ListSubjects(bool include_deleted) = 0;
  // Versions of a subject in ascending order; empty if none.
  virtual Result<std::vector<VersionRecord>> ListVersions(const std::string& subject,
                                                          bool include_deleted) = 0;
  // Every version, in any subject, that uses schema `id`.
  virtual Result<std::vector<VersionRecord>> VersionsOfSchema(int32_t id) = 0;
  // NotFound if no version has this UUID.
  virtual Result<VersionRecord> VersionByUuid(const std::string& uuid) = 0;
  // Ids of schemas whose references point at (subject, version).
  virtual Result<std::vector<int32_t>> ReferencedBy(const std::string& subject,
                                                    int32_t version) = 0;

  // Marks the version soft-deleted (true) or live (false). NotFound if absent.
  virtual Status SetDeleted(const std::string& subject, int32_t version, bool deleted) = 0;
  // Removes the version for good. NotFound if absent.
  virtual Status DeletePermanently(const std::string& subject, int32_t version) = 0;

  // Configuration entries; scope "" is global.
  virtual Result<std::optional<std::string>> GetConfig(const std::string& scope,
                                                       const std::string& name) = 0;
  virtual Status SetConfig(const std::string& scope, const std::string& name,
                           const std::string& value) = 0;
  virtual Status DeleteConfig(const std::string& scope, const std::string& name) = 0;
};

}  // namespace tributary::registry
