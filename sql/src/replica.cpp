#include "yardstick/sql/replica.hpp"

#include <thread>

#include <pqxx/pqxx>

namespace yardstick::sql {

std::string current_wal_position(pqxx::connection& primary) {
    pqxx::nontransaction tx(primary);
    return tx.exec1("SELECT pg_current_wal_lsn()::text")[0].as<std::string>();
}

bool wait_for_replay(pqxx::connection& connection, const std::string& position, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        {
            pqxx::nontransaction tx(connection);
            const auto row = tx.exec_params1(
                "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= $1::pg_lsn", position);
            if (row[0].as<bool>()) {
                return true;
            }
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace yardstick::sql
