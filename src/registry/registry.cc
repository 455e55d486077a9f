#include "registry/registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <set>
#include <sstream>
#include <tuple>

#include "avro/schema_parser.h"
#include "registry/avro_normalizer.h"
#include "registry/registry_error.h"
#include "registry/sqlite_schema_store.h"

namespace tributary::registry {
namespace {

constexpr const char* kCompatibilityKey = "compatibility";
constexpr const char* kModeKey = "mode";
constexpr CompatibilityLevel kDefaultCompatibility = CompatibilityLevel::kBackward;
// Distinct request texts whose parse is kept (a few MB at most); the cache starts over when full.
constexpr size_t kParsedRequestsCapacity = 1024;

Status StoreError(const Status& status) {
  return RegistryError(error_code::kStoreError, "Error in the backend datastore: " + status.message());
}

Status SubjectNotFound(const std::string& subject) {
  return RegistryError(error_code::kSubjectNotFound, fmt::format("Subject '{}' not found.", subject));
}

// normalize=true: references sorted and without duplicates, as Confluent normalizes them.
SchemaRequest WithCanonicalReferences(SchemaRequest request) {
  if (!request.normalize) return request;
  auto& refs = request.references;
  auto key = [](const SchemaReference& r) { return std::tie(r.name, r.subject, r.version); };
  std::sort(refs.begin(), refs.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  return request;
}

// The config scope of a subject's context: ":.R:" for ":.R:S"; "" for the default context.
std::string ContextScope(const std::string& subject) {
  std::string context = ContextOf(subject);
  return context == "." ? "" : ":" + context + ":";
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A line diff through the longest common subsequence (definitions are a few hundred lines).
std::string LineDiff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;)
    for (size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::string out;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out += "  " + a[i++] + "\n";
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += "+ " + b[j++] + "\n";
    } else {
      out += "- " + a[i++] + "\n";
    }
  }
  return out;
}

}  // namespace

std::string ContextOf(const std::string& subject) {
  if (subject.size() > 2 && subject[0] == ':' && subject[1] == '.') {
    size_t end = subject.find(':', 1);
    if (end != std::string::npos) return subject.substr(1, end - 1);
  }
  return ".";
}

std::string NormalizeSubject(const std::string& subject) {
  if (subject.rfind(":.:", 0) == 0) return subject.substr(3);
  return subject;
}

Registry::Registry(std::unique_ptr<SchemaStore> store) : store_(std::move(store)) {}

Result<std::unique_ptr<Registry>> Registry::OpenEmbedded(const std::string& data_dir) {
  TRIB_ASSIGN_OR_RETURN(auto store, SqliteSchemaStore::Open(data_dir));
  return std::make_unique<Registry>(std::move(store));
}

// --- parsing and caches ----------------------------------------------------------------

Result<Registry::Parsed> Registry::ParseRequest(const SchemaRequest& request) {
  // Producers submit the same text again and again (every start-up registers or looks up its
  // schema): parse each text once. With references the result depends on other subjects'
  // versions, so those are parsed every time.
  if (!request.references.empty()) return ParseUncached(request);
  std::string key = (request.normalize ? "N" : "R") + request.schema_type + "\n" + request.schema;
  {
    std::shared_lock lock(cache_mu_);
    auto it = parsed_requests_.find(key);
    if (it != parsed_requests_.end()) return it->second;
  }
  TRIB_ASSIGN_OR_RETURN(Parsed parsed, ParseUncached(request));
  std::unique_lock lock(cache_mu_);
  if (parsed_requests_.size() >= kParsedRequestsCapacity) parsed_requests_.clear();
  parsed_requests_.emplace(std::move(key), parsed);
  return parsed;
}

