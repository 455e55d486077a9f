// KafkaSchemaStore: the SchemaStore of Confluent's Kafka-backed registry. Every write is a
// record in one compacted, single-partition topic (`kafkastore.topic`, default `_schemas`) in
// Confluent's record format (registry/schemas_topic_record.h); every instance reads the topic
// from the start into memory and serves reads from there, so instances on the same topic agree
// on ids, versions and configs, and a restart loses nothing the topic holds.
//
// One instance at a time writes. Leadership comes from Kafka's group membership: each
// leader-eligible instance joins the consumer group `schema.registry.group.id` (default
// `schema-registry`) on the store topic, with its advertised URL as client.id; the member the
// group assigns the topic's partition is the leader. When it dies its session expires (10 s)
// and the group hands the partition, hence leadership, to a survivor, which first reads the
// topic to its end (it writes a NOOP record and waits to read it back, as Confluent does) and
// only then takes writes. Followers learn the leader's URL by describing the group
// (LeaderUrl); the REST server forwards writes there. A write on a follower fails with
// Unavailable.
//
// Ids: the leader gives a new schema max(id ever read) + 1. A write returns once the reader has
// applied it, so the leader reads its own writes; followers see them a few milliseconds later.
// Glue SchemaVersionIds are derived from (subject, version, id), so every instance and every
// restart reports the same one; created times are the Kafka timestamps of the records.
//
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>

#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "kafka/message.h"
#include "kafka/producer.h"
#include "registry/schema_store.h"
#include "registry/schemas_topic_record.h"
#include "registry/write_leader.h"

namespace tributary::registry {

struct KafkaStoreOptions {
  // librdkafka client properties; bootstrap.servers is required.
  std::map<std::string, std::string> client;
  std::string topic = "_schemas";
  std::string group_id = "schema-registry";
  int replication_factor = 3;  // for creating the topic; 1 when the cluster is smaller
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};  // one write or catch-up
  std::chrono::milliseconds session_timeout{std::chrono::seconds(10)};
  // The dedup key of a schema read from the topic (which another registry may have written in
  // a different spelling); Registry provides it.
  std::function<std::string(const SchemaRecord&)> dedup_key;
};

class KafkaSchemaStore final : public SchemaStore, public WriteLeader {
 public:
  // Creates the topic if needed (compacted, one partition) and reads it to its end.
  static Result<std::unique_ptr<KafkaSchemaStore>> Open(KafkaStoreOptions options);
  // Leaves the group first, so that another instance takes over at once.
  ~KafkaSchemaStore() override;

  // Joins the leader election as the instance reachable at `advertised_url`. Without this
  // call the instance only follows.
  Status JoinLeaderElection(const std::string& advertised_url);
  bool is_leader() const { return leader_.load(); }

  Result<std::optional<std::string>> LeaderUrl() override;

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
  explicit KafkaSchemaStore(KafkaStoreOptions options) : options_(std::move(options)) {}
  Status Start();
  void ReadLoop();
  void ElectionLoop(std::unique_ptr<kafka::Consumer> member);
  void Apply(const kafka::ConsumedMessage& message);
  void ApplySchema(const SchemasTopicKey& key, const std::optional<std::string>& value,
                   int64_t timestamp_ms);
  // Appends one record and waits until the reader applied it.
  Status Append(const SchemasTopicKey& key, const std::optional<std::string>& value);
  // Writes a NOOP record and waits to read it: everything written before is then applied.
  Status CatchUp();
  Status RequireLeader() const;
  Result<SchemasTopicKey> ConfigKey(const std::string& scope, const std::string& name) const;
  std::vector<VersionRecord> Versions(const std::string& subject, bool include_deleted) const;

  KafkaStoreOptions options_;
  std::unique_ptr<kafka::Producer> producer_;

  // What the reader has applied.
  mutable std::shared_mutex state_mu_;
  std::map<int32_t, SchemaRecord> schemas_;
  std::map<std::string, int32_t> id_by_dedup_key_;
  std::map<std::string, std::map<int32_t, VersionRecord>> subjects_;
  std::map<std::string, std::pair<std::string, int32_t>> version_by_uuid_;
  std::map<std::pair<std::string, std::string>, std::string> config_;
  int32_t max_id_ = 0;

  // The next offset the reader will apply, and waiters for it.
  std::mutex progress_mu_;
  std::condition_variable progress_cv_;
  int64_t next_offset_ = 0;
  Status reader_error_;

  std::mutex write_mu_;  // one Append at a time
  std::mutex delivery_mu_;
  int64_t delivered_offset_ = -1;

  std::atomic<bool> stop_{false};
  std::atomic<bool> leader_{false};
  std::thread reader_;
  std::thread election_;
  std::string advertised_url_;

  std::mutex leader_cache_mu_;
  std::unique_ptr<kafka::Admin> admin_;
  std::chrono::steady_clock::time_point leader_cache_time_;
  std::optional<std::string> leader_cache_;
};

}  // namespace tributary::registry
