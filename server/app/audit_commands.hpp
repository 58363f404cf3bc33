#pragma once
// `yardstick verify`: the event log's tamper-evident chain, checked from the
// command line against the database directly (no server needed).

#include <string>

#include "yardstick/sql/connection.hpp"

namespace yardstick::server {

/// Recomputes the chain over every sealed event and prints the verdict as
/// GET /api/v1/audit/verify gives it. `expect_head` ("SEQ:HEX", may be
/// empty) must also still be on the chain. Exit 0 when intact, 1 when not,
/// 2 when it could not be checked (bad --expect-head, database failure).
int verify_command(const sql::DatabaseSettings& database, const std::string& expect_head);

}  // namespace yardstick::server
