// Connection handling: keep-alive, pipelining, and deadlines that stop a
// slow client from holding a connection forever.

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

class ConnectionTest : public ServerTest {};

TEST_F(ConnectionTest, KeepAliveServesTwoRequestsOnOneConnection) {
    start_server();
    HttpConnection connection(port());
    const auto first = connection.request(verb::get, "/healthz", {}, {{"X-Request-Id", "keep-1"}});
    EXPECT_EQ(first.result(), status::ok);
    EXPECT_TRUE(first.keep_alive());
    const auto second = connection.request(verb::get, "/readyz", {}, {{"X-Request-Id", "keep-2"}});
    EXPECT_EQ(second.result(), status::ok) << second.body();
    EXPECT_EQ(second["X-Request-Id"], "keep-2");

    // All of it over one connection: the server has seen no other.
    const auto metrics = connection.request(verb::get, "/metrics");
    EXPECT_NE(metrics.body().find("\nyardstick_http_connections_open 1\n"), std::string::npos) << metrics.body();
}

TEST_F(ConnectionTest, PipelinedRequestsAreAnsweredInOrder) {
    start_server();
    HttpConnection connection(port());
    // Both requests in one write: the second is already buffered when the
    // server reads the first.
    connection.write(format_request(verb::get, "/healthz", port(), {}, {{"X-Request-Id", "pipe-1"}}) +
                     format_request(verb::get, "/not-here", port(), {}, {{"X-Request-Id", "pipe-2"}}) +
                     format_request(verb::head, "/healthz", port(), {}, {{"X-Request-Id", "pipe-3"}}) +
                     format_request(verb::get, "/healthz", port(), {}, {{"X-Request-Id", "pipe-4"}}));
    const auto first = connection.read_response();
    const auto second = connection.read_response();
    const auto third = connection.read_response(true);
    const auto fourth = connection.read_response();
    EXPECT_EQ(first.result(), status::ok);
    EXPECT_EQ(first["X-Request-Id"], "pipe-1");
    EXPECT_EQ(second.result(), status::not_found);
    EXPECT_EQ(second["X-Request-Id"], "pipe-2");
    EXPECT_EQ(third.result(), status::ok);
    EXPECT_EQ(third["X-Request-Id"], "pipe-3");
    // A HEAD answer with a body would shift every later response.
    EXPECT_EQ(fourth.result(), status::ok);
    EXPECT_EQ(fourth["X-Request-Id"], "pipe-4");
    EXPECT_EQ(fourth.body(), first.body());
}

TEST_F(ConnectionTest, ConnectionCloseIsHonoured) {
    start_server();
    HttpConnection connection(port());
    const auto response = connection.request(verb::get, "/healthz", {}, {{"Connection", "close"}});
    EXPECT_EQ(response.result(), status::ok);
    EXPECT_FALSE(response.keep_alive());
    EXPECT_TRUE(connection.read_until_closed(5s).closed);
}

TEST_F(ConnectionTest, SlowClientIsCutOffAfterTheIdleTimeout) {
    start_server({"--idle-timeout", "1"});
    HttpConnection slow(port());
    const auto started = std::chrono::steady_clock::now();
    slow.write("GET /heal");

    // Others are served while the slow client dawdles.
    EXPECT_EQ(request(port(), verb::get, "/healthz").result(), status::ok);

    const auto received = slow.read_until_closed(6s);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_TRUE(received.closed) << "the server held the half-sent request for 6 s with --idle-timeout 1";
    EXPECT_GE(elapsed, 900ms) << "closed before the idle timeout";
    // Beast's stream closes the socket when its deadline passes, so the
    // server cannot answer 408; it logs the slow client instead.
    EXPECT_EQ(received.bytes, "");
    EXPECT_TRUE(wait_until(
        [&] {
            for (const auto& line : server_->log_lines()) {
                if (line.find("\"http.request_timeout\"") != std::string::npos) {
                    return true;
                }
            }
            return false;
        },
        5s));

    EXPECT_EQ(request(port(), verb::get, "/healthz").result(), status::ok);
}

TEST_F(ConnectionTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
    start_server({"--idle-timeout", "1"});
    HttpConnection connection(port());
    EXPECT_EQ(connection.request(verb::get, "/healthz").result(), status::ok);
    const auto started = std::chrono::steady_clock::now();
    const auto received = connection.read_until_closed(6s);
    ASSERT_TRUE(received.closed) << "an idle keep-alive connection outlived --idle-timeout 1 by 5 s";
    EXPECT_GE(std::chrono::steady_clock::now() - started, 900ms);
    // Nothing had been asked, so nothing is answered.
    EXPECT_EQ(received.bytes, "");
}

}  // namespace
}  // namespace yardstick::testing
