#include "cli/commands.h"

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tributary::cli {

namespace {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

std::vector<Command>& Commands() {
  static std::vector<Command> commands;
  return commands;
}

struct Options {
  std::string worker_config;
  std::vector<std::string> connector_configs;
  std::string registry_config;
};

Options& Opts() {
  static Options options;
  return options;
}

int NotBuiltYet(const char* what) {
  std::cerr << "error: '" << what << "' is not available in this build yet\n";
  return 1;
}

}  // namespace

void RegisterCommands(CLI::App& app) {
  Options& o = Opts();

  auto* standalone = app.add_subcommand(
      "standalone",
      "Run connectors in one process, like Kafka Connect's connect-standalone. Without\n"
      "bootstrap.servers in the worker config, records flow in-process (embedded mode).");
  standalone->add_option("worker", o.worker_config, "worker .properties file")->required();
  standalone->add_option("connectors", o.connector_configs, "connector .properties files")
      ->required();
  Commands().push_back({standalone, [] { return NotBuiltYet("standalone"); }});

  auto* connect = app.add_subcommand(
      "connect", "Run a distributed worker that joins the workers of group.id on Kafka.");
  connect->add_option("worker", o.worker_config, "worker .properties file")->required();
  Commands().push_back({connect, [] { return NotBuiltYet("connect"); }});

  auto* registry = app.add_subcommand(
      "registry", "Run the schema registry (Confluent REST API, AWS Glue model).");
  registry->add_option("config", o.registry_config, "schema-registry .properties file")
      ->required();
  Commands().push_back({registry, [] { return NotBuiltYet("registry"); }});
}

int RunSelected(CLI::App& app) {
  for (const auto& c : Commands())
    if (c.app->parsed()) return c.run();
  std::cerr << app.help();
  return 2;
}

}  // namespace tributary::cli
