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