Result<Registry::Parsed> Registry::ParseUncached(const SchemaRequest& request) {
  if (!request.schema_type.empty() && request.schema_type != "AVRO")
    return RegistryError(error_code::kInvalidSchema,
                         fmt::format("Invalid schema type {}: this registry serves AVRO schemas "
                                     "only (GET /schemas/types); PROTOBUF and JSON schemas are "
                                     "not supported",
                                     request.schema_type));
  avro::ParseOptions options;
  for (const auto& ref : request.references) {
    auto version = ResolveVersion(NormalizeSubject(ref.subject), std::to_string(ref.version), false);
    if (!version.ok())
      return RegistryError(error_code::kInvalidSchema,
                           fmt::format("Invalid schema: reference '{}' to subject '{}' version {} "
                                       "cannot be resolved: {}",
                                       ref.name, ref.subject, ref.version,
                                       RegistryErrorMessage(version.status())));
    TRIB_ASSIGN_OR_RETURN(auto parsed, ParsedById(version->schema_id));
    options.references.push_back(std::move(parsed));
  }
  auto schema = avro::ParseSchema(request.schema, options);
  if (!schema.ok())
    return RegistryError(error_code::kInvalidSchema,
                         "Invalid schema: " + schema.status().message());
  Parsed parsed{*schema, {}};
  if (request.normalize) {
    parsed.normalized = NormalizedAvroSchema(**schema, options.references);
  } else if (request.references.empty()) {
    parsed.normalized = avro::ToJson(**schema);
  } else {
    // Referenced types are defined elsewhere; keep the document as written, minus whitespace.
    parsed.normalized = avro::Json::parse(request.schema).dump();
  }
  return parsed;
}

namespace {

// Equal keys <=> the same schema id: the normalized text plus the references.
std::string DedupKeyOf(const std::string& normalized, const std::vector<SchemaReference>& refs) {
  std::string key = "AVRO\n" + normalized;
  for (const auto& ref : refs)
    key += fmt::format("\n{}|{}|{}", ref.name, NormalizeSubject(ref.subject), ref.version);
  return key;
}

}  // namespace

std::string Registry::DedupKey(const SchemaRequest& request, const std::string& normalized) const {
  return DedupKeyOf(normalized, request.references);
}

std::string StoredSchemaDedupKey(const SchemaRecord& record) {
  // Normalized as ParseRequest does; a schema with references (whose types live elsewhere) or
  // one that does not parse is compared as minified JSON.
  auto document = avro::Json::parse(record.schema, nullptr, /*allow_exceptions=*/false);
  std::string normalized = document.is_discarded() ? record.schema : document.dump();
  if (record.references.empty()) {
    auto schema = avro::ParseSchema(record.schema);
    if (schema.ok()) normalized = avro::ToJson(**schema);
  }
  return DedupKeyOf(normalized, record.references);
}

Result<avro::SchemaPtr> Registry::ParsedById(int32_t id) {
  {
    std::shared_lock lock(cache_mu_);
    auto it = parsed_.find(id);
    if (it != parsed_.end()) return it->second;
  }
  TRIB_ASSIGN_OR_RETURN(RegisteredSchema record, RecordById(id));
  SchemaRequest request{record.schema, record.schema_type, record.references, {}, {}};
  TRIB_ASSIGN_OR_RETURN(Parsed parsed, ParseRequest(request));
  std::unique_lock lock(cache_mu_);
  return parsed_.emplace(id, parsed.schema).first->second;
}

Result<RegisteredSchema> Registry::GetSchemaById(int32_t id) {
  TRIB_ASSIGN_OR_RETURN(RegisteredSchema record, RecordById(id));
  TRIB_ASSIGN_OR_RETURN(record.parsed, ParsedById(id));
  return record;
}

