// Measures the schema registry as clients see it, on loopback HTTP (cpp-httplib server):
//   - id lookups (GET /schemas/ids/{id}) per second, one keep-alive client per thread;
//   - register-existing requests (POST /subjects/{s}/versions of an already registered schema,
//     what every producer does at start-up) per second;
//   - compatibility-check latency of a new schema against 100 prior versions under
//     FULL_TRANSITIVE, in process and over HTTP (POST /compatibility/subjects/{s}/versions).
//
//   registry_bench [--seconds S] [--threads T] [--versions V]
//
// Prints one JSON line with the figures.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
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
double Throughput(int threads, double seconds, int port, F request) {
  std::atomic<long> done{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> workers;
  auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  auto start = Clock::now();
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
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
    std::fprintf(stderr, "registry_bench: a request failed\n");
    std::exit(1);
  }
  return done / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  int threads = 2;
  int versions = 100;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    else if (flag == "--threads") threads = std::atoi(argv[i + 1]);
    else if (flag == "--versions") versions = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: registry_bench [--seconds S] [--threads T] [--versions V]\n");
      return 2;
    }
  }
  auto dir = std::filesystem::temp_directory_path() / ("registry-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto opened = registry::Registry::OpenEmbedded(dir.string());
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  auto reg = std::move(opened).value();
  registry::RestServer server(reg.get());
  if (!server.Start("127.0.0.1", 0).ok()) return 1;

  // 100 prior versions, each compatible with all before it.
  if (!reg->SetCompatibility("rows-value", registry::CompatibilityLevel::kFullTransitive).ok()) return 1;
  auto setup_start = Clock::now();
  int32_t id = 0;
  for (int v = 0; v < versions; ++v) {
    auto r = reg->Register("rows-value", registry::SchemaRequest{Schema(v), "AVRO", {}, {}, {}});
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 1;
    }
    id = r->id;
  }
  double register_new_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - setup_start).count() / versions;

  const std::string id_path = "/schemas/ids/" + std::to_string(id);
  double lookups = Throughput(threads, seconds, server.port(), [&](httplib::Client& c) {
    auto res = c.Get(id_path);
    return res && res->status == 200;
  });
  const std::string existing = nlohmann::json{{"schema", Schema(versions - 1)}}.dump();
  double registers = Throughput(threads, seconds, server.port(), [&](httplib::Client& c) {
    auto res = c.Post("/subjects/rows-value/versions", existing, "application/vnd.schemaregistry.v1+json");
    return res && res->status == 200;
  });

  const registry::SchemaRequest candidate{Schema(versions), "AVRO", {}, {}, {}};
  int checks = 0;
  auto check_start = Clock::now();
  while (Clock::now() - check_start < std::chrono::duration<double>(seconds) || checks == 0) {
    auto r = reg->TestCompatibility("rows-value", "", candidate);
    if (!r.ok() || !r->result.compatible) return 1;
    ++checks;
  }
  double check_us =
      std::chrono::duration<double, std::micro>(Clock::now() - check_start).count() / checks;
  const std::string candidate_body = nlohmann::json{{"schema", Schema(versions)}}.dump();
  double http_checks = Throughput(1, seconds, server.port(), [&](httplib::Client& c) {
    auto res = c.Post("/compatibility/subjects/rows-value/versions", candidate_body,
                      "application/vnd.schemaregistry.v1+json");
    return res && res->status == 200 && res->body.find("true") != std::string::npos;
  });

  std::printf(
      "{\"threads\":%d,\"id_lookups_per_s\":%.0f,\"register_existing_per_s\":%.0f,"
      "\"prior_versions\":%d,\"compat_check_full_transitive_us\":%.1f,"
      "\"compat_check_http_ms\":%.3f,\"register_new_version_ms\":%.2f}\n",
      threads, lookups, registers, versions, check_us, 1000.0 / http_checks, register_new_ms);
  server.Stop();
  reg.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
