// SqliteSchemaStore: the embedded SchemaStore, one SQLite file (WAL journal, synchronous=FULL,
// one transaction per write), so every acknowledged registration survives a crash or restart.
//
// Thread-safety: one connection guarded by a mutex; safe to call from several threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "registry/schema_store.h"

struct sqlite3;

namespace tributary::registry {

class SqliteSchemaStore final : public SchemaStore {
 public:
  // Opens (creating if needed) `<data_dir>/schemas.db`, creating `data_dir` too.
  static Result<std::unique_ptr<SqliteSchemaStore>> Open(const std::string& data_dir);
  ~SqliteSchemaStore() override;

  Result<std::optional<int32_t>> FindSchemaId(const std::string& dedup_key) override;
  Result<SchemaRecord> GetSchema(int32_t id) override;
  Result<VersionRecord> AddVersion(const NewVersion& v) override;
  Result<std::vector<std::string>> ListSubjects(bool include_deleted) override;
  Result<std::vector<VersionRecord>> ListVersions(const std::string& subject,
                                                  bool include_deleted) override;
  Result<std::vector<VersionRecord>> VersionsOfSchema(int32_t id) override;
  Result<VersionRecord> VersionByUuid(const std::string& uuid) override;
  Result<std::vector<int32_t>> ReferencedBy(const std::string& subject, int32_t version) override;
  Status SetDeleted(const std::string& subject, int32_t version, bool deleted) override;
  Status DeletePermanently(const std::string& subject, int32_t version) override;
  Result<std::optional<std::string>> GetConfig(const std::string& scope,
                                               const std::string& name) override;
  Status SetConfig(const std::string& scope, const std::string& name,
                   const std::string& value) override;
  Status DeleteConfig(const std::string& scope, const std::string& name) override;

 private:
  class Statement;
  SqliteSchemaStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Exec(const char* sql);
  Status Error(const char* what) const;
  Result<VersionRecord> AddVersionLocked(const NewVersion& v);

  std::mutex mu_;
  sqlite3* db_;
  std::string path_;
};

}  // namespace tributary::registry
