#include "registry/kafka_schema_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/logging.h"

namespace tributary::registry {
namespace {

using namespace std::chrono_literals;

// The config names Registry keeps (registry.cc), and the record types that carry them.
constexpr const char* kCompatibilityName = "compatibility";
constexpr const char* kModeName = "mode";

uint64_t Fnv1a(std::string_view text, uint64_t hash) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

// A name-based UUID (RFC 9562 version 8) of a subject version: every instance derives the same.
std::string DerivedUuid(const std::string& subject, int32_t version, int32_t id) {
  std::string name = fmt::format("{}\n{}\n{}", subject, version, id);
  uint64_t hi = Fnv1a(name, 0xcbf29ce484222325ull);
  uint64_t lo = Fnv1a(name, 0x84222325cbf29ce4ull ^ hi);
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000008000ull;
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFull);
}

std::map<std::string, std::string> With(std::map<std::string, std::string> config,
                                        const std::map<std::string, std::string>& overrides) {
  for (const auto& [key, value] : overrides) config[key] = value;
  return config;
}

}  // namespace

Result<std::unique_ptr<KafkaSchemaStore>> KafkaSchemaStore::Open(KafkaStoreOptions options) {
  if (!options.client.contains("bootstrap.servers"))
    return Status::InvalidArgument("kafkastore.bootstrap.servers is required for the Kafka store");
  std::unique_ptr<KafkaSchemaStore> store(new KafkaSchemaStore(std::move(options)));
  TRIB_RETURN_IF_ERROR(store->Start());
  return store;
}

Status KafkaSchemaStore::Start() {
  const std::string& topic = options_.topic;
  TRIB_ASSIGN_OR_RETURN(admin_, kafka::Admin::Create(options_.client));
  kafka::NewTopic spec{topic, 1, options_.replication_factor, {{"cleanup.policy", "compact"}}};
  Status created = admin_->CreateTopics({spec}, options_.timeout);
  if (created.code() == StatusCode::kInvalidArgument && spec.replication_factor > 1) {
    spdlog::warn("registry: cannot create topic {} with replication factor {} ({}); the cluster "
                 "is smaller, using 1",
                 topic, spec.replication_factor, created.message());
    spec.replication_factor = 1;
    created = admin_->CreateTopics({spec}, options_.timeout);
  }
  if (!created.ok() && created.code() != StatusCode::kAlreadyExists) return created;
  TRIB_ASSIGN_OR_RETURN(auto topics, admin_->ListTopics(options_.timeout));
  for (const auto& info : topics)
    if (info.name == topic && info.partitions != 1)
      return Status::InvalidArgument(
          "kafkastore.topic: '{}' has {} partitions; the schema store needs exactly one (its "
          "records are ordered), as Confluent's registry does: use another topic",
          topic, info.partitions);

  TRIB_ASSIGN_OR_RETURN(
      producer_, kafka::Producer::Create(
                     With(options_.client, {{"acks", "all"}, {"linger.ms", "0"}}),
                     [this](const kafka::DeliveryReport& report) {
                       std::lock_guard lock(delivery_mu_);
                       if (report.status.ok()) delivered_offset_ = report.offset;
                     }));
  TRIB_ASSIGN_OR_RETURN(auto reader,
                        kafka::Consumer::Create(With(
                            options_.client, {{"group.id", options_.group_id + "-reader"}})));
  TRIB_RETURN_IF_ERROR(reader->Assign({{topic, 0, kafka::kOffsetBeginning}}));
  reader_ = std::thread([this, consumer = std::move(reader)]() mutable {
    while (!stop_) {
      auto batch = consumer->Poll(1000, 100ms);
      if (!batch.ok()) {
        spdlog::warn("registry: reading {}: {}", options_.topic, batch.status().message());
        std::this_thread::sleep_for(100ms);
        continue;
      }
      if (batch->empty()) continue;
      for (const auto& message : *batch) Apply(message);
      std::lock_guard lock(progress_mu_);
      next_offset_ = batch->back().offset + 1;
      progress_cv_.notify_all();
    }
    (void)consumer->Close();
    std::lock_guard lock(progress_mu_);
    progress_cv_.notify_all();  // writers waiting to read back give up
  });
  return CatchUp();
}

