// Staff in a browser: /login with a password or an API token gives a session
// cookie (HttpOnly, SameSite=Strict); changes made with it need the
// session's CSRF token; /logout, the idle and absolute expiry, disabling the
// user and revoking the token end it; failed sign-ins slow down; the staff
// pages carry the same security headers as the forms.

#include <chrono>
#include <regex>
#include <thread>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;
using namespace std::chrono_literals;

constexpr const char* kPassword = "correct horse battery staple";

// The value of the cookie `name` in the response's Set-Cookie headers, and
// the whole header.
std::pair<std::string, std::string> set_cookie(const HttpResponse& response, const std::string& name) {
    for (const auto& header : response) {
        if (header.name() == field::set_cookie && header.value().starts_with(name + "=")) {
            const std::string line(header.value());
            const auto end = line.find(';');
            return {line.substr(name.size() + 1, end - name.size() - 1), line};
        }
    }
    return {};
}

// The value of the hidden _csrf field of the first form on a page.
std::string csrf_field(const std::string& html) {
    std::smatch match;
    static const std::regex field_pattern(R"re(name="_csrf" value="([^"]*)")re");
    return std::regex_search(html, match, field_pattern) ? match[1].str() : std::string();
}

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        std::string encoded;
        for (const unsigned char c : value) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
                encoded += static_cast<char>(c);
            } else {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", c);
                encoded += hex;
            }
        }
        body += (body.empty() ? "" : "&") + name + "=" + encoded;
    }
    return body;
}

struct Session {
    std::string cookie;  ///< the session cookie's value
    std::string csrf;    ///< its CSRF token, from the home page

    HeaderList headers() const { return {{"Cookie", "yardstick_session=" + cookie}}; }
};

