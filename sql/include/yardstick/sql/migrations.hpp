#pragma once
// Schema migrations: numbered plain SQL files under sql/migrations/, compiled
// into the binary, applied in order, each in its own transaction, and
// recorded with their SHA-256 in `schema_migrations`.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction>

#include "yardstick/domain/result.hpp"

namespace yardstick::sql {

/// One migration file, as compiled into this binary.
struct Migration {
    int number = 0;        ///< from the file name, 0001_… → 1
    std::string name;      ///< from the file name, 0001_event_log → "event_log"
    std::string sql;       ///< the file's text
    std::string checksum;  ///< lower-case hex SHA-256 of the file
};

/// Every migration of this build, in ascending order of number.
const std::vector<Migration>& bundled_migrations();

/// How the database's schema compares with this binary's migrations.
struct SchemaStatus {
    std::vector<int> applied;           ///< numbers recorded in schema_migrations
    std::vector<int> pending;           ///< bundled but not yet applied
    std::vector<std::string> problems;  ///< changed files, or a database ahead of the binary

    /// Everything bundled is applied and nothing is wrong.
    bool current() const { return pending.empty() && problems.empty(); }
    /// The server must not start against this database.
    bool refuses_to_start() const { return !problems.empty(); }
    /// One sentence for logs and /readyz.
    std::string summary() const;
};

/// Reads schema_migrations (absent table: nothing applied). Throws on
/// database errors.
SchemaStatus inspect_schema(pqxx::connection& connection);

/// Applies every pending migration in order, each in its own transaction
/// under an advisory lock (so that several nodes may start at once).
/// Returns the numbers applied now; fails without applying anything when the
/// schema has problems (a changed file, a database ahead of the binary).
/// Throws on database errors; a failing migration leaves the ones before it
/// applied and itself rolled back.
Result<std::vector<int>> apply_migrations(pqxx::connection& connection);

/// Work a migration needs beyond its SQL, such as sealing with a key that only
/// the caller holds: run in the migration's own transaction, right before its
/// file, so that the two commit together or not at all (and a migration whose
/// SQL refused to run without its step runs with it next time).
using DataStep = std::function<void(pqxx::work&)>;

/// As apply_migrations(connection), with the data steps of some migrations
/// (by number).
Result<std::vector<int>> apply_migrations(pqxx::connection& connection, const std::map<int, DataStep>& data_steps);

/// As above, for a given list of migrations (tests use it to simulate other binaries).
Result<std::vector<int>> apply_migrations(pqxx::connection& connection, const std::vector<Migration>& migrations,
                                          const std::map<int, DataStep>& data_steps = {});
SchemaStatus inspect_schema(pqxx::connection& connection, const std::vector<Migration>& migrations);

}  // namespace yardstick::sql
