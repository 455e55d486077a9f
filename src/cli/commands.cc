#include "cli/commands.h"

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/builtin_plugins.h"
#include "common/logging.h"
#include "connect/config.h"
#include "registry/rest_server.h"
#include "runtime/distributed.h"
#include "runtime/standalone.h"

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
  std::string log_level = "info";
  int64_t exit_after_idle_polls = 0;
};

Options& Opts() {
  static Options options;
  return options;
}

int ReportStatus(const Status& s) {
  if (s.ok()) return 0;
  std::cerr << "error: " << s.message() << "\n";
  return s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kNotFound ? 2 : 1;
}

int RunRegistryCommand() {
  Options& o = Opts();
  InitLogging(o.log_level);
  auto props = connect::Config::LoadPropertiesFile(o.registry_config);
  if (!props.ok()) return ReportStatus(props.status());
  return ReportStatus(registry::RunRegistryServer(props->values()));
}

int RunStandaloneCommand() {
  Options& o = Opts();
  InitLogging(o.log_level);
  runtime::StandaloneOptions options;
  options.worker_file = o.worker_config;
  options.connector_files = o.connector_configs;
  options.exit_after_idle_polls = o.exit_after_idle_polls;
  connect::PluginRegistry plugins;
  RegisterBuiltinPlugins(plugins);
  return ReportStatus(runtime::RunStandalone(options, plugins));
}

int RunConnectCommand() {
  Options& o = Opts();
  InitLogging(o.log_level);
  connect::PluginRegistry plugins;
  RegisterBuiltinPlugins(plugins);
  return ReportStatus(runtime::RunDistributed(o.worker_config, plugins));
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
  standalone->add_option("--log-level", o.log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str();
  standalone->add_option("--exit-after-idle-polls", o.exit_after_idle_polls,
                         "stop after this many consecutive empty polls (0: run until a signal)");
  Commands().push_back({standalone, RunStandaloneCommand});

  auto* connect = app.add_subcommand(
      "connect", "Run a distributed worker that joins the workers of group.id on Kafka.");
  connect->add_option("worker", o.worker_config, "worker .properties file")->required();
  connect->add_option("--log-level", o.log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str();
  Commands().push_back({connect, RunConnectCommand});

  auto* registry = app.add_subcommand(
      "registry", "Run the schema registry (Confluent REST API, AWS Glue model).");
  registry->add_option("config", o.registry_config, "schema-registry .properties file")
      ->required();
  registry->add_option("--log-level", o.log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str();
  Commands().push_back({registry, RunRegistryCommand});
}

int RunSelected(CLI::App& app) {
  for (const auto& c : Commands())
    if (c.app->parsed()) return c.run();
  std::cerr << app.help();
  return 2;
}

}  // namespace tributary::cli
