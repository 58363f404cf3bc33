// Staff addresses need "Authorization: Bearer <token>" with a token made by
// `yardstick token create`: none or a wrong one is 401 with a Bearer
// challenge, a role without the permission is 403 (auditors only read). The
// participant side (/api/v1/forms/{token}) is authorised by its link alone.

#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>

#include <pqxx/pqxx>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

constexpr std::string_view kProgrammes = "/api/v1/programmes";

HeaderList bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

HeaderList json_with_bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

std::string programme_body(const std::string& slug) {
    return nlohmann::json{{"slug", slug}, {"name", "Programme " + slug}, {"template", "mobilisesme"}}.dump();
}

// The lines `yardstick token create` printed on stdout.
std::vector<std::string> lines_of(const std::string& out) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < out.size()) {
        const auto end = std::min(out.find('\n', start), out.size());
        lines.push_back(out.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

class StaffAuthTest : public ServerTest {
protected:
    // The server migrates the database, which `token create` needs.
    void SetUp() override { start_server(); }

    // A 401 problem that tells the client to use a bearer token.
    static void expect_bearer_challenge(const HttpResponse& response) {
        expect_problem(response, status::unauthorized, "Unauthorized");
        const std::string challenge(response[field::www_authenticate]);
        EXPECT_TRUE(challenge.starts_with("Bearer")) << "WWW-Authenticate: " << challenge;
    }
};

TEST_F(StaffAuthTest, NoAuthorizationIs401WithABearerChallenge) {
    expect_bearer_challenge(request(port(), verb::get, kProgrammes));
    expect_bearer_challenge(request(port(), verb::get, "/api/v1/programmes/anything/organisations"));
    // Authentication comes before the body is looked at.
    expect_bearer_challenge(
        request(port(), verb::post, kProgrammes, programme_body("no-token"), {{"Content-Type", "application/json"}}));
}

TEST_F(StaffAuthTest, MalformedOrUnknownTokenIs401) {
    const auto token = create_token();
    ASSERT_EQ(token.size(), 43u);
    // One character changed: well formed, but no such token.
    std::string altered = token;
    altered[10] = altered[10] == 'A' ? 'B' : 'A';
    const std::vector<HeaderList> wrong = {
        {{"Authorization", "Bearer not-a-token"}},
        {{"Authorization", "Bearer " + std::string(43, 'A')}},
        {{"Authorization", "Bearer " + altered}},
        {{"Authorization", "Bearer " + token + "x"}},
        {{"Authorization", "Bearer"}},
        {{"Authorization", "Bearer "}},
        {{"Authorization", "Basic " + token}},
        {{"Authorization", token}},
    };
    for (const auto& headers : wrong) {
        SCOPED_TRACE(headers.front().second);
        expect_bearer_challenge(request(port(), verb::get, kProgrammes, {}, headers));
    }
    // The real token still works, whatever the case of the scheme (RFC 6750 §2.1).
    EXPECT_EQ(request(port(), verb::get, kProgrammes, {}, bearer(token)).result(), status::ok);
    EXPECT_EQ(request(port(), verb::get, kProgrammes, {}, {{"Authorization", "bearer " + token}}).result(), status::ok);
}

TEST_F(StaffAuthTest, TokenCreatePrintsTheTokenAloneOnTheLastLineAndEachTokenWorks) {
    const std::regex token_shape("[A-Za-z0-9_-]{43}");
    std::vector<std::string> tokens;
    for (int i = 0; i < 2; ++i) {
        int code = -1;
        const auto out = run_command(
            {"token", "create", "--database-url", database_.url(), "--user", "ops@example.org", "--role", "admin"},
            &code);
        ASSERT_EQ(code, 0) << out;
        ASSERT_TRUE(out.ends_with("\n")) << out;
        const auto lines = lines_of(out);
        ASSERT_FALSE(lines.empty()) << out;
        const auto& last = lines.back();
        EXPECT_EQ(last.size(), 43u) << "last line: '" << last << "'";
        EXPECT_TRUE(std::regex_match(last, token_shape)) << "last line: '" << last << "'";
        // The token is printed once, on that line only.
        EXPECT_EQ(out.find(last), out.size() - last.size() - 1) << out;
        tokens.push_back(last);
    }
    EXPECT_NE(tokens[0], tokens[1]) << "a second token for the same user must be a new one";
    for (const auto& token : tokens) {
        const auto response = request(port(), verb::get, kProgrammes, {}, bearer(token));
        EXPECT_EQ(response.result(), status::ok) << response.body();
    }
}

TEST_F(StaffAuthTest, TokenCreateNeedsAProgrammeForEveryRoleButAdmin) {
    int code = -1;
    auto out = run_command(
        {"token", "create", "--database-url", database_.url(), "--user", "m@example.org", "--role", "manager"}, &code);
    EXPECT_EQ(code, 2) << out;
    out = run_command({"token", "create", "--database-url", database_.url(), "--user", "m@example.org", "--role",
                       "manager", "--programme", "nowhere"},
                      &code);
    EXPECT_EQ(code, 2) << out;
    out = run_command({"token", "create", "--database-url", database_.url(), "--user", "a@example.org", "--role",
                       "admin", "--programme", "nowhere"},
                      &code);
    EXPECT_EQ(code, 2) << out;
}

TEST_F(StaffAuthTest, TokenCreateRefusesAnUnknownRole) {
    int code = -1;
    const auto out = run_command(
        {"token", "create", "--database-url", database_.url(), "--user", "x@example.org", "--role", "root"}, &code);
    EXPECT_NE(code, 0) << out;
    EXPECT_EQ(out.find_first_not_of(" \n"), std::string::npos) << "no token may be printed: " << out;
}

TEST_F(StaffAuthTest, AuditorMayReadButNotWrite) {
    const auto admin = create_token("admin", "admin@localhost");
    ASSERT_EQ(request(port(), verb::post, kProgrammes, programme_body("existing"), json_with_bearer(admin)).result(),
              status::created);
    const auto auditor = create_token("auditor", "auditor@example.org", "existing");

    const auto list = request(port(), verb::get, kProgrammes, {}, bearer(auditor));
    EXPECT_EQ(list.result(), status::ok) << list.body();
    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes/existing", {}, bearer(auditor)).result(), status::ok);
    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes/existing/organisations", {}, bearer(auditor)).result(),
              status::ok);

    const auto create =
        request(port(), verb::post, kProgrammes, programme_body("by-auditor"), json_with_bearer(auditor));
    const auto problem = expect_problem(create, status::forbidden, "Forbidden");
    EXPECT_NE(problem.value("detail", "").find("admin"), std::string::npos) << problem.dump();
    EXPECT_TRUE(create[field::www_authenticate].empty()) << "403 is not a challenge";

    const auto organisation = nlohmann::json{{"name", "Acme"}, {"country", "BE"}, {"sector", "C"}, {"size", "small"}};
    expect_problem(request(port(), verb::post, "/api/v1/programmes/existing/organisations", organisation.dump(),
                           json_with_bearer(auditor)),
                   status::forbidden, "Forbidden");
    expect_problem(request(port(), verb::post, "/api/v1/programmes/existing/imports/organisations",
                           "name,country,sector,size\nAcme,BE,C,small\n",
                           {{"Authorization", "Bearer " + auditor}, {"Content-Type", "text/csv"}}),
                   status::forbidden, "Forbidden");

    // Nothing the auditor tried was done.
    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes/by-auditor", {}, bearer(admin)).result(),
              status::not_found);
    const auto organisations = nlohmann::json::parse(
        request(port(), verb::get, "/api/v1/programmes/existing/organisations", {}, bearer(admin)).body());
    EXPECT_TRUE(organisations.at("items").empty()) << organisations.dump();
}

