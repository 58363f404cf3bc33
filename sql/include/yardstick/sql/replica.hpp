#pragma once
// Reading from a streaming replica without reading the past: the primary's
// WAL position when a request came, and waiting until a replica has replayed
// it (docs/decisions.md §17).

#include <chrono>
#include <string>

#include <pqxx/connection>

namespace yardstick::sql {

/// The primary's current WAL position ("0/3000148").
std::string current_wal_position(pqxx::connection& primary);

/// Waits until `connection` has replayed `position`: at once when it is not
/// a replica. False when `timeout` passed first.
bool wait_for_replay(pqxx::connection& connection, const std::string& position, std::chrono::milliseconds timeout);

}  // namespace yardstick::sql
