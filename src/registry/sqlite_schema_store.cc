#include "registry/sqlite_schema_store.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "common/clock.h"

namespace tributary::registry {
namespace {

constexpr const char* kSchemaDdl = R"sql(
CREATE TABLE IF NOT EXISTS schemas(
  id INTEGER PRIMARY KEY,
  schema_type TEXT NOT NULL,
  schema TEXT NOT NULL,
  refs TEXT NOT NULL,
  dedup_key TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS versions(
  subject TEXT NOT NULL,
  version INTEGER NOT NULL,
  schema_id INTEGER NOT NULL REFERENCES schemas(id),
  deleted INTEGER NOT NULL DEFAULT 0,
  uuid TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY(subject, version));
CREATE INDEX IF NOT EXISTS versions_by_schema ON versions(schema_id);
CREATE TABLE IF NOT EXISTS schema_refs(
  schema_id INTEGER NOT NULL,
  ref_subject TEXT NOT NULL,
  ref_version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS refs_by_target ON schema_refs(ref_subject, ref_version);
CREATE TABLE IF NOT EXISTS config(
  scope TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(scope, name));
)sql";

std::string NewUuid() {
  static std::mutex mu;
  static std::mt19937_64 rng{std::random_device{}()};
  uint64_t hi, lo;
  {
    std::lock_guard lock(mu);
    hi = rng();
    lo = rng();
  }
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFull);
}

std::string RefsToJson(const std::vector<SchemaReference>& refs) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& r : refs)
    j.push_back({{"name", r.name}, {"subject", r.subject}, {"version", r.version}});
  return j.dump();
}

std::vector<SchemaReference> RefsFromJson(const std::string& text) {
  std::vector<SchemaReference> refs;
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return refs;
  for (const auto& r : j)
    refs.push_back({r.value("name", ""), r.value("subject", ""), r.value("version", 0)});
  return refs;
}

}  // namespace

// A prepared statement that finalizes itself.
class SqliteSchemaStore::Statement {
 public:
  Statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool prepared() const { return rc_ == SQLITE_OK; }
  Statement& Bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  VersionRecord Version() const {  // columns: subject, version, schema_id, deleted, uuid, created
    return VersionRecord{Text(0), static_cast<int32_t>(Int(1)), static_cast<int32_t>(Int(2)),
                         Int(3) != 0, Text(4), Int(5)};
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

namespace {
constexpr const char* kVersionColumns = "subject, version, schema_id, deleted, uuid, created_ms";
}

Result<std::unique_ptr<SqliteSchemaStore>> SqliteSchemaStore::Open(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    return Status::IOError("cannot create registry data.dir '{}': {}", data_dir, ec.message());
  std::string path = (std::filesystem::path(data_dir) / "schemas.db").string();
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::IOError("cannot open registry store '{}': {}", path, msg);
  }
  std::unique_ptr<SqliteSchemaStore> store(new SqliteSchemaStore(db, path));
  sqlite3_busy_timeout(db, 5000);
  TRIB_RETURN_IF_ERROR(store->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"));
  TRIB_RETURN_IF_ERROR(store->Exec(kSchemaDdl));
  return store;
}

SqliteSchemaStore::~SqliteSchemaStore() { sqlite3_close(db_); }

Status SqliteSchemaStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError("registry store '{}': {}", path_, msg);
  }
  return Status::OK();
}

Status SqliteSchemaStore::Error(const char* what) const {
  return Status::IOError("registry store '{}': {}: {}", path_, what, sqlite3_errmsg(db_));
}

Result<std::optional<int32_t>> SqliteSchemaStore::FindSchemaId(const std::string& dedup_key) {
  std::lock_guard lock(mu_);
  Statement st(db_, "SELECT id FROM schemas WHERE dedup_key = ?");
  if (!st.prepared()) return Error("find schema");
  st.Bind(1, dedup_key);
  int rc = st.Step();
  if (rc == SQLITE_ROW) return std::optional<int32_t>(static_cast<int32_t>(st.Int(0)));
  if (rc == SQLITE_DONE) return std::optional<int32_t>();
  return Error("find schema");
}

