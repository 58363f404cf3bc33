#pragma once
// Keeps the public order of the event log current: a loop that, every
// interval, gives committed events their sequence numbers (see
// sql/event_log.hpp and docs/decisions.md §6). Several nodes may run it at
// once; the database serialises them.

#include <chrono>

#include <boost/asio/awaitable.hpp>

#include "server/app/database_pool.hpp"

namespace yardstick::server {

/// Runs until the executor stops. A database that does not answer is logged
/// once per outage and retried at the next tick.
boost::asio::awaitable<void> run_event_sequencer(DatabasePool* pool, std::chrono::milliseconds interval);

}  // namespace yardstick::server
