#include "runtime/worker_config.h"

#include <unistd.h>

#include <filesystem>

namespace tributary::runtime {

Result<WorkerConfig> WorkerConfig::FromConfig(connect::Config raw) {
  WorkerConfig w;
  w.bootstrap_servers = raw.Get("bootstrap.servers");
  if (w.bootstrap_servers && w.bootstrap_servers->empty()) w.bootstrap_servers.reset();
  w.data_dir = raw.GetString("data.dir", "tributary-data");
  w.offset_file = raw.GetString("offset.storage.file.filename",
                                (std::filesystem::path(w.data_dir) / "connect.offsets").string());
  w.rest_listeners = raw.Get("listeners");
  w.registry_listeners = raw.Get("registry.listeners");
  TRIB_ASSIGN_OR_RETURN(w.poll_wait_ms, raw.GetInt("tributary.poll.wait.ms", 100));
  if (w.poll_wait_ms < 0)
    return Status::InvalidArgument("worker key 'tributary.poll.wait.ms' must be >= 0");
  std::string eos = raw.GetString("exactly.once.source.support", "disabled");
  if (eos == "enabled") {
    w.exactly_once_source = ExactlyOnceSourceSupport::kEnabled;
  } else if (eos == "preparing") {
    w.exactly_once_source = ExactlyOnceSourceSupport::kPreparing;
  } else if (eos != "disabled") {
    return Status::InvalidArgument(
        "worker key 'exactly.once.source.support' must be disabled, preparing or enabled, got "
        "'{}'",
        eos);
  }
  w.raw = std::move(raw);
  return w;
}

Result<std::string> AdvertisedRestAddress(const WorkerConfig& worker, const std::string& bound_host,
                                          int bound_port) {
  std::string host = worker.raw.GetString("rest.advertised.host.name", bound_host);
  if (host.empty() || host == "0.0.0.0") {
    char name[256] = {};
    host = ::gethostname(name, sizeof(name) - 1) == 0 ? name : "localhost";
  }
  TRIB_ASSIGN_OR_RETURN(int64_t port, worker.raw.GetInt("rest.advertised.port", bound_port));
  return fmt::format("{}:{}", host, port);
}

}  // namespace tributary::runtime