class StaffSessionTest : public ServerTest {
protected:
    void start(std::vector<std::string> arguments = {}) {
        start_server(std::move(arguments));
        admin_ = create_token();
        ASSERT_EQ(request(port(), verb::post, "/api/v1/programmes",
                          R"({"slug":"pilot","name":"Pilot exchange","template":"mobilisesme"})",
                          {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/json"}})
                      .result(),
                  status::created);
        add_user("manager@example.org", "manager", "pilot");
    }

    void add_user(const std::string& email, const std::string& role, const std::string& programme) {
        int code = -1;
        std::vector<std::string> arguments = {"user",  "add",   "--database-url", database_.url(), "--email",
                                              email,   "--role", role,            "--password",     kPassword};
        if (!programme.empty()) {
            arguments.insert(arguments.end(), {"--programme", programme});
        }
        const auto out = run_command(arguments, &code);
        ASSERT_EQ(code, 0) << out;
    }

    // Posts the sign-in form as a browser would: after fetching it, with its
    // cookie, its _csrf field and an Origin header.
    HttpResponse post_sign_in(std::vector<std::pair<std::string, std::string>> fields, HeaderList extra = {}) {
        const auto form = request(port(), verb::get, "/login");
        EXPECT_EQ(form.result(), status::ok);
        const auto [sign_in_cookie, header] = set_cookie(form, "yardstick_sign_in");
        EXPECT_FALSE(sign_in_cookie.empty());
        fields.emplace_back("_csrf", csrf_field(form.body()));
        HeaderList headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                              {"Origin", "http://127.0.0.1:" + std::to_string(port())},
                              {"Cookie", "yardstick_sign_in=" + sign_in_cookie}};
        headers.insert(headers.end(), extra.begin(), extra.end());
        return request(port(), verb::post, "/login", form_body(fields), headers);
    }

    // Signs in and reads the CSRF token off the home page's sign-out form.
    Session sign_in(const std::string& email, const std::string& password = kPassword) {
        const auto response = post_sign_in({{"email", email}, {"password", password}});
        EXPECT_EQ(response.result(), status::see_other) << response.body();
        Session session{set_cookie(response, "yardstick_session").first, {}};
        const auto home = request(port(), verb::get, "/", {}, session.headers());
        EXPECT_EQ(home.result(), status::ok);
        session.csrf = csrf_field(home.body());
        EXPECT_FALSE(session.csrf.empty()) << home.body();
        return session;
    }

    // Where a staff page sends a browser without a live session.
    static bool sent_to_sign_in(const HttpResponse& response) {
        return response.result() == status::see_other && response[field::location].starts_with("/login?next=");
    }

    std::string admin_;
};

TEST_F(StaffSessionTest, APasswordSignInGivesASessionCookieForPagesAndTheApi) {
    start();
    const auto home_anonymous = request(port(), verb::get, "/");
    EXPECT_EQ(home_anonymous.result(), status::see_other);
    EXPECT_EQ(home_anonymous[field::location], "/login?next=%2F");

    const auto signed_in = post_sign_in({{"email", "manager@example.org"}, {"password", kPassword}, {"next", "/"}});
    ASSERT_EQ(signed_in.result(), status::see_other) << signed_in.body();
    EXPECT_EQ(signed_in[field::location], "/");
    const auto [cookie, header] = set_cookie(signed_in, "yardstick_session");
    EXPECT_EQ(cookie.size(), 43u);
    EXPECT_NE(header.find("; HttpOnly"), std::string::npos) << header;
    EXPECT_NE(header.find("; SameSite=Strict"), std::string::npos) << header;
    EXPECT_NE(header.find("; Path=/"), std::string::npos) << header;
    EXPECT_EQ(header.find("Secure"), std::string::npos) << "not over plain HTTP: " << header;

    const HeaderList with_cookie = {{"Cookie", "yardstick_session=" + cookie}};
    const auto home = request(port(), verb::get, "/", {}, with_cookie);
    ASSERT_EQ(home.result(), status::ok);
    EXPECT_NE(home.body().find("manager@example.org"), std::string::npos);
    EXPECT_NE(home.body().find("Pilot exchange"), std::string::npos) << "the programme the manager holds";
    EXPECT_EQ(home[field::content_type], "text/html; charset=utf-8");
    const std::string policy(home["Content-Security-Policy"]);
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("script-src"), std::string::npos) << "no script at all: " << policy;
    EXPECT_EQ(home["Referrer-Policy"], "no-referrer");
    EXPECT_EQ(home["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(home[field::cache_control], "no-store");

    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes/pilot", {}, with_cookie).result(), status::ok);

    // Another programme is not theirs: not listed, and 403 in the API.
    ASSERT_EQ(request(port(), verb::post, "/api/v1/programmes",
                      R"({"slug":"other","name":"Other programme","template":"mobilisesme"})",
                      {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/json"}})
                  .result(),
              status::created);
    EXPECT_EQ(request(port(), verb::get, "/", {}, with_cookie).body().find("Other programme"), std::string::npos);
    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes/other", {}, with_cookie).result(), status::forbidden);
}

TEST_F(StaffSessionTest, TheSignInPageCarriesTheSecurityHeadersAndATiedCsrfToken) {
    start();
    const auto page = request(port(), verb::get, "/login?next=%2Fapi%2Fv1%2Fprogrammes");
    ASSERT_EQ(page.result(), status::ok);
    EXPECT_NE(std::string(page["Content-Security-Policy"]).find("frame-ancestors 'none'"), std::string::npos);
    const auto [cookie, header] = set_cookie(page, "yardstick_sign_in");
    EXPECT_EQ(csrf_field(page.body()), cookie) << "the form's token is the cookie's (double submit)";
    EXPECT_NE(header.find("HttpOnly; SameSite=Strict; Path=/login"), std::string::npos) << header;
    EXPECT_NE(page.body().find(R"(name="next" value="/api/v1/programmes")"), std::string::npos);
}

TEST_F(StaffSessionTest, AWrongPasswordOrUnknownUserIs401WithTheSameMessage) {
    start();
    const auto wrong = post_sign_in({{"email", "manager@example.org"}, {"password", "not the password"}});
    EXPECT_EQ(wrong.result(), status::unauthorized);
    EXPECT_TRUE(set_cookie(wrong, "yardstick_session").first.empty());
    EXPECT_NE(wrong.body().find("The e-mail address or the password is not right"), std::string::npos);
    EXPECT_NE(wrong.body().find(R"(value="manager@example.org")"), std::string::npos) << "the e-mail is kept";
    EXPECT_EQ(wrong.body().find("not the password"), std::string::npos) << "the password is not";
    const auto unknown = post_sign_in({{"email", "nobody@example.org"}, {"password", kPassword}});
    EXPECT_EQ(unknown.result(), status::unauthorized);
    EXPECT_NE(unknown.body().find("The e-mail address or the password is not right"), std::string::npos);

    const auto empty = post_sign_in({{"email", ""}, {"password", ""}});
    EXPECT_EQ(empty.result(), status::unprocessable_entity);
    EXPECT_NE(empty.body().find(R"(href="#email")"), std::string::npos);
    EXPECT_NE(empty.body().find(R"(href="#password")"), std::string::npos);
}

TEST_F(StaffSessionTest, ASignInPostedFromAnotherSiteIsRefused) {
    start();
    // A browser on another site's page: Origin, but neither our cookie nor our form's token.
    const auto forged = request(
        port(), verb::post, "/login",
        form_body({{"email", "manager@example.org"}, {"password", kPassword}, {"_csrf", std::string(43, 'A')}}),
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "https://elsewhere.example"}});
    EXPECT_EQ(forged.result(), status::forbidden);
    EXPECT_TRUE(set_cookie(forged, "yardstick_session").first.empty());
}

TEST_F(StaffSessionTest, NextStaysOnThisSite) {
    start();
    const auto kept = post_sign_in({{"email", "manager@example.org"}, {"password", kPassword},
                                    {"next", "/api/v1/programmes"}});
    EXPECT_EQ(kept[field::location], "/api/v1/programmes");
    for (const auto* elsewhere : {"//evil.example/", "https://evil.example/", "/\\evil.example"}) {
        const auto response =
            post_sign_in({{"email", "manager@example.org"}, {"password", kPassword}, {"next", elsewhere}});
        EXPECT_EQ(response[field::location], "/") << elsewhere;
    }
}

TEST_F(StaffSessionTest, ChangesWithASessionNeedItsCsrfToken) {
    start();
    add_user("admin@example.org", "admin", "");
    const auto session = sign_in("admin@example.org");
    auto headers = session.headers();
    headers.emplace_back("Content-Type", "application/json");
    const std::string body = R"({"slug":"second","name":"Second","template":"mobilisesme"})";
    const auto refused = request(port(), verb::post, "/api/v1/programmes", body, headers);
    const auto problem = expect_problem(refused, status::forbidden, "Forbidden");
    EXPECT_EQ(problem["errors"][0]["field"], "_csrf") << problem.dump();
    auto forged = headers;
    forged.emplace_back("X-CSRF-Token", std::string(43, 'A'));
    EXPECT_EQ(request(port(), verb::post, "/api/v1/programmes", body, forged).result(), status::forbidden);
    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes/second", {}, headers).result(), status::not_found)
        << "nothing was created";

    headers.emplace_back("X-CSRF-Token", session.csrf);
    EXPECT_EQ(request(port(), verb::post, "/api/v1/programmes", body, headers).result(), status::created);
    // Another session's token does not do.
    const auto other = sign_in("admin@example.org");
    auto crossed = other.headers();
    crossed.emplace_back("Content-Type", "application/json");
    crossed.emplace_back("X-CSRF-Token", session.csrf);
    EXPECT_EQ(request(port(), verb::post, "/api/v1/programmes",
                      R"({"slug":"third","name":"Third","template":"mobilisesme"})", crossed)
                  .result(),
              status::forbidden);
}

TEST_F(StaffSessionTest, SigningOutEndsTheSession) {
    start();
    const auto session = sign_in("manager@example.org");
    auto form = session.headers();
    form.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    EXPECT_EQ(request(port(), verb::post, "/logout", "", form).result(), status::forbidden) << "no CSRF token";
    EXPECT_EQ(request(port(), verb::get, "/", {}, session.headers()).result(), status::ok) << "still signed in";

    const auto out = request(port(), verb::post, "/logout", form_body({{"_csrf", session.csrf}}), form);
    EXPECT_EQ(out.result(), status::see_other);
    EXPECT_EQ(out[field::location], "/login");
    const auto [cleared, header] = set_cookie(out, "yardstick_session");
    EXPECT_TRUE(cleared.empty());
    EXPECT_NE(header.find("Max-Age=0"), std::string::npos) << header;

    EXPECT_TRUE(sent_to_sign_in(request(port(), verb::get, "/", {}, session.headers())));
    const auto api = request(port(), verb::get, "/api/v1/programmes", {}, session.headers());
    expect_problem(api, status::unauthorized, "Unauthorized");
    EXPECT_EQ(request(port(), verb::get, "/logout").result(), status::method_not_allowed);
}

TEST_F(StaffSessionTest, ASessionExpiresWhenIdle) {
    start({"--session-idle", "1", "--session-lifetime", "1h"});
    const auto session = sign_in("manager@example.org");
    std::this_thread::sleep_for(1500ms);
    EXPECT_TRUE(sent_to_sign_in(request(port(), verb::get, "/", {}, session.headers())));
}

TEST_F(StaffSessionTest, ASessionExpiresAtItsLifetimeHoweverBusy) {
    start({"--session-idle", "1h", "--session-lifetime", "2"});
    const auto session = sign_in("manager@example.org");
    const auto started = std::chrono::steady_clock::now();
    // Kept busy, it still lives until its lifetime is over, then ends.
    while (std::chrono::steady_clock::now() - started < 1200ms) {
        EXPECT_EQ(request(port(), verb::get, "/", {}, session.headers()).result(), status::ok);
        std::this_thread::sleep_for(300ms);
    }
    std::this_thread::sleep_for(1200ms);
    EXPECT_TRUE(sent_to_sign_in(request(port(), verb::get, "/", {}, session.headers())));
}

TEST_F(StaffSessionTest, AScriptMaySignInWithATokenAndKeepsItsScopes) {
    start();
    const auto token = create_token("manager", "script@example.org", "pilot", "read");
    // No Origin: a script, not a browser, so no sign-in form is needed.
    const auto response = request(port(), verb::post, "/login", form_body({{"token", token}}),
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(response.result(), status::see_other) << response.body();
    const Session session{set_cookie(response, "yardstick_session").first, {}};
    const auto home = request(port(), verb::get, "/", {}, session.headers());
    ASSERT_EQ(home.result(), status::ok);
    auto change = session.headers();
    change.emplace_back("Content-Type", "application/json");
    change.emplace_back("X-CSRF-Token", csrf_field(home.body()));
    EXPECT_EQ(request(port(), verb::post, "/api/v1/programmes/pilot/waves/pre/close", "{}", change).result(),
              status::forbidden)
        << "the token may only read, so its session may only read";

    int code = -1;
    run_command({"token", "revoke", "--database-url", database_.url(), "--token", token}, &code);
    ASSERT_EQ(code, 0);
    EXPECT_TRUE(sent_to_sign_in(request(port(), verb::get, "/", {}, session.headers())))
        << "revoking the token ends its sessions";

    const auto wrong = request(port(), verb::post, "/login", form_body({{"token", std::string(43, 'x')}}),
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(wrong.result(), status::unauthorized);
}

TEST_F(StaffSessionTest, DisablingAUserEndsTheirSessions) {
    start();
    const auto session = sign_in("manager@example.org");
    int code = -1;
    run_command({"user", "disable", "--database-url", database_.url(), "--email", "manager@example.org"}, &code);
    ASSERT_EQ(code, 0);
    EXPECT_TRUE(sent_to_sign_in(request(port(), verb::get, "/", {}, session.headers())));
    EXPECT_EQ(post_sign_in({{"email", "manager@example.org"}, {"password", kPassword}}).result(),
              status::unauthorized);
}

TEST_F(StaffSessionTest, RepeatedFailuresSlowTheAccountDown) {
    start();
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(post_sign_in({{"email", "manager@example.org"}, {"password", "guess " + std::to_string(i)}})
                      .result(),
                  status::unauthorized)
            << i;
    }
    EXPECT_EQ(post_sign_in({{"email", "manager@example.org"}, {"password", "guess 5"}}).result(),
              status::unauthorized);
    // Now even the right password waits: the attempt is not looked at.
    const auto held = post_sign_in({{"email", "MANAGER@example.org"}, {"password", kPassword}});
    EXPECT_EQ(held.result(), status::too_many_requests);
    EXPECT_FALSE(held[field::retry_after].empty());
    EXPECT_TRUE(set_cookie(held, "yardstick_session").first.empty());
    // Another account from the same address is not held back (yet).
    add_user("auditor@example.org", "auditor", "pilot");
    EXPECT_EQ(post_sign_in({{"email", "auditor@example.org"}, {"password", kPassword}}).result(), status::see_other);
    EXPECT_TRUE(server_
                    ->wait_for_log_line(
                        [](const std::string& text) {
                            return text.find(R"("event":"staff.sign_in_failed")") != std::string::npos &&
                                   text.find(R"("client":"127.0.0.1")") != std::string::npos;
                        },
                        5s)
                    .has_value())
        << "failures are logged with the address";
}

TEST_F(StaffSessionTest, UnknownPersonalLinksAreLoggedWithTheAddress) {
    start();
    EXPECT_EQ(request(port(), verb::get, "/f/" + std::string(43, 'Z')).result(), status::not_found);
    // The log is read from the server's stdout by another thread: wait for the line.
    const auto line = server_->wait_for_log_line(
        [](const std::string& text) { return text.find(R"("event":"form.unknown_link")") != std::string::npos; },
        5s);
    ASSERT_TRUE(line.has_value()) << server_->transcript();
    EXPECT_NE(line->find(R"("client":"127.0.0.1")"), std::string::npos) << *line;
}

TEST_F(StaffSessionTest, ATrustedProxyNamesTheClientAndTheScheme) {
    start_server({"--trusted-proxy", "127.0.0.1", "--rate-limit", "1/s,2"});
    const HeaderList first = {{"X-Forwarded-For", "198.51.100.7, 203.0.113.1"}};
    EXPECT_NE(request(port(), verb::get, "/api/v1/programmes", {}, first).result(), status::too_many_requests);
    EXPECT_NE(request(port(), verb::get, "/api/v1/programmes", {}, first).result(), status::too_many_requests);
    EXPECT_EQ(request(port(), verb::get, "/api/v1/programmes", {}, first).result(), status::too_many_requests)
        << "the address the proxy appended (the last) is limited";
    const HeaderList second = {{"X-Forwarded-For", "203.0.113.2"}};
    EXPECT_NE(request(port(), verb::get, "/api/v1/programmes", {}, second).result(), status::too_many_requests)
        << "another client behind the same proxy has its own bucket";
    // HTTPS at the proxy: the cookie is Secure.
    const auto page = request(port(), verb::get, "/login", {},
                              {{"X-Forwarded-For", "203.0.113.9"}, {"X-Forwarded-Proto", "https"}});
    EXPECT_NE(set_cookie(page, "yardstick_sign_in").second.find("; Secure"), std::string::npos);
}

TEST_F(StaffSessionTest, WithoutATrustedProxyForwardedHeadersAreIgnored) {
    start_server({"--rate-limit", "1/s,2"});
    for (const auto* client : {"198.51.100.1", "198.51.100.2"}) {
        EXPECT_NE(request(port(), verb::get, "/api/v1/programmes", {}, {{"X-Forwarded-For", client}}).result(),
                  status::too_many_requests);
    }
    EXPECT_EQ(
        request(port(), verb::get, "/api/v1/programmes", {}, {{"X-Forwarded-For", "198.51.100.3"}}).result(),
        status::too_many_requests)
        << "a client cannot claim another address";
    const auto page = request(port(), verb::get, "/login", {}, {{"X-Forwarded-Proto", "https"}});
    EXPECT_EQ(set_cookie(page, "yardstick_sign_in").second.find("Secure"), std::string::npos);
}

TEST_F(StaffSessionTest, SignInIsRateLimitedPerAddress) {
    start_server({"--rate-limit", "1/s,2"});
    EXPECT_EQ(request(port(), verb::get, "/login").result(), status::ok);
    EXPECT_EQ(request(port(), verb::get, "/login").result(), status::ok);
    const auto refused = request(port(), verb::get, "/login");
    expect_problem(refused, status::too_many_requests, "Too Many Requests");
    EXPECT_FALSE(refused[field::retry_after].empty());
}

}  // namespace
}  // namespace yardstick::testing
