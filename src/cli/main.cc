// tributary: the command-line entry point. Each subcommand lives in its own file under
// src/cli/ and is wired up here.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Tributary: change data capture from MySQL/MariaDB to Kafka and object storage,\n"
      "configured like Debezium, Kafka Connect, Confluent Schema Registry and the S3 sink."};
  app.require_subcommand(1);
  app.set_version_flag("--version", tributary::cli::kVersion);
  tributary::cli::RegisterCommands(app);
  auto is_subcommand = [&](const char* name) {
    for (const CLI::App* sub : app.get_subcommands({}))
      if (sub->get_name() == name) return true;
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !is_subcommand(argv[1])) {
    std::cerr << "error: unknown subcommand '" << argv[1]
              << "'. Run 'tributary --help' for the list of commands.\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    std::cerr << "Run 'tributary --help' for the list of commands.\n";
    return 2;
  }
  return tributary::cli::RunSelected(app);
}
