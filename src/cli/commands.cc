#include "cli/commands.h"

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/builtin_plugins.h"
#include "common/logging.h"
#include "connect/config.h"
#include "registry/glue_browser.h"
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

struct GlueOptions {
  std::string registry_url = "http://127.0.0.1:8081";
  std::string registry;
  std::string schema;
  std::string version;
  std::string from_version;
  std::string to_version;
  CLI::App* registries = nullptr;
  CLI::App* schemas = nullptr;
  CLI::App* versions = nullptr;
  CLI::App* show = nullptr;
  CLI::App* diff = nullptr;
};

GlueOptions& GlueOpts() {
  static GlueOptions options;
  return options;
}

// `tributary glue` reports every failure (not found, unreachable) with exit code 1; usage
// errors are CLI11's (2).
int GlueFailure(const Status& s) {
  std::cerr << "error: " << s.message() << "\n";
  return 1;
}

bool IsVersionArgument(const std::string& v) {
  return v == "latest" ||
         (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos);
}

template <typename T>
int PrintLines(const Result<std::vector<T>>& lines) {
  if (!lines.ok()) return GlueFailure(lines.status());
  for (const auto& line : *lines) std::cout << line << "\n";
  return 0;
}

int RunGlueCommand() {
  GlueOptions& o = GlueOpts();
  for (const std::string* v : {&o.version, &o.from_version, &o.to_version}) {
    if (!v->empty() && !IsVersionArgument(*v)) {
      std::cerr << "error: version '" << *v << "' is neither a number nor 'latest'\n";
      return 2;
    }
  }
  auto browser = registry::GlueBrowser::Create(o.registry_url);
  if (!browser.ok()) return GlueFailure(browser.status());
  registry::GlueBrowser& b = **browser;
  if (o.registries->parsed()) return PrintLines(b.ListRegistries());
  if (o.schemas->parsed()) return PrintLines(b.ListSchemas(o.registry));
  if (o.versions->parsed()) {
    auto versions = b.ListVersions(o.registry, o.schema);
    if (!versions.ok()) return GlueFailure(versions.status());
    auto compatibility = b.Compatibility(o.registry, o.schema);
    for (const auto& v : *versions) {
      std::cout << "version " << v.version << "  id " << v.id;
      if (compatibility.ok() && !compatibility->empty())
        std::cout << "  compatibility " << *compatibility;
      std::cout << "\n";
    }
    return 0;
  }
  if (o.show->parsed()) {
    auto schema = b.GetSchema(o.registry, o.schema, o.version);
    if (!schema.ok()) return GlueFailure(schema.status());
    auto parsed = nlohmann::json::parse(*schema, nullptr, false);
    std::cout << (parsed.is_discarded() ? *schema : parsed.dump(2)) << "\n";
    return 0;
  }
  auto from = b.GetSchema(o.registry, o.schema, o.from_version);
  if (!from.ok()) return GlueFailure(from.status());
  auto to = b.GetSchema(o.registry, o.schema, o.to_version);
  if (!to.ok()) return GlueFailure(to.status());
  return PrintLines(registry::DiffAvroRecordFields(*from, *to));
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

  GlueOptions& g = GlueOpts();
  auto* glue = app.add_subcommand(
      "glue", "Browse the AWS Glue model (registries, schemas, versions) of a schema registry.");
  glue->require_subcommand(1);
  glue->add_option("--registry-url", g.registry_url, "the registry's Confluent REST API")
      ->capture_default_str();
  g.registries = glue->add_subcommand("registries", "List the Glue registries.");
  g.schemas = glue->add_subcommand("schemas", "List the schemas of a Glue registry.");
  g.schemas->add_option("registry", g.registry, "Glue registry name")->required();
  g.versions = glue->add_subcommand("versions", "List a schema's versions with id and compatibility.");
  g.versions->add_option("registry", g.registry, "Glue registry name")->required();
  g.versions->add_option("schema", g.schema, "schema name")->required();
  g.show = glue->add_subcommand("show", "Print one version of a schema, pretty-printed.");
  g.show->add_option("registry", g.registry, "Glue registry name")->required();
  g.show->add_option("schema", g.schema, "schema name")->required();
  g.show->add_option("version", g.version, "version number or 'latest'")->required();
  g.diff = glue->add_subcommand("diff", "Field-level differences between two record versions.");
  g.diff->add_option("registry", g.registry, "Glue registry name")->required();
  g.diff->add_option("schema", g.schema, "schema name")->required();
  g.diff->add_option("from", g.from_version, "the older version (number or 'latest')")->required();
  g.diff->add_option("to", g.to_version, "the newer version (number or 'latest')")->required();
  Commands().push_back({glue, RunGlueCommand});
}

int RunSelected(CLI::App& app) {
  for (const auto& c : Commands())
    if (c.app->parsed()) return c.run();
  std::cerr << app.help();
  return 2;
}

}  // namespace tributary::cli
