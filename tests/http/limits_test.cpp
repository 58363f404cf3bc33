// Requests the server will not read get a clear answer and a closed
// connection: 413 above --body-limit (--import-body-limit for imports), 431
// above --header-limit, 400 for what
// is not HTTP/1.1.

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

class LimitsTest : public ServerTest {
protected:
    void SetUp() override {
        start_server({"--body-limit", "1024", "--header-limit", "1024", "--import-body-limit", "4096"});
    }

    // Sends `bytes` on a connection of its own and returns the one response,
    // checking that the server closed the connection after it.
    HttpResponse rejected(const std::string& bytes) {
        const auto received = exchange_raw(port(), bytes, 5s);
        EXPECT_TRUE(received.closed) << "the server kept the connection open after rejecting the request";
        return parse_response(received.bytes);
    }
};

TEST_F(LimitsTest, BodyOverTheLimitIs413Problem) {
    const auto response = rejected(format_request(verb::post, "/healthz", port(), std::string(2000, 'x'),
                                                  {{"Content-Type", "application/octet-stream"}}));
    const auto body = expect_problem(response, status::payload_too_large, "Payload Too Large");
    EXPECT_NE(body.value("detail", "").find("1024"), std::string::npos) << body.dump();
    EXPECT_FALSE(response.keep_alive());
    EXPECT_EQ(response["X-Request-Id"].size(), 32u);

    // Under the limit the body is read and the request routed (to a 405).
    const auto small = request(port(), verb::post, "/healthz", std::string(1000, 'x'));
    EXPECT_EQ(small.result(), status::method_not_allowed);
}

TEST_F(LimitsTest, ImportsHaveTheirOwnBodyLimit) {
    // Over --body-limit but under --import-body-limit: read, and refused
    // only for want of credentials.
    const auto read = request(port(), verb::post, "/api/v1/programmes/pilot/imports/responses", std::string(3000, 'x'),
                              {{"Content-Type", "text/csv"}});
    EXPECT_EQ(read.result(), status::unauthorized) << read.body();
    const auto response = rejected(format_request(verb::post, "/api/v1/programmes/pilot/imports/responses", port(),
                                                  std::string(5000, 'x'), {{"Content-Type", "text/csv"}}));
    const auto body = expect_problem(response, status::payload_too_large, "Payload Too Large");
    EXPECT_NE(body.value("detail", "").find("4096"), std::string::npos) << body.dump();
    // Other routes under /programmes keep the general limit.
    const auto other = rejected(format_request(verb::post, "/api/v1/programmes/pilot/organisations", port(),
                                               std::string(3000, 'x'), {{"Content-Type", "application/json"}}));
    expect_problem(other, status::payload_too_large, "Payload Too Large");
}

TEST_F(LimitsTest, HeadersOverTheLimitAre431Problem) {
    const auto response =
        rejected(format_request(verb::get, "/healthz", port(), {}, {{"X-Filler", std::string(2000, 'h')}}));
    const auto body =
        expect_problem(response, status::request_header_fields_too_large, "Request Header Fields Too Large");
    EXPECT_NE(body.value("detail", "").find("1024"), std::string::npos) << body.dump();
    EXPECT_FALSE(response.keep_alive());

    const auto small = request(port(), verb::get, "/healthz", {}, {{"X-Filler", std::string(300, 'h')}});
    EXPECT_EQ(small.result(), status::ok);
}

TEST_F(LimitsTest, MalformedHttpIs400Problem) {
    const std::vector<std::string> malformed = {
        "GARBAGE\r\n\r\n",
        "GET /healthz HTTP/1.x\r\nHost: a\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: a\r\nNo colon in this header\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: twelve\r\n\r\n",
    };
    for (const auto& bytes : malformed) {
        SCOPED_TRACE(bytes);
        const auto response = rejected(bytes);
        expect_problem(response, status::bad_request, "Bad Request");
    }
    // Each was rejected on its own connection; the server is still there.
    EXPECT_EQ(request(port(), verb::get, "/healthz").result(), status::ok);
}

}  // namespace
}  // namespace yardstick::testing