TEST_F(StaffAuthTest, ManagerMayWriteInTheirProgrammeOnly) {
    const auto admin = create_token("admin", "admin@localhost");
    for (const auto* slug : {"mine", "theirs"}) {
        ASSERT_EQ(request(port(), verb::post, kProgrammes, programme_body(slug), json_with_bearer(admin)).result(),
                  status::created);
    }
    const auto manager = create_token("manager", "manager@example.org", "mine");
    const auto organisation = nlohmann::json{{"name", "Acme"}, {"country", "BE"}, {"sector", "C"}, {"size", "small"}};
    const auto written = request(port(), verb::post, "/api/v1/programmes/mine/organisations", organisation.dump(),
                                 json_with_bearer(manager));
    EXPECT_EQ(written.result(), status::created) << written.body();
    expect_problem(request(port(), verb::post, "/api/v1/programmes/theirs/organisations", organisation.dump(),
                           json_with_bearer(manager)),
                   status::forbidden, "Forbidden");
    expect_problem(request(port(), verb::get, "/api/v1/programmes/theirs", {}, bearer(manager)), status::forbidden,
                   "Forbidden");
    // Creating programmes is for admins.
    expect_problem(request(port(), verb::post, kProgrammes, programme_body("by-manager"), json_with_bearer(manager)),
                   status::forbidden, "Forbidden");
    // The list shows only the manager's programme.
    const auto list = nlohmann::json::parse(request(port(), verb::get, kProgrammes, {}, bearer(manager)).body());
    ASSERT_EQ(list.at("items").size(), 1u) << list.dump();
    EXPECT_EQ(list.at("items").at(0).value("slug", ""), "mine");
}

