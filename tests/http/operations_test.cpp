// The operations endpoints (/healthz, /readyz, /metrics) and what every
// request gets: a request id and an access-log line.

#include <regex>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

class OperationsTest : public ServerTest {};

TEST_F(OperationsTest, HealthzAnswers200WithJson) {
    start_server();
    const auto response = request(port(), verb::get, "/healthz");
    EXPECT_EQ(response.result(), status::ok);
    EXPECT_EQ(response[field::content_type], "application/json");
    const auto body = nlohmann::json::parse(response.body());
    EXPECT_EQ(body.value("status", ""), "alive");
}

TEST_F(OperationsTest, HeadHealthzSendsTheHeadersOfGetWithoutABody) {
    start_server();
    const auto get = request(port(), verb::get, "/healthz");
    // Raw, so that a body sent after the headers would be seen: a client
    // that knows it asked HEAD would silently skip it.
    const auto received =
        exchange_raw(port(), format_request(verb::head, "/healthz", port(), {}, {{"Connection", "close"}}));
    ASSERT_TRUE(received.closed) << "the server did not close after Connection: close";
    const auto end_of_headers = received.bytes.find("\r\n\r\n");
    ASSERT_NE(end_of_headers, std::string::npos) << received.bytes;
    EXPECT_EQ(received.bytes.size(), end_of_headers + 4) << "HEAD got a body: " << received.bytes;

    const auto head = parse_response(received.bytes, true);
    EXPECT_EQ(head.result(), status::ok);
    EXPECT_EQ(head[field::content_type], "application/json");
    EXPECT_EQ(head[field::content_length], std::to_string(get.body().size()));
}

TEST_F(OperationsTest, ReadyzAnswers200OnAMigratedDatabase) {
    start_server();
    const auto response = request(port(), verb::get, "/readyz");
    ASSERT_EQ(response.result(), status::ok) << response.body();
    EXPECT_EQ(response[field::content_type], "application/json");
    const auto body = nlohmann::json::parse(response.body());
    EXPECT_EQ(body.value("status", ""), "ready");
    EXPECT_EQ(body.value("database", ""), "ok");
    EXPECT_GE(body.value("migrations_applied", 0), 1);
}

TEST_F(OperationsTest, RequestIdIsHonouredWhenSentAndGeneratedOtherwise) {
    start_server();
    const auto sent = request(port(), verb::get, "/healthz", {}, {{"X-Request-Id", "client-chosen.id_42"}});
    EXPECT_EQ(sent["X-Request-Id"], "client-chosen.id_42");

    const std::regex generated_id("[0-9a-f]{32}");
    const auto generated = request(port(), verb::get, "/healthz");
    EXPECT_TRUE(std::regex_match(std::string(generated["X-Request-Id"]), generated_id)) << generated["X-Request-Id"];
    const auto another = request(port(), verb::get, "/healthz");
    EXPECT_NE(another["X-Request-Id"], generated["X-Request-Id"]);

    // An id that could forge log lines or headers is replaced, not echoed.
    const auto unsafe = request(port(), verb::get, "/healthz", {}, {{"X-Request-Id", "two words\"}"}});
    EXPECT_TRUE(std::regex_match(std::string(unsafe["X-Request-Id"]), generated_id)) << unsafe["X-Request-Id"];

    // Problems carry it too, also in the body.
    const auto problem = request(port(), verb::get, "/no-such-thing", {}, {{"X-Request-Id", "lost-1"}});
    EXPECT_EQ(problem["X-Request-Id"], "lost-1");
    EXPECT_EQ(nlohmann::json::parse(problem.body()).value("instance", ""), "urn:yardstick:request:lost-1");
}

TEST_F(OperationsTest, EveryRequestWritesOneAccessLogLine) {
    start_server();
    const auto ok = request(port(), verb::get, "/healthz", {}, {{"X-Request-Id", "access-ok"}});
    const auto missing = request(port(), verb::get, "/nowhere/at/all", {}, {{"X-Request-Id", "access-404"}});

    const auto ok_line =
        server_->wait_for_log_line([](const std::string& line) { return is_access_line_for(line, "access-ok"); }, 5s);
    ASSERT_TRUE(ok_line) << "no access-log line for the request";
    const auto json = parse_log_line(*ok_line);
    EXPECT_EQ(json.value("level", ""), "info");
    EXPECT_FALSE(json.value("time", "").empty());
    EXPECT_EQ(json.value("method", ""), "GET");
    EXPECT_EQ(json.value("route", ""), "/healthz");
    EXPECT_EQ(json.value("status", 0), 200);
    ASSERT_TRUE(json.contains("duration_ms") && json["duration_ms"].is_number());
    EXPECT_GE(json["duration_ms"].get<double>(), 0.0);
    EXPECT_EQ(json.value("bytes", std::size_t{0}), ok.body().size());

    // An unmatched path is logged under a fixed label, never the raw path.
    const auto missing_line =
        server_->wait_for_log_line([](const std::string& line) { return is_access_line_for(line, "access-404"); }, 5s);
    ASSERT_TRUE(missing_line);
    const auto missing_json = parse_log_line(*missing_line);
    EXPECT_EQ(missing_json.value("status", 0), 404);
    EXPECT_EQ(missing_json.value("route", ""), "unmatched");
    EXPECT_EQ(missing_json.value("bytes", std::size_t{0}), missing.body().size());

    // Exactly one line per request.
    int lines_for_ok = 0;
    for (const auto& line : server_->log_lines()) {
        lines_for_ok += is_access_line_for(line, "access-ok") ? 1 : 0;
    }
    EXPECT_EQ(lines_for_ok, 1);
}

TEST_F(OperationsTest, MetricsCountRequestsAndExposeDurationsAndThePool) {
    start_server({"--db-pool-size", "3"});
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(request(port(), verb::get, "/healthz").result(), status::ok);
    }
    ASSERT_EQ(request(port(), verb::get, "/missing").result(), status::not_found);

    const auto response = request(port(), verb::get, "/metrics");
    ASSERT_EQ(response.result(), status::ok);
    EXPECT_TRUE(response[field::content_type].starts_with("text/plain; version=0.0.4"));
    const std::string& text = response.body();
    const auto has_line = [&text](const std::string& line) {
        return text.starts_with(line + "\n") || text.find("\n" + line + "\n") != std::string::npos;
    };
    EXPECT_TRUE(has_line(R"(yardstick_http_requests_total{method="GET",route="/healthz",status="200"} 3)")) << text;
    EXPECT_TRUE(has_line(R"(yardstick_http_requests_total{method="GET",route="unmatched",status="404"} 1)")) << text;
    EXPECT_TRUE(has_line("# TYPE yardstick_http_request_duration_seconds histogram")) << text;
    const std::string histogram = "yardstick_http_request_duration_seconds";
    const std::string labels = R"(method="GET",route="/healthz")";
    EXPECT_TRUE(has_line(histogram + "_bucket{" + labels + R"(,le="+Inf"} 3)")) << text;
    EXPECT_TRUE(has_line(histogram + "_bucket{" + labels + R"(,le="5"} 3)")) << text;
    EXPECT_TRUE(has_line(histogram + "_count{" + labels + "} 3")) << text;
    EXPECT_NE(text.find(histogram + "_sum{" + labels + "} "), std::string::npos) << text;
    EXPECT_TRUE(has_line("# TYPE yardstick_db_pool_size gauge")) << text;
    EXPECT_TRUE(has_line("yardstick_db_pool_size 3")) << text;
}

}  // namespace
}  // namespace yardstick::testing
