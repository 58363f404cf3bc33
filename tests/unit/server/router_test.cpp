#include "server/http/router.hpp"

#include <gtest/gtest.h>

namespace yardstick::server::http {
namespace {

using beast_http::verb;

Handler no_op() {
    return [](RequestContext) -> boost::asio::awaitable<Response> { co_return Response{}; };
}

Router sample_router() {
    Router router;
    router.add({verb::get, "/healthz", Permission::anyone, no_op()});
    router.add({verb::get, "/api/v1/programmes/{slug}", Permission::anyone, no_op()});
    router.add({verb::post, "/api/v1/programmes/{slug}/organisations", Permission::anyone, no_op()});
    return router;
}

TEST(Router, MatchesLiteralAndParameterisedPaths) {
    const auto router = sample_router();
    const auto health = router.match(verb::get, "/healthz");
    ASSERT_NE(health.route, nullptr);
    EXPECT_EQ(health.route->pattern, "/healthz");

    const auto programme = router.match(verb::get, "/api/v1/programmes/mobilisesme-pilot");
    ASSERT_NE(programme.route, nullptr);
    EXPECT_EQ(programme.params.at("slug"), "mobilisesme-pilot");
}

TEST(Router, HeadMatchesGet) {
    const auto router = sample_router();
    EXPECT_NE(router.match(verb::head, "/healthz").route, nullptr);
}

TEST(Router, UnknownPathHasNoAllowedMethods) {
    const auto router = sample_router();
    const auto match = router.match(verb::get, "/nothing/here");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_TRUE(match.allowed.empty());
    EXPECT_EQ(router.match(verb::get, "/api/v1/programmes/").route, nullptr);  // empty parameter
    EXPECT_EQ(router.match(verb::get, "/healthz/").route, nullptr);
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
    const auto router = sample_router();
    const auto match = router.match(verb::delete_, "/api/v1/programmes/x/organisations");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_EQ(allow_header(match.allowed), "POST");
    EXPECT_EQ(allow_header(router.match(verb::post, "/healthz").allowed), "GET, HEAD");
}

TEST(Router, RefusesARouteWithoutPermission) {
    Router router;
    EXPECT_THROW(router.add({verb::get, "/secret", std::nullopt, no_op()}), std::invalid_argument);
    EXPECT_TRUE(router.routes().empty());
}

TEST(Router, RefusesDuplicatesAndRelativePatterns) {
    Router router;
    router.add({verb::get, "/a", Permission::anyone, no_op()});
    EXPECT_THROW(router.add({verb::get, "/a", Permission::anyone, no_op()}), std::invalid_argument);
    EXPECT_THROW(router.add({verb::get, "a", Permission::anyone, no_op()}), std::invalid_argument);
}

}  // namespace
}  // namespace yardstick::server::http
