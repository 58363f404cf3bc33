#pragma once
// The server applies every programme's retention period itself, at start and
// then every `interval` (an hour by default), on the database pool:
// privacy/retention.hpp. What it purged is logged as counts, never ids.

#include <chrono>

#include <boost/asio/awaitable.hpp>

#include "server/app/database_pool.hpp"

namespace yardstick::server {

boost::asio::awaitable<void> run_retention_schedule(DatabasePool* pool, std::chrono::milliseconds interval);

}  // namespace yardstick::server