Result<RegisteredSchema> Registry::RecordById(int32_t id) {
  {
    std::shared_lock lock(cache_mu_);
    auto it = records_.find(id);
    if (it != records_.end()) {
      auto p = parsed_.find(id);
      return RegisteredSchema{"", 0, id, it->second.schema_type, it->second.schema,
                              it->second.references, false, "", 0,
                              p == parsed_.end() ? nullptr : p->second};
    }
  }
  auto record = store_->GetSchema(id);
  if (!record.ok()) {
    if (record.status().IsNotFound())
      return RegistryError(error_code::kSchemaNotFound, fmt::format("Schema {} not found", id));
    return StoreError(record.status());
  }
  {
    std::unique_lock lock(cache_mu_);
    records_.emplace(id, *record);
  }
  return RegisteredSchema{"", 0, id, record->schema_type, record->schema, record->references,
                          false, "", 0, nullptr};
}

Result<RegisteredSchema> Registry::Join(const VersionRecord& version) {
  TRIB_ASSIGN_OR_RETURN(RegisteredSchema joined, GetSchemaById(version.schema_id));
  joined.subject = version.subject;
  joined.version = version.version;
  joined.deleted = version.deleted;
  joined.uuid = version.uuid;
  joined.created_ms = version.created_ms;
  return joined;
}

Result<VersionRecord> Registry::ResolveVersion(const std::string& subject,
                                               std::string_view version, bool include_deleted) {
  bool latest = version == "latest" || version == "-1";
  int32_t number = 0;
  if (!latest) {
    auto [end, ec] = std::from_chars(version.data(), version.data() + version.size(), number);
    if (ec != std::errc() || end != version.data() + version.size() || number < 1)
      return RegistryError(error_code::kInvalidVersion,
                           fmt::format("The specified version '{}' is not a valid version id. "
                                       "Allowed values are between [1, 2^31-1] and the string "
                                       "\"latest\"",
                                       version));
  }
  auto all = store_->ListVersions(subject, true);
  if (!all.ok()) return StoreError(all.status());
  std::vector<VersionRecord> visible;
  for (auto& v : *all)
    if (include_deleted || !v.deleted) visible.push_back(std::move(v));
  if (visible.empty()) return SubjectNotFound(subject);
  if (latest) return visible.back();
  for (auto& v : visible)
    if (v.version == number) return std::move(v);
  return RegistryError(error_code::kVersionNotFound, fmt::format("Version {} not found.", number));
}

Result<std::vector<PreviousVersion>> Registry::LiveVersionsForCheck(
    const std::string& subject, std::vector<avro::SchemaPtr>* keep) {
  auto versions = store_->ListVersions(subject, false);
  if (!versions.ok()) return StoreError(versions.status());
  std::vector<PreviousVersion> previous;
  for (const auto& v : *versions) {
    TRIB_ASSIGN_OR_RETURN(auto parsed, ParsedById(v.schema_id));
    keep->push_back(parsed);
    previous.push_back({v.version, parsed.get()});
  }
  return previous;
}

// --- Confluent API ---------------------------------------------------------------------

Status Registry::CheckWritable(const std::string& subject) {
  TRIB_ASSIGN_OR_RETURN(Mode mode, GetMode(subject, true));
  if (mode == Mode::kReadOnly || mode == Mode::kReadOnlyOverride)
    return RegistryError(error_code::kOperationNotPermitted,
                         fmt::format("Subject {} is in read-only mode", subject));
  return Status::OK();
}

Result<RegisteredSchema> Registry::Register(const std::string& raw_subject,
                                            const SchemaRequest& request) {
  std::string subject = NormalizeSubject(raw_subject);
  if (!request.id && !request.version) {
    // What every producer does at start-up: a schema the subject already has needs no write.
    auto existing = Lookup(subject, request, false);
    if (existing.ok()) {
      TRIB_RETURN_IF_ERROR(CheckWritable(subject));
      return existing;
    }
  }
  std::lock_guard lock(write_mu_);
  return RegisterLocked(subject, request);
}