KafkaSchemaStore::~KafkaSchemaStore() {
  stop_ = true;
  if (election_.joinable()) election_.join();
  if (reader_.joinable()) reader_.join();
}

// --- reading the topic --------------------------------------------------------------------

void KafkaSchemaStore::Apply(const kafka::ConsumedMessage& message) {
  if (!message.key) return;
  auto key = DecodeSchemasKey(*message.key);
  if (!key.ok()) {
    spdlog::warn("registry: skipping record at offset {} of {}: {}", message.offset,
                 options_.topic, key.status().message());
    return;
  }
  std::unique_lock lock(state_mu_);
  switch (key->type) {
    case SchemasKeyType::kSchema:
      ApplySchema(*key, message.value, message.timestamp_ms);
      break;
    case SchemasKeyType::kConfig:
    case SchemasKeyType::kMode: {
      std::pair<std::string, std::string> entry{
          key->subject.value_or(""),
          key->type == SchemasKeyType::kMode ? kModeName : kCompatibilityName};
      if (!message.value) {
        config_.erase(entry);
        break;
      }
      auto value = DecodeConfigValue(key->type, *message.value);
      if (value.ok())
        config_[entry] = *value;
      else
        spdlog::warn("registry: skipping record at offset {} of {}: {}", message.offset,
                     options_.topic, value.status().message());
      break;
    }
    case SchemasKeyType::kDeleteSubject: {
      if (!message.value || !key->subject) break;
      auto up_to = DecodeDeleteSubjectVersion(*message.value);
      auto subject = subjects_.find(*key->subject);
      if (!up_to.ok() || subject == subjects_.end()) break;
      for (auto& [version, record] : subject->second)
        if (version <= *up_to) record.deleted = true;
      break;
    }
    case SchemasKeyType::kClearSubject:
    case SchemasKeyType::kNoop:
      break;
  }
}

void KafkaSchemaStore::ApplySchema(const SchemasTopicKey& key,
                                   const std::optional<std::string>& value, int64_t timestamp_ms) {
  auto subject = subjects_.find(*key.subject);
  if (!value) {  // permanently deleted
    if (subject == subjects_.end()) return;
    auto version = subject->second.find(key.version);
    if (version == subject->second.end()) return;
    version_by_uuid_.erase(version->second.uuid);
    subject->second.erase(version);
    if (subject->second.empty()) subjects_.erase(subject);
    return;
  }
  auto decoded = DecodeSchemaVersionValue(*value);
  if (!decoded.ok()) {
    spdlog::warn("registry: skipping a version of subject '{}': {}", *key.subject,
                 decoded.status().message());
    return;
  }
  if (!schemas_.contains(decoded->id)) {
    SchemaRecord record{decoded->id, decoded->schema_type, decoded->schema, decoded->references};
    if (options_.dedup_key) id_by_dedup_key_.emplace(options_.dedup_key(record), record.id);
    schemas_.emplace(record.id, std::move(record));
  }
  max_id_ = std::max(max_id_, decoded->id);
  VersionRecord record{*key.subject,   key.version, decoded->id, decoded->deleted,
                       DerivedUuid(*key.subject, key.version, decoded->id), timestamp_ms};
  auto& versions = subjects_[*key.subject];
  auto existing = versions.find(key.version);
  if (existing != versions.end()) {
    if (existing->second.schema_id == record.schema_id)
      record.created_ms = existing->second.created_ms;  // a soft delete keeps the creation time
    version_by_uuid_.erase(existing->second.uuid);
  }
  version_by_uuid_[record.uuid] = {record.subject, record.version};
  versions[key.version] = std::move(record);
}

// --- writing ------------------------------------------------------------------------------

