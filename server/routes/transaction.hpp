#pragma once
// Running one use case in one transaction on the database pool: commit when
// it succeeds, roll back (by not committing) when it returns an Error, so an
// invalid request leaves no trace. Nothing is acknowledged before commit.
//
// Call it with a named lambda, never a lambda written inside the co_await
// expression: GCC 12 destroys a capturing closure created in a co_await
// expression twice (a double free on the first request; the same bug as
// equeim/tremotesf2#551). So:
//     auto work = [slug](pqxx::work& tx) { ... };
//     auto result = co_await in_transaction(pool, std::move(work));

#include <type_traits>

#include <boost/asio/awaitable.hpp>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "server/app/database_pool.hpp"

namespace yardstick::server::routes {

template <typename Work>
auto in_transaction(DatabasePool& pool, Work work) -> boost::asio::awaitable<std::invoke_result_t<Work&, pqxx::work&>> {
    using R = std::invoke_result_t<Work&, pqxx::work&>;
    // Named first, as the callers must (see above).
    auto in_tx = [work = std::move(work)](pqxx::connection& connection) mutable -> R {
        pqxx::work tx(connection);
        R result = work(tx);
        if (result.ok()) {
            tx.commit();
        }
        return result;
    };
    co_return co_await pool.run(std::move(in_tx));
}

/// Runs `work` outside a transaction block: every statement commits on its
/// own. Only for use cases whose writes are one statement (a submission is
/// one call of a SQL function), where BEGIN and COMMIT would be two round
/// trips for nothing. Called like in_transaction().
template <typename Work>
auto in_autocommit(DatabasePool& pool, Work work)
    -> boost::asio::awaitable<std::invoke_result_t<Work&, pqxx::nontransaction&>> {
    using R = std::invoke_result_t<Work&, pqxx::nontransaction&>;
    auto in_tx = [work = std::move(work)](pqxx::connection& connection) mutable -> R {
        pqxx::nontransaction tx(connection);
        return work(tx);
    };
    co_return co_await pool.run(std::move(in_tx));
}

}  // namespace yardstick::server::routes