Result<RegisteredSchema> Registry::RegisterLocked(const std::string& subject,
                                                  const SchemaRequest& raw_request) {
  const SchemaRequest request = WithCanonicalReferences(raw_request);
  if (subject.empty())
    return RegistryError(error_code::kInvalidSchema, "Subject name must not be empty");
  TRIB_RETURN_IF_ERROR(CheckWritable(subject));
  TRIB_ASSIGN_OR_RETURN(Mode mode, GetMode(subject, true));
  if ((request.id || request.version) && mode != Mode::kImport)
    return RegistryError(error_code::kOperationNotPermitted,
                         fmt::format("Subject {}: registering with a given id or version is only "
                                     "permitted in IMPORT mode",
                                     subject));
  TRIB_ASSIGN_OR_RETURN(Parsed parsed, ParseRequest(request));
  std::string key = DedupKey(request, parsed.normalized);
  auto existing_id = store_->FindSchemaId(key);
  if (!existing_id.ok()) return StoreError(existing_id.status());
  if (existing_id->has_value()) {
    auto live = store_->ListVersions(subject, false);
    if (!live.ok()) return StoreError(live.status());
    for (auto it = live->rbegin(); it != live->rend(); ++it)
      if (it->schema_id == **existing_id) return Join(*it);
  }
  if (mode != Mode::kImport) {
    TRIB_ASSIGN_OR_RETURN(CompatibilityLevel level, GetCompatibility(subject, true));
    std::vector<avro::SchemaPtr> keep;
    TRIB_ASSIGN_OR_RETURN(auto previous, LiveVersionsForCheck(subject, &keep));
    CompatibilityResult check = CheckCompatibility(level, *parsed.schema, previous);
    if (!check.compatible)
      return RegistryError(
          error_code::kIncompatibleSchema,
          fmt::format("Schema being registered is incompatible with an earlier schema for "
                      "subject \"{}\", details: [{}]",
                      subject, fmt::join(check.Messages(level), ", ")));
  }
  NewVersion version{subject,  "AVRO",     parsed.normalized, request.references,
                     key,      request.id, request.version};
  auto added = store_->AddVersion(version);
  if (!added.ok()) {
    if (added.status().code() == StatusCode::kAlreadyExists)
      return RegistryError(error_code::kOperationNotPermitted, added.status().message());
    return StoreError(added.status());
  }
  {
    std::unique_lock cache_lock(cache_mu_);
    parsed_.emplace(added->schema_id, parsed.schema);
  }
  return Join(*added);
}

Result<RegisteredSchema> Registry::Lookup(const std::string& raw_subject,
                                          const SchemaRequest& raw_request, bool include_deleted) {
  const SchemaRequest request = WithCanonicalReferences(raw_request);
  std::string subject = NormalizeSubject(raw_subject);
  auto versions = store_->ListVersions(subject, include_deleted);
  if (!versions.ok()) return StoreError(versions.status());
  if (versions->empty()) return SubjectNotFound(subject);
  TRIB_ASSIGN_OR_RETURN(Parsed parsed, ParseRequest(request));
  auto id = store_->FindSchemaId(DedupKey(request, parsed.normalized));
  if (!id.ok()) return StoreError(id.status());
  if (id->has_value())
    for (auto it = versions->rbegin(); it != versions->rend(); ++it)
      if (it->schema_id == **id) return Join(*it);
  return RegistryError(error_code::kSchemaNotFound, "Schema not found");
}

Result<RegisteredSchema> Registry::GetVersion(const std::string& subject, std::string_view version,
                                              bool include_deleted) {
  TRIB_ASSIGN_OR_RETURN(VersionRecord record,
                        ResolveVersion(NormalizeSubject(subject), version, include_deleted));
  return Join(record);
}

Result<std::vector<int32_t>> Registry::ListVersions(const std::string& raw_subject,
                                                    bool include_deleted) {
  std::string subject = NormalizeSubject(raw_subject);
  auto versions = store_->ListVersions(subject, include_deleted);
  if (!versions.ok()) return StoreError(versions.status());
  if (versions->empty()) return SubjectNotFound(subject);
  std::vector<int32_t> out;
  for (const auto& v : *versions) out.push_back(v.version);
  return out;
}