Status KafkaSchemaStore::Append(const SchemasTopicKey& key,
                                const std::optional<std::string>& value) {
  std::lock_guard write_lock(write_mu_);
  std::string key_bytes = EncodeSchemasKey(key);
  {
    std::lock_guard lock(delivery_mu_);
    delivered_offset_ = -1;
  }
  std::optional<std::string_view> value_view;
  if (value) value_view = *value;
  TRIB_RETURN_IF_ERROR(producer_->Produce(options_.topic, 0, key_bytes, value_view));
  Status flushed = producer_->Flush(options_.timeout);
  if (!flushed.ok())
    return Status::Unavailable("registry: cannot write to Kafka topic {}: {}", options_.topic,
                               flushed.message());
  int64_t offset;
  {
    std::lock_guard lock(delivery_mu_);
    offset = delivered_offset_;
  }
  if (offset < 0)
    return Status::Unavailable("registry: Kafka did not acknowledge the write to {}",
                               options_.topic);
  std::unique_lock lock(progress_mu_);
  if (!progress_cv_.wait_for(lock, options_.timeout,
                             [&] { return next_offset_ > offset || stop_; }))
    return Status::Unavailable(
        "registry: the write at offset {} of {} was not read back within {} ms", offset,
        options_.topic, options_.timeout.count());
  if (next_offset_ <= offset) return Status::Cancelled("registry: the Kafka store is stopping");
  return Status::OK();
}

Status KafkaSchemaStore::CatchUp() {
  return Append(SchemasTopicKey{SchemasKeyType::kNoop, std::nullopt, 0}, std::nullopt);
}

Status KafkaSchemaStore::RequireLeader() const {
  if (leader_) return Status::OK();
  return Status::Unavailable(
      "this registry instance is not the leader of group '{}'; writes go to the leader",
      options_.group_id);
}

Result<VersionRecord> KafkaSchemaStore::AddVersion(const NewVersion& v) {
  TRIB_RETURN_IF_ERROR(RequireLeader());
  int32_t id = 0, version = 0;
  {
    std::shared_lock lock(state_mu_);
    auto known = id_by_dedup_key_.find(v.dedup_key);
    if (v.id && known != id_by_dedup_key_.end() && known->second != *v.id)
      return Status::AlreadyExists("schema is already registered with id {}, not {}",
                                   known->second, *v.id);
    if (known != id_by_dedup_key_.end()) {
      id = known->second;
    } else if (v.id) {
      if (schemas_.contains(*v.id))
        return Status::AlreadyExists("schema id {} is already used by a different schema", *v.id);
      id = *v.id;
    } else {
      id = max_id_ + 1;
    }
    auto subject = subjects_.find(v.subject);
    int32_t highest = subject == subjects_.end() || subject->second.empty()
                          ? 0
                          : subject->second.rbegin()->first;
    if (v.version && subject != subjects_.end() && subject->second.contains(*v.version))
      return Status::AlreadyExists("subject '{}' already has a version {}", v.subject,
                                   *v.version);
    version = v.version.value_or(highest + 1);
  }
  SchemaVersionValue value{v.subject, version, id, v.schema_type, v.schema, v.references, false};
  TRIB_RETURN_IF_ERROR(Append(SchemasTopicKey{SchemasKeyType::kSchema, v.subject, version},
                              EncodeSchemaVersionValue(value)));
  std::shared_lock lock(state_mu_);
  auto subject = subjects_.find(v.subject);
  if (subject == subjects_.end() || !subject->second.contains(version))
    return Status::Internal("registry: subject '{}' version {} vanished after writing it",
                            v.subject, version);
  return subject->second.at(version);
}

Status KafkaSchemaStore::SetDeleted(const std::string& subject, int32_t version, bool deleted) {
  TRIB_RETURN_IF_ERROR(RequireLeader());
  SchemaVersionValue value;
  {
    std::shared_lock lock(state_mu_);
    auto s = subjects_.find(subject);
    if (s == subjects_.end() || !s->second.contains(version))
      return Status::NotFound("subject '{}' has no version {}", subject, version);
    const SchemaRecord& schema = schemas_.at(s->second.at(version).schema_id);
    value = {subject, version, schema.id, schema.schema_type, schema.schema, schema.references,
             deleted};
  }
  return Append(SchemasTopicKey{SchemasKeyType::kSchema, subject, version},
                EncodeSchemaVersionValue(value));
}