TEST_F(StaffAuthTest, ARevokedTokenIsRefused) {
    const auto admin = create_token("admin", "admin@localhost");
    ASSERT_EQ(request(port(), verb::get, kProgrammes, {}, bearer(admin)).result(), status::ok);
    int code = -1;
    run_command({"token", "revoke", "--database-url", database_.url(), "--token", admin}, &code);
    EXPECT_EQ(code, 0);
    expect_problem(request(port(), verb::get, kProgrammes, {}, bearer(admin)), status::unauthorized, "Unauthorized");
    run_command({"token", "revoke", "--database-url", database_.url(), "--token", admin}, &code);
    EXPECT_EQ(code, 1) << "revoking twice";
}

TEST_F(StaffAuthTest, TokenListShowsLastUseAndRevokeByIdWorks) {
    const auto admin = create_token("admin", "admin@localhost");
    const auto unused = create_token("admin", "admin@localhost", {}, "read");
    ASSERT_EQ(request(port(), verb::get, kProgrammes, {}, bearer(admin)).result(), status::ok);
    int code = -1;
    const auto listed = lines_of(run_command({"token", "list", "--database-url", database_.url()}, &code));
    ASSERT_EQ(code, 0);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_TRUE(std::regex_search(listed[0], std::regex(R"(^1 admin@localhost scopes=read,write,export created=\S+Z )"
                                                        R"(last_used=\d{4}-\d\d-\d\dT\S+Z live$)")))
        << listed[0];
    EXPECT_TRUE(std::regex_search(listed[1], std::regex(R"(^2 admin@localhost scopes=read .*last_used=never live$)")))
        << listed[1];
    EXPECT_EQ(listed[0].find(admin), std::string::npos) << "never the token itself";

    run_command({"token", "revoke", "--database-url", database_.url(), "--id", "1"}, &code);
    EXPECT_EQ(code, 0);
    expect_problem(request(port(), verb::get, kProgrammes, {}, bearer(admin)), status::unauthorized, "Unauthorized");
    EXPECT_EQ(request(port(), verb::get, kProgrammes, {}, bearer(unused)).result(), status::ok) << "only that one";
    const auto after = run_command({"token", "list", "--database-url", database_.url(), "--user", "admin@localhost"});
    EXPECT_NE(after.find(" revoked="), std::string::npos) << after;
    run_command({"token", "revoke", "--database-url", database_.url()}, &code);
    EXPECT_EQ(code, 2) << "neither --token nor --id";
}

TEST_F(StaffAuthTest, TokenCreateWithoutARoleActsWithTheUsersRoles) {
    int code = -1;
    auto out = run_command({"token", "create", "--database-url", database_.url(), "--user", "new@example.org"}, &code);
    EXPECT_EQ(code, 2) << "no such user, and no role to create them with: " << out;
    create_token("admin", "admin@localhost");
    out = run_command({"token", "create", "--database-url", database_.url(), "--user", "admin@localhost", "--scopes",
                       "read"},
                      &code);
    ASSERT_EQ(code, 0) << out;
    const auto token = lines_of(out).back();
    EXPECT_EQ(request(port(), verb::get, kProgrammes, {}, bearer(token)).result(), status::ok);
    EXPECT_EQ(request(port(), verb::post, kProgrammes, programme_body("p"), json_with_bearer(token)).result(),
              status::forbidden)
        << "read scope only";
}

TEST_F(StaffAuthTest, ScopesNarrowATokenBelowItsRoles) {
    const auto reader = create_token("admin", "reader@example.org", {}, "read");
    EXPECT_EQ(request(port(), verb::get, kProgrammes, {}, bearer(reader)).result(), status::ok);
    const auto refused =
        request(port(), verb::post, kProgrammes, programme_body("by-reader"), json_with_bearer(reader));
    const auto problem = expect_problem(refused, status::forbidden, "Forbidden");
    EXPECT_NE(problem.value("detail", "").find("write"), std::string::npos) << problem.dump();
}