Result<std::vector<std::string>> Registry::ListSubjects(std::string_view prefix,
                                                        bool include_deleted) {
  auto subjects = store_->ListSubjects(include_deleted);
  if (!subjects.ok()) return StoreError(subjects.status());
  std::vector<std::string> out;
  for (auto& s : *subjects)
    if (s.rfind(prefix, 0) == 0) out.push_back(std::move(s));
  return out;
}

Result<std::vector<std::pair<std::string, int32_t>>> Registry::SubjectVersionsOf(
    int32_t id, bool include_deleted) {
  TRIB_RETURN_IF_ERROR(RecordById(id).status());
  auto versions = store_->VersionsOfSchema(id);
  if (!versions.ok()) return StoreError(versions.status());
  std::vector<std::pair<std::string, int32_t>> out;
  for (const auto& v : *versions)
    if (include_deleted || !v.deleted) out.emplace_back(v.subject, v.version);
  return out;
}

Result<std::vector<int32_t>> Registry::ReferencedBy(const std::string& subject,
                                                    std::string_view version) {
  TRIB_ASSIGN_OR_RETURN(VersionRecord record,
                        ResolveVersion(NormalizeSubject(subject), version, true));
  auto ids = store_->ReferencedBy(record.subject, record.version);
  if (!ids.ok()) return StoreError(ids.status());
  return *ids;
}

Result<std::vector<int32_t>> Registry::DeleteSubject(const std::string& raw_subject,
                                                     bool permanent) {
  std::lock_guard lock(write_mu_);
  std::string subject = NormalizeSubject(raw_subject);
  TRIB_RETURN_IF_ERROR(CheckWritable(subject));
  auto all = store_->ListVersions(subject, true);
  if (!all.ok()) return StoreError(all.status());
  if (all->empty()) return SubjectNotFound(subject);
  std::vector<int32_t> live;
  for (const auto& v : *all)
    if (!v.deleted) live.push_back(v.version);
  std::vector<int32_t> deleted;
  if (!permanent) {
    if (live.empty())
      return RegistryError(error_code::kSubjectSoftDeleted,
                           fmt::format("Subject '{}' was soft deleted. Set permanent=true to "
                                       "delete permanently",
                                       subject));
    for (int32_t v : live) {
      auto refs = store_->ReferencedBy(subject, v);
      if (!refs.ok()) return StoreError(refs.status());
      if (!refs->empty())
        return RegistryError(error_code::kReferenceExists,
                             fmt::format("One or more references exist to the schema {{subject={}, "
                                         "version={}}}: schema ids {}",
                                         subject, v, fmt::join(*refs, ", ")));
    }
    for (int32_t v : live) {
      Status s = store_->SetDeleted(subject, v, true);
      if (!s.ok()) return StoreError(s);
    }
    return live;
  }
  if (!live.empty())
    return RegistryError(error_code::kSubjectNotSoftDeleted,
                         fmt::format("Subject '{}' was not deleted first before being permanently "
                                     "deleted",
                                     subject));
  for (const auto& v : *all) {
    Status s = store_->DeletePermanently(subject, v.version);
    if (!s.ok()) return StoreError(s);
    deleted.push_back(v.version);
  }
  for (const char* key : {kCompatibilityKey, kModeKey}) {
    Status s = store_->DeleteConfig(subject, key);
    if (!s.ok()) return StoreError(s);
  }
  return deleted;
}

