#include "yardstick/sql/migrations.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <pqxx/pqxx>

namespace yardstick::sql {
namespace {

// pg_advisory_xact_lock key for schema changes ("yardstick" in ASCII, truncated).
constexpr long long kMigrationLockKey = 0x79617264737469LL;

constexpr const char* kCreateTable = R"(
CREATE TABLE IF NOT EXISTS schema_migrations (
    number      integer PRIMARY KEY,
    name        text NOT NULL,
    checksum    text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
))";

struct AppliedRow {
    std::string name;
    std::string checksum;
};

std::map<int, AppliedRow> read_applied(pqxx::transaction_base& tx) {
    std::map<int, AppliedRow> rows;
    const auto exists = tx.exec1("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].as<bool>();
    if (!exists) {
        return rows;
    }
    for (const auto& row : tx.exec("SELECT number, name, checksum FROM schema_migrations ORDER BY number")) {
        rows.emplace(row[0].as<int>(), AppliedRow{row[1].as<std::string>(), row[2].as<std::string>()});
    }
    return rows;
}

SchemaStatus compare(const std::map<int, AppliedRow>& applied, const std::vector<Migration>& migrations) {
    SchemaStatus status;
    std::map<int, const Migration*> bundled;
    for (const auto& m : migrations) {
        bundled.emplace(m.number, &m);
    }
    for (const auto& [number, row] : applied) {
        status.applied.push_back(number);
        const auto it = bundled.find(number);
        if (it == bundled.end()) {
            status.problems.push_back("the database has migration " + std::to_string(number) + " (" + row.name +
                                      ") which this binary does not know: the database is ahead of the binary");
        } else if (it->second->checksum != row.checksum) {
            status.problems.push_back("migration " + std::to_string(number) + " (" + row.name +
                                      ") was changed after it was applied (checksum " + row.checksum +
                                      " in the database, " + it->second->checksum + " in this binary)");
        }
    }
    for (const auto& m : migrations) {
        if (!applied.contains(m.number)) {
            status.pending.push_back(m.number);
        }
    }
    return status;
}

}  // namespace

std::string SchemaStatus::summary() const {
    std::ostringstream out;
    if (!problems.empty()) {
        for (std::size_t i = 0; i < problems.size(); ++i) {
            out << (i ? "; " : "") << problems[i];
        }
        return out.str();
    }
    if (!pending.empty()) {
        out << pending.size() << " migration(s) pending (run `yardstick migrate` or `serve --migrate`)";
        return out.str();
    }
    out << "schema current (" << applied.size() << " migrations applied)";
    return out.str();
}

SchemaStatus inspect_schema(pqxx::connection& connection, const std::vector<Migration>& migrations) {
    pqxx::read_transaction tx(connection);
    return compare(read_applied(tx), migrations);
}

SchemaStatus inspect_schema(pqxx::connection& connection) {
    return inspect_schema(connection, bundled_migrations());
}

Result<std::vector<int>> apply_migrations(pqxx::connection& connection, const std::vector<Migration>& migrations,
                                          const std::map<int, DataStep>& data_steps) {
    std::vector<int> applied_now;
    {
        // Creating the bookkeeping table races with other nodes without the lock.
        pqxx::work tx(connection);
        tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
        tx.exec(kCreateTable);
        const auto status = compare(read_applied(tx), migrations);
        tx.commit();
        if (status.refuses_to_start()) {
            return Error{ErrorCode::failed_precondition, status.summary(), {}};
        }
    }
    for (const auto& migration : migrations) {
        pqxx::work tx(connection);
        tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
        // Another node may have applied it while we waited for the lock.
        const auto done = tx.exec_params("SELECT checksum FROM schema_migrations WHERE number = $1", migration.number);
        if (!done.empty()) {
            if (done[0][0].as<std::string>() != migration.checksum) {
                return Error{ErrorCode::failed_precondition,
                             "migration " + std::to_string(migration.number) + " changed after it was applied",
                             {}};
            }
            continue;
        }
        if (const auto step = data_steps.find(migration.number); step != data_steps.end()) {
            step->second(tx);
        }
        tx.exec(migration.sql);
        tx.exec_params("INSERT INTO schema_migrations (number, name, checksum) VALUES ($1, $2, $3)", migration.number,
                       migration.name, migration.checksum);
        tx.commit();
        applied_now.push_back(migration.number);
    }
    return applied_now;
}

Result<std::vector<int>> apply_migrations(pqxx::connection& connection) {
    return apply_migrations(connection, bundled_migrations());
}

Result<std::vector<int>> apply_migrations(pqxx::connection& connection, const std::map<int, DataStep>& data_steps) {
    return apply_migrations(connection, bundled_migrations(), data_steps);
}

}  // namespace yardstick::sql
