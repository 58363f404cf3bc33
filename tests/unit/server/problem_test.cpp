#include "server/http/problem.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace yardstick::server::http {
namespace {

using beast_http::status;

TEST(ProblemMapping, EachCodeHasItsStatus) {
    EXPECT_EQ(status_for(ErrorCode::invalid_argument), status::unprocessable_entity);
    EXPECT_EQ(status_for(ErrorCode::not_found), status::not_found);
    EXPECT_EQ(status_for(ErrorCode::already_exists), status::conflict);
    EXPECT_EQ(status_for(ErrorCode::conflict), status::conflict);
    EXPECT_EQ(status_for(ErrorCode::gone), status::gone);
    EXPECT_EQ(status_for(ErrorCode::unauthenticated), status::unauthorized);
    EXPECT_EQ(status_for(ErrorCode::permission_denied), status::forbidden);
    EXPECT_EQ(status_for(ErrorCode::resource_exhausted), status::too_many_requests);
    EXPECT_EQ(status_for(ErrorCode::unavailable), status::service_unavailable);
    EXPECT_EQ(status_for(ErrorCode::internal), status::internal_server_error);
}

TEST(ProblemResponse, HasTheRfc9457Shape) {
    auto error = Error::invalid("country", "not an ISO 3166-1 alpha-2 code");
    const auto response = make_problem_response(problem_from(error), 11, "abc");
    EXPECT_EQ(response.result(), status::unprocessable_entity);
    EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
    const auto body = nlohmann::json::parse(response.body());
    EXPECT_EQ(body["type"], "about:blank");
    EXPECT_EQ(body["title"], "Unprocessable Entity");
    EXPECT_EQ(body["status"], 422);
    EXPECT_EQ(body["errors"][0]["field"], "country");
    EXPECT_EQ(body["errors"][0]["message"], "not an ISO 3166-1 alpha-2 code");
    EXPECT_EQ(body["instance"], "urn:yardstick:request:abc");
}

TEST(ProblemResponse, InternalDetailsStayInTheLog) {
    const auto response =
        make_problem_response(problem_from(Error{ErrorCode::internal, "relation \"x\" does not exist", {}}), 11, "r");
    EXPECT_EQ(response.body().find("relation"), std::string::npos);
}

TEST(ProblemResponse, UnauthenticatedCarriesAChallenge) {
    const auto response =
        make_problem_response(problem_from(Error{ErrorCode::unauthenticated, "no token", {}}), 11, "");
    EXPECT_EQ(response[beast_http::field::www_authenticate], "Bearer realm=\"yardstick\"");
    const auto limited = make_problem_response(problem_from(Error{ErrorCode::resource_exhausted, "slow", {}}), 11, "");
    EXPECT_FALSE(limited[beast_http::field::retry_after].empty());
}

}  // namespace
}  // namespace yardstick::server::http