TEST_F(StaffAuthTest, ParticipantFormsNeedNoBearerToken) {
    // An unknown link is simply not found: the form's token is the only credential.
    const std::string unknown(43, 'Q');
    expect_problem(request(port(), verb::get, "/api/v1/forms/" + unknown), status::not_found, "Not Found");
    expect_problem(request(port(), verb::get, "/api/v1/forms/junk"), status::not_found, "Not Found");
    // A wrong staff token on a participant address changes nothing.
    const auto response = request(port(), verb::get, "/api/v1/forms/" + unknown, {}, bearer("not-a-token"));
    expect_problem(response, status::not_found, "Not Found");
    EXPECT_TRUE(response[field::www_authenticate].empty());
}

}  // namespace
}  // namespace yardstick::testing

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

class UserCommandsTest : public ServerTest {
protected:
    void SetUp() override { start_server(); }

    std::string user(std::vector<std::string> arguments, int* code) {
        arguments.insert(arguments.begin(), {"user"});
        arguments.insert(arguments.begin() + 2, {"--database-url", database_.url()});
        return run_command(arguments, code);
    }
};

TEST_F(UserCommandsTest, AddListAndDisableAUser) {
    const auto admin = create_token("admin", "admin@localhost");
    ASSERT_EQ(
        request(port(), verb::post, "/api/v1/programmes", R"({"slug":"pilot","name":"Pilot","template":"mobilisesme"})",
                {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}})
            .result(),
        status::created);
    int code = -1;
    auto out = user({"add", "--email", "m@example.org", "--role", "manager", "--programme", "pilot", "--password",
                     "a long enough password"},
                    &code);
    ASSERT_EQ(code, 0) << out;
    EXPECT_NE(out.find("manager@pilot"), std::string::npos) << out;
    EXPECT_EQ(out.find("a long enough password"), std::string::npos) << "the password is never printed";
    out = user({"add", "--email", "m@example.org", "--role", "auditor", "--programme", "pilot", "--password",
                "another long password"},
               &code);
    ASSERT_EQ(code, 0) << out;
    out = user({"add", "--email", "x@example.org", "--role", "admin", "--password", "short"}, &code);
    EXPECT_EQ(code, 2) << out;

    out = user({"list"}, &code);
    ASSERT_EQ(code, 0) << out;
    EXPECT_NE(out.find("m@example.org password tokens=0 roles: auditor@pilot manager@pilot"), std::string::npos) << out;
    EXPECT_EQ(out.find("x@example.org"), std::string::npos) << "a refused user is not created: " << out;
    {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        const auto hash =
            tx.exec1("SELECT password_hash FROM users WHERE email = 'm@example.org'")[0].as<std::string>();
        EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    }

    const auto token = create_token("manager", "m@example.org", "pilot");
    const auto bearer = HeaderList{{"Authorization", "Bearer " + token}};
    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes/pilot", {}, bearer).result(), status::ok);
    out = user({"disable", "--email", "m@example.org"}, &code);
    EXPECT_EQ(code, 0) << out;
    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes/pilot", {}, bearer).result(), status::unauthorized);
    out = user({"disable", "--email", "m@example.org"}, &code);
    EXPECT_EQ(code, 1) << out;
    EXPECT_NE(user({"list"}, &code).find("m@example.org (disabled)"), std::string::npos);
}

}  // namespace
}  // namespace yardstick::testing

namespace yardstick::testing {
namespace {

class RateLimitTest : public ServerTest {
protected:
    void SetUp() override { start_server({"--rate-limit", "2/s,3"}); }
};

TEST_F(RateLimitTest, TooManyRequestsFromOneAddressAre429WithRetryAfter) {
    const std::string form = "/f/" + std::string(43, 'Q');
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(request(port(), beast_http::verb::get, form).result(), beast_http::status::not_found) << i;
    }
    const auto refused = request(port(), beast_http::verb::get, form);
    expect_problem(refused, beast_http::status::too_many_requests, "Too Many Requests");
    EXPECT_EQ(refused[beast_http::field::retry_after], "1");
    // The API shares the address's bucket; health checks are never limited.
    expect_problem(request(port(), beast_http::verb::get, "/api/v1/programmes"), beast_http::status::too_many_requests,
                   "Too Many Requests");
    EXPECT_EQ(request(port(), beast_http::verb::get, "/healthz").result(), beast_http::status::ok);
    // A bucket refills: after a second, requests pass again.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(request(port(), beast_http::verb::get, form).result(), beast_http::status::not_found);
}

}  // namespace
}  // namespace yardstick::testing
