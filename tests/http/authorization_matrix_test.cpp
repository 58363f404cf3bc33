// Who may call what, for every route the server registers: the route list
// comes from the router itself (the same add_*_routes functions the server
// calls), so a new route is checked the day it is added. Each route is
// called as every kind of caller and the status must be what its declared
// permission promises: 401 without valid staff credentials (303 to /login
// for a staff page), 403 for a role or scope that does not reach or for a
// session's change without its CSRF token, and neither for one that does
// (the handler may then still say 400, 404 or 422 about the made-up ids and
// bodies).

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "server/routes/api.hpp"
#include "server/routes/operations.hpp"
#include "server/routes/staff_pages.hpp"
#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;
using server::http::Permission;

struct Caller {
    std::string name;
    std::string bearer;  ///< empty: none
    std::string cookie;  ///< a session cookie (Cookie header value); empty: none
};

enum class Expect { pass, unauthorised, forbidden, no_such_form, to_sign_in };

const char* to_string(Expect expect) {
    switch (expect) {
        case Expect::pass:
            return "neither 401 nor 403";
        case Expect::unauthorised:
            return "401";
        case Expect::forbidden:
            return "403";
        case Expect::no_such_form:
            return "404";
        case Expect::to_sign_in:
            return "303 to /login";
    }
    return "?";
}

std::vector<server::http::Route> server_routes() {
    server::http::Router router;
    server::routes::add_operations_routes(router, {});
    server::routes::add_api_routes(router, {});
    server::routes::add_participant_form_routes(router, {});
    server::routes::add_staff_page_routes(router, {});
    return router.routes();
}

// The route's pattern with every {name} filled in.
std::string target_of(const std::string& pattern) {
    static const std::vector<std::pair<std::string, std::string>> values = {{"{slug}", "pilot"},
                                                                            {"{id}", "1"},
                                                                            {"{key}", "mobilisesme-sending-post"},
                                                                            {"{version}", "1"},
                                                                            {"{wave}", "pre"},
                                                                            {"{resource}", "organisations"},
                                                                            {"{file}", "responses.csv"},
                                                                            {"{token}", std::string(43, 'Q')}};
    std::string target = pattern;
    for (const auto& [name, value] : values) {
        for (auto at = target.find(name); at != std::string::npos; at = target.find(name)) {
            target.replace(at, name.size(), value);
        }
    }
    return target;
}

class AuthorizationMatrix : public ExchangeServerTest {
protected:
    // The Cookie header of a manager of "pilot" signed in with a password.
    std::string signed_in_manager() {
        int code = -1;
        const auto out = run_command({"user", "add", "--database-url", database_.url(), "--email",
                                      "session@example.org", "--role", "manager", "--programme", "pilot",
                                      "--password", "a password long enough"},
                                     &code);
        EXPECT_EQ(code, 0) << out;
        const auto response = request(port(), verb::post, "/login",
                                      "email=session%40example.org&password=a+password+long+enough",
                                      {{"Content-Type", "application/x-www-form-urlencoded"}});
        EXPECT_EQ(response.result(), status::see_other) << response.body();
        for (const auto& header : response) {
            if (header.name() == beast_http::field::set_cookie && header.value().starts_with("yardstick_session=")) {
                return std::string(header.value().substr(0, header.value().find(';')));
            }
        }
        return {};
    }
};

