#pragma once
// Opening connections to PostgreSQL with the session settings every
// Yardstick connection must carry.

#include <chrono>
#include <memory>
#include <string>

#include <pqxx/connection>

namespace yardstick::sql {

/// How to reach the database.
struct DatabaseSettings {
    /// libpq connection string, URL (postgresql://…) or key=value form; empty
    /// means libpq's defaults (PGHOST, PGPORT, PGDATABASE, … from the environment).
    std::string url;
    /// Server-side limit for one statement: a coroutine deadline cannot
    /// interrupt a blocking libpq call, the server can.
    std::chrono::milliseconds statement_timeout{10'000};
    /// How long to wait for a connection to be established.
    std::chrono::seconds connect_timeout{5};
    std::string application_name = "yardstick";
};

/// The connection string actually used: `settings.url` plus `options`
/// (statement_timeout), `connect_timeout` and `application_name`. The
/// settings live in the connection string rather than in a `SET`, because
/// libpqxx 6.4 silently reconnects after a broken connection and would lose
/// session state, while it reuses the connection string.
std::string effective_connection_string(const DatabaseSettings& settings);

/// Connects (blocking). Throws pqxx::broken_connection when the server cannot
/// be reached.
std::unique_ptr<pqxx::connection> open_connection(const DatabaseSettings& settings);

}  // namespace yardstick::sql