Result<int32_t> Registry::DeleteVersion(const std::string& raw_subject, std::string_view version,
                                        bool permanent) {
  std::lock_guard lock(write_mu_);
  std::string subject = NormalizeSubject(raw_subject);
  TRIB_RETURN_IF_ERROR(CheckWritable(subject));
  // "latest" means the latest live version for a soft delete; a numbered version is found
  // even when soft-deleted, so that deleting it twice says so.
  bool numbered = version != "latest" && version != "-1";
  TRIB_ASSIGN_OR_RETURN(VersionRecord record,
                        ResolveVersion(subject, version, permanent || numbered));
  if (!permanent) {
    if (record.deleted)
      return RegistryError(error_code::kVersionSoftDeleted,
                           fmt::format("Subject '{}' Version {} was soft deleted. Set "
                                       "permanent=true to delete permanently",
                                       subject, record.version));
    auto refs = store_->ReferencedBy(subject, record.version);
    if (!refs.ok()) return StoreError(refs.status());
    if (!refs->empty())
      return RegistryError(error_code::kReferenceExists,
                           fmt::format("One or more references exist to the schema {{subject={}, "
                                       "version={}}}: schema ids {}",
                                       subject, record.version, fmt::join(*refs, ", ")));
    Status s = store_->SetDeleted(subject, record.version, true);
    if (!s.ok()) return StoreError(s);
    return record.version;
  }
  if (!record.deleted)
    return RegistryError(error_code::kVersionNotSoftDeleted,
                         fmt::format("Subject '{}' Version {} was not deleted first before being "
                                     "permanently deleted",
                                     subject, record.version));
  Status s = store_->DeletePermanently(subject, record.version);
  if (!s.ok()) return StoreError(s);
  return record.version;
}

Result<CompatibilityCheck> Registry::TestCompatibility(const std::string& raw_subject,
                                                       std::string_view version,
                                                       const SchemaRequest& request) {
  std::string subject = NormalizeSubject(raw_subject);
  TRIB_ASSIGN_OR_RETURN(Parsed parsed, ParseRequest(request));
  TRIB_ASSIGN_OR_RETURN(CompatibilityLevel level, GetCompatibility(subject, true));
  std::vector<avro::SchemaPtr> keep;
  std::vector<PreviousVersion> previous;
  if (version.empty()) {
    TRIB_ASSIGN_OR_RETURN(previous, LiveVersionsForCheck(subject, &keep));
  } else {
    TRIB_ASSIGN_OR_RETURN(VersionRecord record, ResolveVersion(subject, version, false));
    TRIB_ASSIGN_OR_RETURN(auto old, ParsedById(record.schema_id));
    keep.push_back(old);
    previous.push_back({record.version, old.get()});
  }
  return CompatibilityCheck{level, CheckCompatibility(level, *parsed.schema, previous)};
}

// --- configuration ---------------------------------------------------------------------

template <typename T>
Result<std::optional<T>> Registry::ConfigValue(const std::string& scope, const char* name,
                                               Result<T> (*parse)(std::string_view)) {
  auto value = store_->GetConfig(scope, name);
  if (!value.ok()) return StoreError(value.status());
  if (!value->has_value()) return std::optional<T>();
  TRIB_ASSIGN_OR_RETURN(T parsed, parse(**value));
  return std::optional<T>(parsed);
}

Result<CompatibilityLevel> Registry::GetCompatibility(const std::string& raw_subject,
                                                      bool default_to_global) {
  std::string subject = NormalizeSubject(raw_subject);
  if (!subject.empty()) {
    TRIB_ASSIGN_OR_RETURN(auto own, ConfigValue<CompatibilityLevel>(subject, kCompatibilityKey,
                                                                    &ParseCompatibilityLevel));
    if (own) return *own;
    if (!default_to_global)
      return RegistryError(error_code::kSubjectLevelCompatibilityNotConfigured,
                           fmt::format("Subject '{}' does not have subject-level compatibility "
                                       "configured",
                                       subject));
    std::string context = ContextScope(subject);
    if (!context.empty() && context != subject) {
      TRIB_ASSIGN_OR_RETURN(auto ctx, ConfigValue<CompatibilityLevel>(context, kCompatibilityKey,
                                                                      &ParseCompatibilityLevel));
      if (ctx) return *ctx;
    }
  }
  TRIB_ASSIGN_OR_RETURN(auto global, ConfigValue<CompatibilityLevel>("", kCompatibilityKey,
                                                                     &ParseCompatibilityLevel));
  return global.value_or(kDefaultCompatibility);
}

