// Measures the schema registry as clients see it, on loopback HTTP (cpp-httplib server):
//   - id lookups (GET /schemas/ids/{id}) per second, one keep-alive client per thread;
//   - register-existing requests (POST /subjects/{s}/versions of an already registered schema,
//     what every producer does at start-up) per second;
//   - compatibility-check latency of a new schema against 100 prior versions under
//     FULL_TRANSITIVE over HTTP (POST /compatibility/subjects/{s}/versions), and in process.
//
//   registry_bench [--url URL] [--seconds S] [--threads T] [--versions V]
//
// With --url it measures any Confluent-compatible registry already running there (ours on
// the Kafka store, Karapace: bench/registry/compare_karapace.sh), with the same client load;
// without, our registry on the embedded store in this process (then the in-process check
// latency is reported too). Prints one JSON line with the figures.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "registry/registry.h"
#include "registry/rest_server.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace registry = tributary::registry;

// A record with `n` optional fields after a required id: each version adds one field.
std::string Schema(int n) {
  nlohmann::json fields = nlohmann::json::array({{{"name", "id"}, {"type", "long"}}});
  for (int i = 0; i < n; ++i)
    fields.push_back({{"name", "f" + std::to_string(i)}, {"type", {"null", "string"}}, {"default", nullptr}});
  return nlohmann::json{{"type", "record"}, {"name", "Row"}, {"namespace", "bench"}, {"fields", fields}}.dump();
}

// Runs `request` from `threads` threads for `seconds`; returns requests per second.
template <typename F>
double Throughput(int threads, double seconds, const std::string& url, F request) {
  std::atomic<long> done{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> workers;
  auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  auto start = Clock::now();
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      httplib::Client client(url);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      long n = 0;
      while (Clock::now() < deadline) {
        if (!request(client)) failed = true;
        ++n;
      }
      done += n;
    });
  for (auto& w : workers) w.join();
  if (failed) {
    std::fprintf(stderr, "registry_bench: a request to %s failed\n", url.c_str());
    std::exit(1);
  }
  return done / std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr const char* kContentType = "application/vnd.schemaregistry.v1+json";

[[noreturn]] void Fail(const std::string& what, const httplib::Result& res) {
  std::fprintf(stderr, "registry_bench: %s: %s\n", what.c_str(),
               res ? (std::to_string(res->status) + " " + res->body).c_str()
                   : httplib::to_string(res.error()).c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  int threads = 2;
  int versions = 100;
  std::string url;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    else if (flag == "--threads") threads = std::atoi(argv[i + 1]);
    else if (flag == "--versions") versions = std::atoi(argv[i + 1]);
    else if (flag == "--url") url = argv[i + 1];
    else {
      std::fprintf(stderr,
                   "usage: registry_bench [--url URL] [--seconds S] [--threads T] "
                   "[--versions V]\n");
      return 2;
    }
  }
  // Without --url: our registry on the embedded (SQLite) store, in this process.
  std::unique_ptr<registry::Registry> reg;
  std::unique_ptr<registry::RestServer> server;
  auto dir = std::filesystem::temp_directory_path() / ("registry-bench-" + std::to_string(::getpid()));
  if (url.empty()) {
    std::filesystem::remove_all(dir);
    auto opened = registry::Registry::OpenEmbedded(dir.string());
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      return 1;
    }
    reg = std::move(opened).value();
    server = std::make_unique<registry::RestServer>(reg.get());
    if (!server->Start("127.0.0.1", 0).ok()) return 1;
    url = "http://127.0.0.1:" + std::to_string(server->port());
  }

  // `versions` prior versions over HTTP, each compatible with all before it, under a subject
  // of this run (so that runs against one long-lived registry do not meet).
  const std::string subject = "bench-" + std::to_string(::getpid()) + "-value";
  httplib::Client setup(url);
  auto config = setup.Put("/config/" + subject, R"({"compatibility":"FULL_TRANSITIVE"})", kContentType);
  if (!config || config->status != 200) Fail("PUT /config/" + subject, config);
  auto setup_start = Clock::now();
  int32_t id = 0;
  for (int v = 0; v < versions; ++v) {
    auto res = setup.Post("/subjects/" + subject + "/versions",
                          nlohmann::json{{"schema", Schema(v)}}.dump(), kContentType);
    if (!res || res->status != 200) Fail("register version " + std::to_string(v + 1), res);
    id = nlohmann::json::parse(res->body)["id"].get<int32_t>();
  }
  double register_new_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - setup_start).count() / versions;

  const std::string id_path = "/schemas/ids/" + std::to_string(id);
  double lookups = Throughput(threads, seconds, url, [&](httplib::Client& c) {
    auto res = c.Get(id_path);
    return res && res->status == 200;
  });
  const std::string existing = nlohmann::json{{"schema", Schema(versions - 1)}}.dump();
  const std::string versions_path = "/subjects/" + subject + "/versions";
  double registers = Throughput(threads, seconds, url, [&](httplib::Client& c) {
    auto res = c.Post(versions_path, existing, kContentType);
    return res && res->status == 200;
  });
  const std::string candidate_body = nlohmann::json{{"schema", Schema(versions)}}.dump();
  const std::string compatibility_path = "/compatibility/subjects/" + subject + "/versions";
  double http_checks = Throughput(1, seconds, url, [&](httplib::Client& c) {
    auto res = c.Post(compatibility_path, candidate_body, kContentType);
    return res && res->status == 200 && res->body.find("true") != std::string::npos;
  });

  std::string in_process;
  if (reg) {
    const registry::SchemaRequest candidate{Schema(versions), "AVRO", {}, {}, {}};
    int checks = 0;
    auto check_start = Clock::now();
    while (Clock::now() - check_start < std::chrono::duration<double>(seconds) || checks == 0) {
      auto r = reg->TestCompatibility(subject, "", candidate);
      if (!r.ok() || !r->result.compatible) return 1;
      ++checks;
    }
    double check_us =
        std::chrono::duration<double, std::micro>(Clock::now() - check_start).count() / checks;
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), ",\"compat_check_full_transitive_us\":%.1f", check_us);
    in_process = buffer;
  }

  std::printf(
      "{\"threads\":%d,\"id_lookups_per_s\":%.0f,\"register_existing_per_s\":%.0f,"
      "\"prior_versions\":%d,\"compat_check_http_ms\":%.3f,\"register_new_version_ms\":%.2f%s}\n",
      threads, lookups, registers, versions, 1000.0 / http_checks, register_new_ms,
      in_process.c_str());
  if (server) server->Stop();
  reg.reset();
  if (server) std::filesystem::remove_all(dir);
  return 0;
}
