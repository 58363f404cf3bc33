#pragma once
// `yardstick retention [--dry-run]`: applies every programme's retention
// period now (privacy/retention.hpp), or only shows what it would purge.

#include "yardstick/sql/connection.hpp"

namespace yardstick::server {

/// Prints what was (or, with `dry_run`, would be) purged as JSON. Exit 0;
/// 1 when the database refuses (nothing is changed then); 2 when it cannot
/// be reached or its schema is not current.
int retention_command(const sql::DatabaseSettings& database, bool dry_run);

}  // namespace yardstick::server