Status Registry::SetCompatibility(const std::string& subject, CompatibilityLevel level) {
  std::lock_guard lock(write_mu_);
  Status s = store_->SetConfig(NormalizeSubject(subject), kCompatibilityKey,
                               std::string(CompatibilityLevelName(level)));
  return s.ok() ? s : StoreError(s);
}

Result<CompatibilityLevel> Registry::DeleteCompatibility(const std::string& raw_subject) {
  std::lock_guard lock(write_mu_);
  std::string subject = NormalizeSubject(raw_subject);
  TRIB_ASSIGN_OR_RETURN(auto current, ConfigValue<CompatibilityLevel>(subject, kCompatibilityKey,
                                                                      &ParseCompatibilityLevel));
  if (!current) {
    if (subject.empty()) return kDefaultCompatibility;
    return RegistryError(error_code::kSubjectLevelCompatibilityNotConfigured,
                         fmt::format("Subject '{}' does not have subject-level compatibility "
                                     "configured",
                                     subject));
  }
  Status s = store_->DeleteConfig(subject, kCompatibilityKey);
  if (!s.ok()) return StoreError(s);
  return *current;
}

Result<Mode> Registry::GetMode(const std::string& raw_subject, bool default_to_global) {
  std::string subject = NormalizeSubject(raw_subject);
  TRIB_ASSIGN_OR_RETURN(auto global, ConfigValue<Mode>("", kModeKey, &ParseMode));
  if (global == Mode::kReadOnlyOverride) return *global;
  if (!subject.empty()) {
    TRIB_ASSIGN_OR_RETURN(auto own, ConfigValue<Mode>(subject, kModeKey, &ParseMode));
    if (own) return *own;
    if (!default_to_global)
      return RegistryError(error_code::kSubjectLevelModeNotConfigured,
                           fmt::format("Subject '{}' does not have subject-level mode configured",
                                       subject));
    std::string context = ContextScope(subject);
    if (!context.empty() && context != subject) {
      TRIB_ASSIGN_OR_RETURN(auto ctx, ConfigValue<Mode>(context, kModeKey, &ParseMode));
      if (ctx) return *ctx;
    }
  }
  return global.value_or(Mode::kReadWrite);
}

Status Registry::SetMode(const std::string& subject, Mode mode) {
  std::lock_guard lock(write_mu_);
  Status s = store_->SetConfig(NormalizeSubject(subject), kModeKey, std::string(ModeName(mode)));
  return s.ok() ? s : StoreError(s);
}

Result<Mode> Registry::DeleteMode(const std::string& raw_subject) {
  std::lock_guard lock(write_mu_);
  std::string subject = NormalizeSubject(raw_subject);
  TRIB_ASSIGN_OR_RETURN(auto current, ConfigValue<Mode>(subject, kModeKey, &ParseMode));
  if (!current) {
    if (subject.empty()) return Mode::kReadWrite;
    return RegistryError(error_code::kSubjectLevelModeNotConfigured,
                         fmt::format("Subject '{}' does not have subject-level mode configured",
                                     subject));
  }
  Status s = store_->DeleteConfig(subject, kModeKey);
  if (!s.ok()) return StoreError(s);
  return *current;
}

Result<std::vector<std::string>> Registry::ListContexts() {
  auto subjects = store_->ListSubjects(true);
  if (!subjects.ok()) return StoreError(subjects.status());
  std::set<std::string> contexts;
  for (const auto& s : *subjects) contexts.insert(ContextOf(s));
  contexts.erase(".");
  std::vector<std::string> out{"."};
  out.insert(out.end(), contexts.begin(), contexts.end());
  return out;
}

