#pragma once
// The database pool: a fixed number of worker threads, each running blocking
// libpqxx work on a connection of its own, off the I/O threads. Handlers
// `co_await pool.run(...)`; the coroutine hops to a worker, runs the work,
// and hops back to the executor it came from.

#include <atomic>
#include <concepts>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <pqxx/connection>

#include "yardstick/domain/result.hpp"
#include "yardstick/sql/connection.hpp"
#include "yardstick/sql/error_translation.hpp"

namespace yardstick::server {

/// A snapshot of the pool for /metrics.
struct PoolGauges {
    std::size_t size = 0;       ///< worker threads = connections at most
    std::size_t connected = 0;  ///< connections currently open
    std::size_t busy = 0;       ///< work items running now
    std::size_t waiting = 0;    ///< work items queued for a worker
};

template <typename T>
struct IsResult : std::false_type {};
template <typename T>
struct IsResult<Result<T>> : std::true_type {};

class DatabasePool {
public:
    /// `size` workers and connections; at most `queue_limit` work items may
    /// wait for a worker before run() answers resource_exhausted.
    DatabasePool(sql::DatabaseSettings settings, std::size_t size, std::size_t queue_limit);
    ~DatabasePool();
    DatabasePool(const DatabasePool&) = delete;
    DatabasePool& operator=(const DatabasePool&) = delete;

    /// Runs `work(connection)` on a worker and returns its Result. Work must
    /// return a Result<T>; exceptions it throws become Errors through
    /// sql::translate_exception, and a connection that broke is discarded and
    /// reopened by the next work item. `work` is taken by value: it outlives
    /// no suspension of the caller.
    template <typename Work>
    requires std::invocable<Work&, pqxx::connection&> && IsResult<std::invoke_result_t<Work&, pqxx::connection&>>::value
        boost::asio::awaitable<std::invoke_result_t<Work&, pqxx::connection&>>
        run(Work work) {
        using R = std::invoke_result_t<Work&, pqxx::connection&>;
        if (waiting_.load() >= queue_limit_) {
            co_return Error{ErrorCode::resource_exhausted, "the database queue is full", {}};
        }
        auto home = co_await boost::asio::this_coro::executor;
        ++waiting_;
        // bind_executor moves the coroutine onto a worker; a plain post would not.
        co_await boost::asio::post(boost::asio::bind_executor(threads_.get_executor(), boost::asio::use_awaitable));
        --waiting_;
        std::optional<R> result;
        execute([&](pqxx::connection& connection) { result.emplace(work(connection)); },
                [&](Error error) { result.emplace(std::move(error)); });
        co_await boost::asio::post(boost::asio::bind_executor(home, boost::asio::use_awaitable));
        co_return std::move(*result);
    }

    PoolGauges gauges() const;

    /// A check every new connection must pass before it is used (the server's:
    /// that its master key is the database's). A connection that fails it is
    /// closed, and the work gets the check's Error. Set before the first run().
    void check_new_connections(std::function<Status(pqxx::connection&)> check) { check_ = std::move(check); }

    /// Waits for running work to finish and closes every connection.
    void stop();

private:
    // Takes a connection (opening it if needed), calls on_connection, and on an
    // exception calls on_error with the translated Error. Runs on a worker.
    template <typename OnConnection, typename OnError>
    void execute(OnConnection&& on_connection, OnError&& on_error) {
        std::unique_ptr<pqxx::connection> connection = acquire();
        ++busy_;
        bool checked = true;  // false from opening a connection until it passed check_
        std::optional<Error> refused;
        try {
            if (!connection || !connection->is_open()) {
                checked = false;
                connection = sql::open_connection(settings_);
                if (check_) {
                    if (auto passed = check_(*connection); !passed.ok()) {
                        refused = std::move(passed).error();
                    }
                }
                checked = !refused;
            }
            if (!refused) {
                on_connection(*connection);
            }
        } catch (...) {
            const auto error = std::current_exception();
            if (!checked || sql::is_connection_lost(error)) {
                connection.reset();
            }
            on_error(sql::translate_exception(error));
        }
        if (refused) {
            connection.reset();
            on_error(std::move(*refused));
        }
        --busy_;
        release(std::move(connection));
    }

    std::unique_ptr<pqxx::connection> acquire();
    void release(std::unique_ptr<pqxx::connection> connection);

    sql::DatabaseSettings settings_;
    std::function<Status(pqxx::connection&)> check_;
    std::size_t size_;
    std::size_t queue_limit_;
    boost::asio::thread_pool threads_;
    mutable std::mutex mutex_;
    // One slot per worker; empty slots are connections not yet (re)opened.
    std::vector<std::unique_ptr<pqxx::connection>> idle_;
    std::atomic<std::size_t> busy_{0};
    std::atomic<std::size_t> waiting_{0};
    std::atomic<bool> stopped_{false};
};

}  // namespace yardstick::server