Status KafkaSchemaStore::DeletePermanently(const std::string& subject, int32_t version) {
  TRIB_RETURN_IF_ERROR(RequireLeader());
  {
    std::shared_lock lock(state_mu_);
    auto s = subjects_.find(subject);
    if (s == subjects_.end() || !s->second.contains(version))
      return Status::NotFound("subject '{}' has no version {}", subject, version);
  }
  return Append(SchemasTopicKey{SchemasKeyType::kSchema, subject, version}, std::nullopt);
}

Result<SchemasTopicKey> KafkaSchemaStore::ConfigKey(const std::string& scope,
                                                    const std::string& name) const {
  SchemasTopicKey key;
  if (name == kCompatibilityName)
    key.type = SchemasKeyType::kConfig;
  else if (name == kModeName)
    key.type = SchemasKeyType::kMode;
  else
    return Status::InvalidArgument("the Kafka schema store keeps no config named '{}'", name);
  if (!scope.empty()) key.subject = scope;
  return key;
}

Status KafkaSchemaStore::SetConfig(const std::string& scope, const std::string& name,
                                   const std::string& value) {
  TRIB_RETURN_IF_ERROR(RequireLeader());
  TRIB_ASSIGN_OR_RETURN(SchemasTopicKey key, ConfigKey(scope, name));
  return Append(key, EncodeConfigValue(key.type, value));
}

Status KafkaSchemaStore::DeleteConfig(const std::string& scope, const std::string& name) {
  TRIB_RETURN_IF_ERROR(RequireLeader());
  TRIB_ASSIGN_OR_RETURN(SchemasTopicKey key, ConfigKey(scope, name));
  {
    std::shared_lock lock(state_mu_);
    if (!config_.contains({scope, name})) return Status::OK();
  }
  return Append(key, std::nullopt);
}

// --- reads from memory --------------------------------------------------------------------

Result<std::optional<int32_t>> KafkaSchemaStore::FindSchemaId(const std::string& dedup_key) {
  std::shared_lock lock(state_mu_);
  auto it = id_by_dedup_key_.find(dedup_key);
  if (it == id_by_dedup_key_.end()) return std::optional<int32_t>();
  return std::optional<int32_t>(it->second);
}

Result<SchemaRecord> KafkaSchemaStore::GetSchema(int32_t id) {
  std::shared_lock lock(state_mu_);
  auto it = schemas_.find(id);
  if (it == schemas_.end()) return Status::NotFound("Schema {} not found", id);
  return it->second;
}

Result<std::vector<std::string>> KafkaSchemaStore::ListSubjects(bool include_deleted) {
  std::shared_lock lock(state_mu_);
  std::vector<std::string> out;
  for (const auto& [subject, versions] : subjects_)
    if (std::any_of(versions.begin(), versions.end(),
                    [&](const auto& v) { return include_deleted || !v.second.deleted; }))
      out.push_back(subject);
  return out;
}

std::vector<VersionRecord> KafkaSchemaStore::Versions(const std::string& subject,
                                                      bool include_deleted) const {
  std::vector<VersionRecord> out;
  auto it = subjects_.find(subject);
  if (it == subjects_.end()) return out;
  for (const auto& [version, record] : it->second)
    if (include_deleted || !record.deleted) out.push_back(record);
  return out;
}

Result<std::vector<VersionRecord>> KafkaSchemaStore::ListVersions(const std::string& subject,
                                                                  bool include_deleted) {
  std::shared_lock lock(state_mu_);
  return Versions(subject, include_deleted);
}

Result<std::vector<VersionRecord>> KafkaSchemaStore::VersionsOfSchema(int32_t id) {
  std::shared_lock lock(state_mu_);
  std::vector<VersionRecord> out;
  for (const auto& [subject, versions] : subjects_)
    for (const auto& [version, record] : versions)
      if (record.schema_id == id) out.push_back(record);
  return out;
}