// --- AWS Glue model --------------------------------------------------------------------

std::string Registry::GlueSubject(const std::string& registry_name,
                                  const std::string& schema_name) {
  return ":." + registry_name + ":" + schema_name;
}

Result<RegisteredSchema> Registry::GlueRegisterSchemaVersion(
    const std::string& registry_name, const std::string& schema_name,
    const std::string& definition, std::optional<CompatibilityLevel> compatibility_on_create) {
  std::string subject = GlueSubject(registry_name, schema_name);
  std::lock_guard lock(write_mu_);
  if (compatibility_on_create) {
    auto versions = store_->ListVersions(subject, true);
    if (!versions.ok()) return StoreError(versions.status());
    auto configured = store_->GetConfig(subject, kCompatibilityKey);
    if (!configured.ok()) return StoreError(configured.status());
    if (versions->empty() && !configured->has_value()) {
      Status s = store_->SetConfig(subject, kCompatibilityKey,
                                   std::string(CompatibilityLevelName(*compatibility_on_create)));
      if (!s.ok()) return StoreError(s);
    }
  }
  return RegisterLocked(subject, SchemaRequest{definition, "AVRO", {}, {}, {}});
}

Result<RegisteredSchema> Registry::GlueGetSchemaVersion(const std::string& uuid) {
  auto version = store_->VersionByUuid(uuid);
  if (!version.ok()) {
    if (version.status().IsNotFound())
      return RegistryError(error_code::kVersionNotFound,
                           fmt::format("Schema version id '{}' not found", uuid));
    return StoreError(version.status());
  }
  return Join(*version);
}

Result<std::vector<std::string>> Registry::GlueListRegistries() {
  TRIB_ASSIGN_OR_RETURN(auto contexts, ListContexts());
  std::vector<std::string> out;
  for (const auto& c : contexts)
    if (c != ".") out.push_back(c.substr(1));
  return out;
}

Result<std::vector<GlueSchemaInfo>> Registry::GlueListSchemas(const std::string& registry_name) {
  std::string prefix = GlueSubject(registry_name, "");
  TRIB_ASSIGN_OR_RETURN(auto subjects, ListSubjects(prefix, false));
  std::vector<GlueSchemaInfo> out;
  for (const auto& subject : subjects) {
    TRIB_ASSIGN_OR_RETURN(auto versions, ListVersions(subject, false));
    TRIB_ASSIGN_OR_RETURN(CompatibilityLevel level, GetCompatibility(subject, true));
    out.push_back({registry_name, subject.substr(prefix.size()), level, versions.back(),
                   static_cast<int32_t>(versions.size())});
  }
  return out;
}

Result<std::vector<RegisteredSchema>> Registry::GlueListSchemaVersions(
    const std::string& registry_name, const std::string& schema_name) {
  std::string subject = GlueSubject(registry_name, schema_name);
  auto versions = store_->ListVersions(subject, false);
  if (!versions.ok()) return StoreError(versions.status());
  if (versions->empty()) return SubjectNotFound(subject);
  std::vector<RegisteredSchema> out;
  for (const auto& v : *versions) {
    TRIB_ASSIGN_OR_RETURN(auto joined, Join(v));
    out.push_back(std::move(joined));
  }
  return out;
}

Result<std::string> Registry::GlueDiff(const std::string& registry_name,
                                       const std::string& schema_name, int32_t from_version,
                                       int32_t to_version) {
  std::string subject = GlueSubject(registry_name, schema_name);
  TRIB_ASSIGN_OR_RETURN(auto from, GetVersion(subject, std::to_string(from_version)));
  TRIB_ASSIGN_OR_RETURN(auto to, GetVersion(subject, std::to_string(to_version)));
  return LineDiff(SplitLines(avro::ToJson(*from.parsed, true)),
                  SplitLines(avro::ToJson(*to.parsed, true)));
}

}  // namespace tributary::registry
