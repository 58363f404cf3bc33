#pragma once
// `yardstick schedule [--at TIME] [--dry-run]`: one pass of the programme
// scheduler at the given time (default: now), printed as JSON. The server
// runs the same pass on its own clock; this is how an operator looks ahead
// (--dry-run) and how the tests run a lifecycle in simulated time.

#include <filesystem>
#include <string>

#include "yardstick/sql/connection.hpp"

namespace yardstick::server {

struct ScheduleCommand {
    std::string at;  ///< RFC 3339 or YYYY-MM-DD; empty: now
    bool dry_run = false;
    std::filesystem::path master_key_file = "var/master-key";
};

int schedule_command(const sql::DatabaseSettings& database, const ScheduleCommand& command);

}  // namespace yardstick::server
