#pragma once
// Where the database is when no URL is given: the private cluster that
// ops/run manages under var/, whose connection string it writes to
// var/database-url.

#include <filesystem>
#include <optional>
#include <string>

namespace yardstick::server {

/// The database URL to use: `explicit_url` when not empty (from
/// --database-url or DATABASE_URL); else the contents of
/// `<var_dir>/database-url` when `var_dir` is given; else the first
/// `var/database-url` found walking up from the working directory, then from
/// the executable's directory; else empty, which lets libpq use PGHOST,
/// PGPORT, … from the environment.
std::string resolve_database_url(const std::string& explicit_url, const std::string& var_dir);

/// The first `var/database-url` above `start`, if any.
std::optional<std::filesystem::path> find_var_database_url(std::filesystem::path start);

}  // namespace yardstick::server