Result<VersionRecord> KafkaSchemaStore::VersionByUuid(const std::string& uuid) {
  std::shared_lock lock(state_mu_);
  auto it = version_by_uuid_.find(uuid);
  if (it == version_by_uuid_.end()) return Status::NotFound("no schema version has id {}", uuid);
  return subjects_.at(it->second.first).at(it->second.second);
}

Result<std::vector<int32_t>> KafkaSchemaStore::ReferencedBy(const std::string& subject,
                                                            int32_t version) {
  std::shared_lock lock(state_mu_);
  std::set<int32_t> referencing;
  for (const auto& [id, schema] : schemas_)
    for (const auto& ref : schema.references)
      if (ref.subject == subject && ref.version == version) referencing.insert(id);
  std::vector<int32_t> out;
  for (int32_t id : referencing) {
    bool used = false;
    for (const auto& [s, versions] : subjects_)
      for (const auto& [v, record] : versions) used = used || record.schema_id == id;
    if (used) out.push_back(id);
  }
  return out;
}

Result<std::optional<std::string>> KafkaSchemaStore::GetConfig(const std::string& scope,
                                                               const std::string& name) {
  std::shared_lock lock(state_mu_);
  auto it = config_.find({scope, name});
  if (it == config_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

// --- leadership ---------------------------------------------------------------------------

Status KafkaSchemaStore::JoinLeaderElection(const std::string& advertised_url) {
  advertised_url_ = advertised_url;
  TRIB_ASSIGN_OR_RETURN(
      auto member,
      kafka::Consumer::Create(With(
          options_.client,
          {{"group.id", options_.group_id},
           {"client.id", advertised_url},
           {"session.timeout.ms", std::to_string(options_.session_timeout.count())},
           {"heartbeat.interval.ms", std::to_string(std::max<int64_t>(
                                         100, options_.session_timeout.count() / 10))},
           {"auto.offset.reset", "latest"}})));
  TRIB_RETURN_IF_ERROR(member->Subscribe({options_.topic}));
  election_ = std::thread([this, member = std::move(member)]() mutable {
    ElectionLoop(std::move(member));
  });
  return Status::OK();
}

void KafkaSchemaStore::ElectionLoop(std::unique_ptr<kafka::Consumer> member) {
  while (!stop_) {
    // Messages are not needed here (the reader applies them); polling keeps the membership.
    (void)member->Poll(1000, 200ms);
    auto assignment = member->Assignment();
    bool assigned = assignment.ok() &&
                    std::any_of(assignment->begin(), assignment->end(), [&](const auto& p) {
                      return p.topic == options_.topic && p.partition == 0;
                    });
    if (assigned && !leader_) {
      Status caught_up = CatchUp();
      if (!caught_up.ok()) {
        spdlog::warn("registry: elected leader but cannot read {} to its end yet: {}",
                     options_.topic, caught_up.message());
        continue;
      }
      leader_ = true;
      spdlog::info("registry: this instance ({}) is now the leader of group '{}'",
                   advertised_url_, options_.group_id);
    } else if (!assigned && leader_) {
      leader_ = false;
      spdlog::info("registry: this instance ({}) is no longer the leader", advertised_url_);
    }
  }
  leader_ = false;
  (void)member->Close();
}

Result<std::optional<std::string>> KafkaSchemaStore::LeaderUrl() {
  if (leader_) return std::optional<std::string>();
  std::lock_guard lock(leader_cache_mu_);
  auto now = std::chrono::steady_clock::now();
  if (!leader_cache_ || now - leader_cache_time_ > 1s) {
    leader_cache_.reset();
    TRIB_ASSIGN_OR_RETURN(auto members,
                          admin_->DescribeConsumerGroup(options_.group_id, options_.timeout));
    for (const auto& member : members)
      for (const auto& p : member.assignment)
        if (p.topic == options_.topic && p.partition == 0 && member.client_id != advertised_url_)
          leader_cache_ = member.client_id;
    leader_cache_time_ = now;
  }
  if (!leader_cache_)
    return Status::Unavailable("no leader of registry group '{}' is known right now",
                               options_.group_id);
  return leader_cache_;
}

}  // namespace tributary::registry
