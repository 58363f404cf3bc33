// Requests the router cannot serve answer with application/problem+json
// (RFC 9457): 404 for an unknown address, 405 with Allow for a wrong method,
// 400 naming the field for a target that does not parse.

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

class ProblemTest : public ServerTest {
protected:
    void SetUp() override { start_server(); }
};

TEST_F(ProblemTest, UnknownRouteIs404Problem) {
    const auto response = request(port(), verb::get, "/api/v1/nothing-here");
    expect_problem(response, status::not_found, "Not Found");
    EXPECT_EQ(response[field::cache_control], "no-store");
}

TEST_F(ProblemTest, WrongMethodIs405ProblemWithAllow) {
    const auto response = request(port(), verb::post, "/healthz", "{}", {{"Content-Type", "application/json"}});
    const auto body = expect_problem(response, status::method_not_allowed, "Method Not Allowed");
    EXPECT_EQ(response[field::allow], "GET, HEAD");
    EXPECT_NE(body.value("detail", "").find("POST"), std::string::npos) << body.dump();

    const auto del = request(port(), verb::delete_, "/metrics");
    expect_problem(del, status::method_not_allowed, "Method Not Allowed");
    EXPECT_EQ(del[field::allow], "GET, HEAD");
}

TEST_F(ProblemTest, AbsoluteFormTargetIsAccepted) {
    // RFC 9112 §3.2.2: a server must accept the absolute form as well.
    const auto response = request(port(), verb::get, "http://127.0.0.1/healthz");
    EXPECT_EQ(response.result(), status::ok) << response.body();
}

TEST_F(ProblemTest, BadQueryStringIs400ProblemNamingTheTarget) {
    HttpConnection connection(port());
    const auto response = connection.request(verb::get, "/healthz?%zz");
    const auto body = expect_problem(response, status::bad_request, "Bad Request");
    ASSERT_TRUE(body.contains("errors") && body["errors"].is_array()) << body.dump();
    ASSERT_FALSE(body["errors"].empty());
    bool names_target = false;
    for (const auto& error : body["errors"]) {
        EXPECT_TRUE(error.contains("field") && error.contains("message")) << error.dump();
        if (error.value("field", "") == "target") {
            names_target = !error.value("message", "").empty();
        }
    }
    EXPECT_TRUE(names_target) << body.dump();

    // The request itself was valid HTTP, so the connection stays usable.
    EXPECT_EQ(connection.request(verb::get, "/healthz").result(), status::ok);
}

}  // namespace
}  // namespace yardstick::testing
