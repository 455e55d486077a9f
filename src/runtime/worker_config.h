// WorkerConfig: the keys of a Kafka Connect worker .properties file that Tributary reads.
// Unknown keys are kept (plugins may read them) but never rejected, as Kafka Connect does.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "connect/config.h"

namespace tributary::runtime {

// exactly.once.source.support (Kafka Connect's KIP-618 worker key): disabled; preparing (reads
// of the worker's own topics see only committed records, sources still at least once: the
// step of a rolling upgrade); enabled (each source task writes its records and offsets in
// Kafka transactions).
enum class ExactlyOnceSourceSupport { kDisabled, kPreparing, kEnabled };

struct WorkerConfig {
  connect::Config raw;
  std::optional<std::string> bootstrap_servers;  // set: Kafka mode; unset: embedded
  std::string data_dir;                          // data.dir (default ./tributary-data)
  std::string offset_file;                       // offset.storage.file.filename
  std::optional<std::string> rest_listeners;     // listeners (REST API), off when unset
  std::optional<std::string> registry_listeners; // registry.listeners (embedded registry REST)
  int64_t poll_wait_ms = 100;
  ExactlyOnceSourceSupport exactly_once_source = ExactlyOnceSourceSupport::kDisabled;

  bool reads_committed_only() const {
    return exactly_once_source != ExactlyOnceSourceSupport::kDisabled;
  }

  static Result<WorkerConfig> FromConfig(connect::Config raw);
};

// "host:port" by which other workers and users reach this worker's REST API, its id in
// statuses: rest.advertised.host.name / rest.advertised.port when set, else the bound address
// (the machine's host name when bound to every interface).
Result<std::string> AdvertisedRestAddress(const WorkerConfig& worker, const std::string& bound_host,
                                          int bound_port);

}  // namespace tributary::runtime