TEST_F(AuthorizationMatrix, EveryRouteAnswersEveryCallerAsItsPermissionSays) {
    create("/api/v1/programmes", {{"slug", "other"}, {"name", "Other programme"}, {"template", "mobilisesme"}});
    const auto revoked = create_token("admin", "gone@example.org");
    int code = -1;
    run_command({"token", "revoke", "--database-url", database_.url(), "--token", revoked}, &code);
    ASSERT_EQ(code, 0);
    const std::vector<Caller> callers = {
        {"anonymous", "", ""},
        {"participant token", invite("employee", "post"), ""},
        {"manager of this programme", create_token("manager", "manager@example.org", "pilot"), ""},
        {"manager of another programme", create_token("manager", "other@example.org", "other"), ""},
        {"auditor of this programme", create_token("auditor", "auditor@example.org", "pilot"), ""},
        {"admin", admin_, ""},
        {"revoked token", revoked, ""},
        {"admin token without the write scope", create_token("admin", "reader@example.org", {}, "read"), ""},
        {"manager of this programme signed in, without the CSRF token", "", signed_in_manager()},
    };
    const auto routes = server_routes();
    ASSERT_GT(routes.size(), 20u);
    int checked = 0;
    for (const auto& route : routes) {
        const auto permission = route.permission.value();
        const bool in_programme = route.pattern.find("{slug}") != std::string::npos;
        for (const auto& caller : callers) {
            Expect expect = Expect::pass;
            const bool staff_credentials =
                caller.name != "anonymous" && caller.name != "participant token" && caller.name != "revoked token";
            const bool changes = route.method != verb::get && route.method != verb::head;
            if (permission == Permission::invitation_token) {
                expect = Expect::no_such_form;  // a made-up link, whoever calls
            } else if (server::http::is_staff(permission)) {
                const bool writing = permission == Permission::staff_write;
                const bool exporting = permission == Permission::staff_export;
                if (!staff_credentials) {
                    expect = route.for_browsers ? Expect::to_sign_in : Expect::unauthorised;
                } else if (!caller.cookie.empty() && changes) {
                    expect = Expect::forbidden;  // a session's changes need its CSRF token
                } else if (caller.name == "admin") {
                    expect = Expect::pass;
                } else if (caller.name == "admin token without the write scope") {
                    // Its scopes are read alone.
                    expect = writing || exporting ? Expect::forbidden : Expect::pass;
                } else if (!in_programme) {
                    expect = writing ? Expect::forbidden : Expect::pass;
                } else if (caller.name.starts_with("manager of this programme")) {
                    expect = Expect::pass;
                } else if (caller.name == "auditor of this programme") {
                    expect = writing ? Expect::forbidden : Expect::pass;
                } else {
                    expect = Expect::forbidden;
                }
            }
            HeaderList headers;
            if (!caller.bearer.empty()) {
                headers.emplace_back("Authorization", "Bearer " + caller.bearer);
            }
            if (!caller.cookie.empty()) {
                headers.emplace_back("Cookie", caller.cookie);
            }
            std::string body;
            if (route.method == verb::post || route.method == verb::put) {
                // A form route reads its body before it looks its link up, so
                // the body must be well formed for the link to be what fails.
                body = permission == Permission::invitation_token ? R"({"answers": {}})" : "{}";
                headers.emplace_back("Content-Type", "application/json");
            }
            // A live stream (…/report/stream) does not end: its head is what counts.
            const auto response =
                route.pattern.ends_with("/stream")
                    ? parse_response(exchange_raw(port(),
                                                  format_request(route.method, target_of(route.pattern), port(), body,
                                                                 headers),
                                                  std::chrono::milliseconds(500))
                                         .bytes,
                                     true)
                    : request(port(), route.method, target_of(route.pattern), body, headers);
            const auto got = response.result();
            const auto where = std::string(beast_http::to_string(route.method)) + " " + route.pattern + " as " +
                               caller.name + ": expected " + to_string(expect) + ", got " +
                               std::to_string(static_cast<unsigned>(got)) + " " + response.body();
            switch (expect) {
                case Expect::pass:
                    EXPECT_NE(got, status::unauthorized) << where;
                    EXPECT_NE(got, status::forbidden) << where;
                    EXPECT_LT(static_cast<unsigned>(got), 500u) << where;
                    break;
                case Expect::unauthorised:
                    EXPECT_EQ(got, status::unauthorized) << where;
                    EXPECT_FALSE(response[beast_http::field::www_authenticate].empty()) << where;
                    break;
                case Expect::forbidden:
                    EXPECT_EQ(got, status::forbidden) << where;
                    break;
                case Expect::no_such_form:
                    EXPECT_EQ(got, status::not_found) << where;
                    break;
                case Expect::to_sign_in:
                    EXPECT_EQ(got, status::see_other) << where;
                    EXPECT_TRUE(response[beast_http::field::location].starts_with("/login?next=")) << where;
                    break;
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, static_cast<int>(routes.size() * callers.size()));
}

// Names and e-mail addresses are for those who run the programme and those
// granted identity-export: an auditor alone sees the participants without them.
TEST_F(AuthorizationMatrix, OnlyManagersAndIdentityExportSeeWhoTakesPart) {
    const auto auditor = create_token("auditor", "auditor@example.org", "pilot");
    const auto manager = create_token("manager", "manager@example.org", "pilot");
    const auto people = [&](const std::string& token) {
        const auto response = request(port(), verb::get, "/api/v1/programmes/pilot/participants?limit=500", {},
                                      {{"Authorization", "Bearer " + token}});
        EXPECT_EQ(response.result(), status::ok) << response.body();
        return nlohmann::json::parse(response.body())["items"];
    };
    const auto seen_by_auditor = people(auditor);
    ASSERT_EQ(seen_by_auditor.size(), 3u);
    for (const auto& person : seen_by_auditor) {
        EXPECT_TRUE(person["name"].is_null()) << person.dump();
        EXPECT_TRUE(person["email"].is_null()) << person.dump();
        EXPECT_EQ(person.value("identity_withheld", false), true) << person.dump();
        EXPECT_TRUE(person["role"].is_string()) << "the rest is shown: " << person.dump();
    }
    const auto one = request(port(), verb::get,
                             "/api/v1/programmes/pilot/participants/" + std::to_string(seen_by_auditor[0]["id"].get<int>()),
                             {}, {{"Authorization", "Bearer " + auditor}});
    EXPECT_TRUE(nlohmann::json::parse(one.body())["email"].is_null()) << one.body();

    for (const auto& person : people(manager)) {
        EXPECT_TRUE(person["email"].is_string()) << person.dump();
        EXPECT_FALSE(person.contains("identity_withheld")) << person.dump();
    }
    // The grant, added to the same auditor, shows them.
    int code = -1;
    run_command({"user", "add", "--database-url", database_.url(), "--email", "auditor@example.org", "--role",
                 "identity-export", "--programme", "pilot", "--password", "a password long enough"},
                &code);
    ASSERT_EQ(code, 0);
    std::set<std::string> emails;
    for (const auto& person : people(auditor)) {
        emails.insert(person["email"].get<std::string>());
    }
    EXPECT_EQ(emails, (std::set<std::string>{"claire@example.org", "jonas@example.org", "luc@example.org"}));
}

}  // namespace
}  // namespace yardstick::testing
