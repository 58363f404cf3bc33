#pragma once
// The `yardstick` command line: serve, migrate, version.

namespace yardstick::server {

/// Parses the command line and runs the chosen subcommand; returns the exit code.
int run_command_line(int argc, char** argv);

}  // namespace yardstick::server