Result<SchemaRecord> SqliteSchemaStore::GetSchema(int32_t id) {
  std::lock_guard lock(mu_);
  Statement st(db_, "SELECT schema_type, schema, refs FROM schemas WHERE id = ?");
  if (!st.prepared()) return Error("get schema");
  st.Bind(1, id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("Schema {} not found", id);
  if (rc != SQLITE_ROW) return Error("get schema");
  return SchemaRecord{id, st.Text(0), st.Text(1), RefsFromJson(st.Text(2))};
}

Result<VersionRecord> SqliteSchemaStore::AddVersion(const NewVersion& v) {
  std::lock_guard lock(mu_);
  TRIB_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  auto result = AddVersionLocked(v);
  Status end = Exec(result.ok() ? "COMMIT" : "ROLLBACK");
  if (!result.ok()) return result;
  if (!end.ok()) return end;
  return result;
}

Result<VersionRecord> SqliteSchemaStore::AddVersionLocked(const NewVersion& v) {
  std::optional<int32_t> id;
  {
    Statement st(db_, "SELECT id FROM schemas WHERE dedup_key = ?");
    st.Bind(1, v.dedup_key);
    if (st.Step() == SQLITE_ROW) id = static_cast<int32_t>(st.Int(0));
  }
  if (v.id && id && *v.id != *id)
    return Status::AlreadyExists("schema is already registered with id {}, not {}", *id, *v.id);
  if (!id) {
    if (v.id) {
      Statement taken(db_, "SELECT 1 FROM schemas WHERE id = ?");
      taken.Bind(1, *v.id);
      if (taken.Step() == SQLITE_ROW)
        return Status::AlreadyExists("schema id {} is already used by a different schema", *v.id);
    }
    Statement ins(db_,
                  "INSERT INTO schemas(id, schema_type, schema, refs, dedup_key) "
                  "VALUES(?, ?, ?, ?, ?)");
    if (v.id) ins.Bind(1, *v.id);  // left unbound (NULL), SQLite assigns max(id) + 1
    ins.Bind(2, v.schema_type).Bind(3, v.schema).Bind(4, RefsToJson(v.references))
        .Bind(5, v.dedup_key);
    if (ins.Step() != SQLITE_DONE) return Error("insert schema");
    id = static_cast<int32_t>(sqlite3_last_insert_rowid(db_));
    for (const auto& ref : v.references) {
      Statement r(db_, "INSERT INTO schema_refs(schema_id, ref_subject, ref_version) VALUES(?,?,?)");
      r.Bind(1, *id).Bind(2, ref.subject).Bind(3, ref.version);
      if (r.Step() != SQLITE_DONE) return Error("insert reference");
    }
  }
  int32_t version;
  if (v.version) {
    version = *v.version;
  } else {
    Statement mx(db_, "SELECT COALESCE(MAX(version), 0) FROM versions WHERE subject = ?");
    mx.Bind(1, v.subject);
    if (mx.Step() != SQLITE_ROW) return Error("next version");
    version = static_cast<int32_t>(mx.Int(0)) + 1;
  }
  VersionRecord rec{v.subject, version, *id, false, NewUuid(), NowMs()};
  Statement ins(db_,
                "INSERT INTO versions(subject, version, schema_id, deleted, uuid, created_ms) "
                "VALUES(?, ?, ?, 0, ?, ?)");
  ins.Bind(1, rec.subject).Bind(2, rec.version).Bind(3, rec.schema_id).Bind(4, rec.uuid)
      .Bind(5, rec.created_ms);
  int rc = ins.Step();
  if (rc == SQLITE_CONSTRAINT)
    return Status::AlreadyExists("subject '{}' already has a version {}", v.subject, version);
  if (rc != SQLITE_DONE) return Error("insert version");
  return rec;
}

Result<std::vector<std::string>> SqliteSchemaStore::ListSubjects(bool include_deleted) {
  std::lock_guard lock(mu_);
  Statement st(db_, include_deleted
                        ? "SELECT DISTINCT subject FROM versions ORDER BY subject"
                        : "SELECT DISTINCT subject FROM versions WHERE deleted = 0 ORDER BY subject");
  if (!st.prepared()) return Error("list subjects");
  std::vector<std::string> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(st.Text(0));
  if (rc != SQLITE_DONE) return Error("list subjects");
  return out;
}

Result<std::vector<VersionRecord>> SqliteSchemaStore::ListVersions(const std::string& subject,
                                                                   bool include_deleted) {
  std::lock_guard lock(mu_);
  std::string sql = fmt::format("SELECT {} FROM versions WHERE subject = ?{} ORDER BY version",
                                kVersionColumns, include_deleted ? "" : " AND deleted = 0");
  Statement st(db_, sql.c_str());
  if (!st.prepared()) return Error("list versions");
  st.Bind(1, subject);
  std::vector<VersionRecord> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(st.Version());
  if (rc != SQLITE_DONE) return Error("list versions");
  return out;
}

Result<std::vector<VersionRecord>> SqliteSchemaStore::VersionsOfSchema(int32_t id) {
  std::lock_guard lock(mu_);
  std::string sql = fmt::format(
      "SELECT {} FROM versions WHERE schema_id = ? ORDER BY subject, version", kVersionColumns);
  Statement st(db_, sql.c_str());
  if (!st.prepared()) return Error("versions of schema");
  st.Bind(1, id);
  std::vector<VersionRecord> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(st.Version());
  if (rc != SQLITE_DONE) return Error("versions of schema");
  return out;
}

Result<VersionRecord> SqliteSchemaStore::VersionByUuid(const std::string& uuid) {
  std::lock_guard lock(mu_);
  std::string sql = fmt::format("SELECT {} FROM versions WHERE uuid = ?", kVersionColumns);
  Statement st(db_, sql.c_str());
  if (!st.prepared()) return Error("version by uuid");
  st.Bind(1, uuid);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("no schema version has id {}", uuid);
  if (rc != SQLITE_ROW) return Error("version by uuid");
  return st.Version();
}

Result<std::vector<int32_t>> SqliteSchemaStore::ReferencedBy(const std::string& subject,
                                                             int32_t version) {
  std::lock_guard lock(mu_);
  Statement st(db_,
               "SELECT DISTINCT r.schema_id FROM schema_refs r "
               "WHERE r.ref_subject = ? AND r.ref_version = ? AND EXISTS "
               "(SELECT 1 FROM versions v WHERE v.schema_id = r.schema_id) ORDER BY 1");
  if (!st.prepared()) return Error("referenced by");
  st.Bind(1, subject).Bind(2, version);
  std::vector<int32_t> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(static_cast<int32_t>(st.Int(0)));
  if (rc != SQLITE_DONE) return Error("referenced by");
  return out;
}

Status SqliteSchemaStore::SetDeleted(const std::string& subject, int32_t version, bool deleted) {
  std::lock_guard lock(mu_);
  Statement st(db_, "UPDATE versions SET deleted = ? WHERE subject = ? AND version = ?");
  st.Bind(1, int64_t{deleted ? 1 : 0}).Bind(2, subject).Bind(3, version);
  if (st.Step() != SQLITE_DONE) return Error("soft delete");
  if (sqlite3_changes(db_) == 0)
    return Status::NotFound("subject '{}' has no version {}", subject, version);
  return Status::OK();
}

Status SqliteSchemaStore::DeletePermanently(const std::string& subject, int32_t version) {
  std::lock_guard lock(mu_);
  Statement st(db_, "DELETE FROM versions WHERE subject = ? AND version = ?");
  st.Bind(1, subject).Bind(2, version);
  if (st.Step() != SQLITE_DONE) return Error("permanent delete");
  if (sqlite3_changes(db_) == 0)
    return Status::NotFound("subject '{}' has no version {}", subject, version);
  return Status::OK();
}

Result<std::optional<std::string>> SqliteSchemaStore::GetConfig(const std::string& scope,
                                                                const std::string& name) {
  std::lock_guard lock(mu_);
  Statement st(db_, "SELECT value FROM config WHERE scope = ? AND name = ?");
  if (!st.prepared()) return Error("get config");
  st.Bind(1, scope).Bind(2, name);
  int rc = st.Step();
  if (rc == SQLITE_ROW) return std::optional<std::string>(st.Text(0));
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  return Error("get config");
}

Status SqliteSchemaStore::SetConfig(const std::string& scope, const std::string& name,
                                    const std::string& value) {
  std::lock_guard lock(mu_);
  Statement st(db_, "INSERT OR REPLACE INTO config(scope, name, value) VALUES(?, ?, ?)");
  st.Bind(1, scope).Bind(2, name).Bind(3, value);
  if (st.Step() != SQLITE_DONE) return Error("set config");
  return Status::OK();
}

Status SqliteSchemaStore::DeleteConfig(const std::string& scope, const std::string& name) {
  std::lock_guard lock(mu_);
  Statement st(db_, "DELETE FROM config WHERE scope = ? AND name = ?");
  st.Bind(1, scope).Bind(2, name);
  if (st.Step() != SQLITE_DONE) return Error("delete config");
  return Status::OK();
}

}  // namespace tributary::registry
