#include "server/app/database_pool.hpp"

#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <pqxx/pqxx>

#include "tests/support/scratch_database.hpp"

namespace yardstick::server {
namespace {

namespace asio = boost::asio;

class DatabasePoolTest : public ::testing::Test {
protected:
    sql::DatabaseSettings settings() const {
        sql::DatabaseSettings s;
        s.url = database_.url();
        s.statement_timeout = std::chrono::milliseconds(2000);
        return s;
    }

    // Runs a coroutine on a one-thread io_context and returns its result.
    template <typename T>
    T run(asio::awaitable<T> work) {
        asio::io_context context;
        std::optional<T> out;
        auto wrapper = [](asio::awaitable<T> inner, std::optional<T>& into) -> asio::awaitable<void> {
            into.emplace(co_await std::move(inner));
        };
        asio::co_spawn(context, wrapper(std::move(work), out), [](std::exception_ptr e) {
            if (e) {
                std::rethrow_exception(e);
            }
        });
        context.run();
        return std::move(*out);
    }

    testing::ScratchDatabase database_;
};

TEST_F(DatabasePoolTest, RunsWorkOffTheCallingThreadAndComesBack) {
    DatabasePool pool(settings(), 2, 16);
    const auto caller = std::this_thread::get_id();
    const auto result = run([&]() -> asio::awaitable<std::pair<bool, bool>> {
        auto answer = co_await pool.run([caller](pqxx::connection& c) -> Result<bool> {
            pqxx::work tx(c);
            return tx.exec1("SELECT 1")[0].as<int>() == 1 && std::this_thread::get_id() != caller;
        });
        co_return std::pair{answer.ok() && *answer, std::this_thread::get_id() == caller};
    }());
    EXPECT_TRUE(result.first) << "work ran on the caller's thread or failed";
    EXPECT_TRUE(result.second) << "the coroutine did not come back to its executor";
}

TEST_F(DatabasePoolTest, TranslatesDatabaseErrors) {
    DatabasePool pool(settings(), 1, 16);
    const auto result = run([&]() -> asio::awaitable<Result<int>> {
        co_return co_await pool.run([](pqxx::connection& c) -> Result<int> {
            pqxx::work tx(c);
            tx.exec("CREATE TEMP TABLE t (id int PRIMARY KEY)");
            tx.exec("INSERT INTO t VALUES (1), (1)");
            return 0;
        });
    }());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::already_exists);
}

TEST_F(DatabasePoolTest, StatementTimeoutComesFromTheConnectionString) {
    DatabasePool pool(settings(), 1, 16);
    const auto result = run([&]() -> asio::awaitable<Result<std::string>> {
        co_return co_await pool.run([](pqxx::connection& c) -> Result<std::string> {
            pqxx::work tx(c);
            return tx.exec1("SHOW statement_timeout")[0].as<std::string>();
        });
    }());
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(*result, "2s");
    const auto slow = run([&]() -> asio::awaitable<Result<int>> {
        co_return co_await pool.run([](pqxx::connection& c) -> Result<int> {
            pqxx::work tx(c);
            tx.exec("SELECT pg_sleep(5)");
            return 0;
        });
    }());
    ASSERT_FALSE(slow.ok());
    EXPECT_EQ(slow.error().code, ErrorCode::unavailable);
}

TEST_F(DatabasePoolTest, ReplacesAConnectionTheServerKilled) {
    DatabasePool pool(settings(), 1, 16);
    auto backend_pid = [&]() -> asio::awaitable<Result<int>> {
        co_return co_await pool.run([](pqxx::connection& c) -> Result<int> {
            pqxx::work tx(c);
            return tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
        });
    };
    const auto first = run(backend_pid());
    ASSERT_TRUE(first.ok());
    {
        pqxx::connection admin(database_.url());
        pqxx::work tx(admin);
        tx.exec_params("SELECT pg_terminate_backend($1)", *first);
        tx.commit();
    }
    const auto broken = run(backend_pid());
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, ErrorCode::unavailable);
    const auto recovered = run(backend_pid());
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    EXPECT_NE(*recovered, *first);
}

TEST_F(DatabasePoolTest, AnUnreachableDatabaseIsUnavailableNotACrash) {
    sql::DatabaseSettings nowhere;
    nowhere.url = "host=/nonexistent-socket-dir port=1 dbname=x";
    DatabasePool pool(nowhere, 1, 16);
    const auto result = run([&]() -> asio::awaitable<Result<int>> {
        co_return co_await pool.run([](pqxx::connection&) -> Result<int> { return 1; });
    }());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::unavailable);
    EXPECT_EQ(pool.gauges().connected, 0u);
}

}  // namespace
}  // namespace yardstick::server
