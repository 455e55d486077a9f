// The subcommands of the tributary binary.
#pragma once

#include <CLI/CLI.hpp>

namespace tributary::cli {

inline constexpr const char* kVersion = "0.1.0";

// Adds every subcommand (standalone, connect, registry, inspection tools) to `app`.
void RegisterCommands(CLI::App& app);

// Runs the subcommand that was parsed; returns the process exit code.
int RunSelected(CLI::App& app);

}  // namespace tributary::cli
