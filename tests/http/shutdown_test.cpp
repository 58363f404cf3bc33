// Graceful shutdown: on SIGTERM the server stops accepting, lets the request
// in flight finish, closes idle connections, and exits 0.

#include <csignal>
#include <future>
#include <pqxx/pqxx>
#include <stdexcept>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

class ShutdownTest : public ServerTest {
protected:
    // Waits until a query of the server (application_name yardstick) waits
    // for a lock. Its own connection, and one statement per transaction:
    // pg_stat_activity is a snapshot that a transaction would keep.
    bool wait_for_server_query_blocked() {
        pqxx::connection observer(database_.url());
        return wait_until(
            [&] {
                pqxx::nontransaction tx(observer);
                const auto row = tx.exec_params1(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'yardstick' "
                    "AND wait_event_type = 'Lock'",
                    database_.name());
                return row[0].as<long long>() > 0;
            },
            10s);
    }
};

TEST_F(ShutdownTest, SigtermLetsTheRequestInFlightFinish) {
    start_server();
    // Declared first so that it is destroyed last: should the test fail
    // early, the lock is released before anything waits for the request.
    std::future<HttpResponse> in_flight;

    // /readyz reads schema_migrations: holding an exclusive lock on it keeps
    // a readyz request in flight for as long as the test wants.
    pqxx::connection locker(database_.url());
    pqxx::work lock(locker);
    lock.exec0("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE");

    in_flight = std::async(std::launch::async, [port = port()] {
        return request(port, verb::get, "/readyz", {}, {{"X-Request-Id", "in-flight"}}, 30s);
    });

    // Signal only once the server's query really waits for the lock.
    ASSERT_TRUE(wait_for_server_query_blocked()) << "the readyz query never waited for the lock";

    server_->send_signal(SIGTERM);
    EXPECT_TRUE(wait_until([&] { return !accepts_connections(port()); }, 5s))
        << "the server still accepts connections after SIGTERM";
    EXPECT_EQ(in_flight.wait_for(0s), std::future_status::timeout) << "the request ended before the lock was released";
    EXPECT_FALSE(server_->wait_exit(0ms)) << "the server exited with a request in flight";

    lock.commit();
    ASSERT_EQ(in_flight.wait_for(15s), std::future_status::ready) << "the request in flight never finished";
    const auto response = in_flight.get();
    EXPECT_EQ(response.result(), status::ok) << response.body();
    EXPECT_EQ(response["X-Request-Id"], "in-flight");
    // The server is closing: it says so rather than promising keep-alive.
    EXPECT_FALSE(response.keep_alive());

    EXPECT_EQ(server_->wait_exit(10s), 0);
    EXPECT_TRUE(server_->wait_for_log_line(
        [](const std::string& line) { return line.find("\"event\":\"server.stopped\"") != std::string::npos; }, 1s));
}

TEST_F(ShutdownTest, RequestsThatOutliveTheShutdownTimeoutAreAbandoned) {
    start_server({"--shutdown-timeout", "1"});
    std::future<HttpResponse> in_flight;  // destroyed after the lock is released
    pqxx::connection locker(database_.url());
    pqxx::work lock(locker);
    lock.exec0("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE");
    in_flight =
        std::async(std::launch::async, [port = port()] { return request(port, verb::get, "/readyz", {}, {}, 30s); });
    ASSERT_TRUE(wait_for_server_query_blocked()) << "the readyz query never waited for the lock";

    const auto signalled = std::chrono::steady_clock::now();
    server_->send_signal(SIGTERM);
    const auto gave_up = server_->wait_for_log_line(
        [](const std::string& line) { return line.find("\"event\":\"server.shutdown_timeout\"") != std::string::npos; },
        5s);
    ASSERT_TRUE(gave_up) << "no server.shutdown_timeout after --shutdown-timeout 1";
    EXPECT_GE(std::chrono::steady_clock::now() - signalled, 900ms);

    // The database call itself cannot be interrupted (statement_timeout bounds
    // it); once it returns, the process exits cleanly.
    lock.commit();
    EXPECT_EQ(server_->wait_exit(5s), 0);
    ASSERT_EQ(in_flight.wait_for(5s), std::future_status::ready);
    EXPECT_THROW(in_flight.get(), std::runtime_error) << "an abandoned request still got an answer";
}

TEST_F(ShutdownTest, SigtermWithAnIdleKeepAliveConnectionExitsPromptly) {
    start_server();
    HttpConnection idle(port());
    ASSERT_EQ(idle.request(verb::get, "/healthz").result(), status::ok);

    const auto signalled = std::chrono::steady_clock::now();
    server_->send_signal(SIGTERM);
    // Well under the 10 s default --shutdown-timeout: the idle connection is
    // closed at once rather than waited for.
    EXPECT_EQ(server_->wait_exit(3s), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - signalled, 3s);
    EXPECT_TRUE(idle.read_until_closed(2s).closed);
}

TEST_F(ShutdownTest, SigintStopsTheServerToo) {
    start_server();
    server_->send_signal(SIGINT);
    EXPECT_EQ(server_->wait_exit(5s), 0);
}

}  // namespace
}  // namespace yardstick::testing
