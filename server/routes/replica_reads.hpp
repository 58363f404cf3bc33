#pragma once
// Reads that may go to a streaming replica (--database-read-url): reports and
// response exports. A replica lags; a read there first waits until it has
// replayed what the primary had when the request came (sql/replica.hpp),
// so it never shows less than the primary would have (a report no older
// than the data version a live stream announced, an export no older than
// the data version its header names).

#include <chrono>
#include <string>

#include "server/app/streamed_work.hpp"
#include "server/routes/api.hpp"
#include "yardstick/sql/replica.hpp"

namespace yardstick::server::routes {

inline constexpr std::chrono::seconds kReplicaPatience{5};

inline Error replica_behind() {
    return Error{ErrorCode::unavailable, "The read replica is more than 5 s behind the primary; try again shortly.", {}};
}

/// Whether reads go to a replica of their own.
inline bool reads_elsewhere(const ApiDependencies& deps) {
    return deps.read_pool != nullptr && deps.read_pool != deps.pool;
}

/// The primary's WAL position now (only when reads_elsewhere()).
inline boost::asio::awaitable<Result<std::string>> primary_position(const ApiDependencies& deps) {
    auto position = [](pqxx::connection& connection) -> Result<std::string> {
        return sql::current_wal_position(connection);
    };
    co_return co_await deps.pool->run(std::move(position));
}

/// `work` on the read pool, once its replica has replayed `position`.
template <typename Work>
boost::asio::awaitable<std::invoke_result_t<Work&, pqxx::connection&>> read_at(const ApiDependencies& deps,
                                                                               std::string position, Work work) {
    using R = std::invoke_result_t<Work&, pqxx::connection&>;
    auto on_replica = [work = std::move(work), position = std::move(position)](pqxx::connection& connection) mutable
        -> R {
        if (!sql::wait_for_replay(connection, position, kReplicaPatience)) {
            return replica_behind();
        }
        return work(connection);
    };
    co_return co_await deps.read_pool->run(std::move(on_replica));
}

/// A streamed body whose work runs on the replica once it has replayed `position`.
inline StreamedWork replayed_first(std::string position, StreamedWork work) {
    return [position = std::move(position), work = std::move(work)](pqxx::connection& connection,
                                                                      const EmitPiece& emit) -> Status {
        if (!sql::wait_for_replay(connection, position, kReplicaPatience)) {
            return replica_behind();
        }
        return work(connection, emit);
    };
}

}  // namespace yardstick::server::routes
