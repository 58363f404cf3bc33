#pragma once
// The running server: I/O threads, the database pool, the listener and the
// graceful shutdown on SIGINT/SIGTERM.

#include "server/app/config.hpp"

namespace yardstick::server {

/// Runs the server until SIGINT or SIGTERM, then stops accepting, lets
/// requests in flight finish (up to `shutdown_timeout`), stops the I/O
/// threads and joins the database pool. Returns the process exit code: 0
/// after a clean shutdown, 1 when it could not start (database schema ahead
/// of the binary or changed, migration failure, address in use).
int run_server(const ServerConfig& config);

}  // namespace yardstick::server
