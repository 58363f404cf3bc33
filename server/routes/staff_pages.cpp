// /login, /logout and the staff home page (/). A session starts only from a
// correct password or a live API token, is kept by the database (the cookie
// holds a random secret whose SHA-256 is stored), and ends on sign-out,
// after the idle or absolute expiry, or when the user is disabled or the
// token it came from is revoked (see auth/staff_authenticator.cpp).

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/app/log.hpp"
#include "server/http/application.hpp"
#include "server/http/cookies.hpp"
#include "server/http/form_body.hpp"
#include "server/routes/html_responses.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/staff_page_html.hpp"
#include "server/routes/staff_pages.hpp"
#include "server/routes/transaction.hpp"
#include "server/security/passwords.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/programmes.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using http::beast_http::field;
using http::beast_http::status;

// Where to go after signing in: a path on this site, never "//elsewhere" or
// anything a browser might read as another origin.
std::string safe_next(const std::string& next) {
    const bool plain = std::none_of(next.begin(), next.end(), [](unsigned char c) { return c < 0x20 || c == '\\'; });
    return next.starts_with('/') && !next.starts_with("//") && plain ? next : "/";
}

// The sign-in form's CSRF token: the browser's sign-in cookie when it has a
// sound one (so that two tabs both work), else a new one.
std::string sign_in_token(const http::RequestContext& context) {
    const auto existing = http::cookie_value(context.request, kSignInCookie);
    return existing && security::is_well_formed_token(*existing) ? *existing : security::generate_token();
}

http::Response sign_in_page(const http::RequestContext& context, status code, const SignInForm& form) {
    auto response = html_page(context, code, render_sign_in(form));
    response.insert(field::set_cookie, http::set_cookie(kSignInCookie, form.csrf,
                                                        {"/login", std::chrono::seconds(1h), context.secure_transport}));
    return response;
}

asio::awaitable<http::Response> show_sign_in(http::RequestContext context, StaffPageDependencies) {
    SignInForm form;
    form.next = safe_next(query_parameter(context, "next").value_or("/"));
    form.csrf = sign_in_token(context);
    co_return sign_in_page(context, status::ok, form);
}

// What a sign-in attempt came to.
struct SignIn {
    bool accepted = false;
    std::int64_t user_id = 0;
};

// Checking a password against no user costs as much as against one, so that
// the answer's timing does not tell which e-mail addresses have accounts.
const std::string& stand_in_hash() {
    static const std::string hash = security::hash_password(security::generate_token()).value();
    return hash;
}

struct Attempt {
    std::string email;
    std::string password;
    std::string token;
    std::string client;
};

// Runs on the database pool: Argon2id is deliberately slow and must not
// hold up an I/O thread.
Result<SignIn> try_sign_in(pqxx::work& tx, const Attempt& attempt, const std::string& session_secret,
                           const std::string& csrf) {
    sql::NewStaffSession session;
    session.session_digest = security::token_digest(session_secret);
    session.csrf_token = csrf;
    session.client_address = attempt.client;
    std::string method;
    if (!attempt.token.empty()) {
        const auto holder = security::is_well_formed_token(attempt.token)
                                ? sql::find_token_holder(tx, security::token_digest(attempt.token))
                                : std::nullopt;
        if (!holder) {
            return SignIn{};
        }
        session.user_id = holder->user.id;
        session.api_token_id = holder->token_id;
        method = "token";
    } else {
        const auto holder = sql::find_password_holder(tx, attempt.email);
        const bool matches = security::verify_password(holder ? holder->password_hash : stand_in_hash(),
                                                       attempt.password);
        if (!holder || !matches) {
            return SignIn{};
        }
        session.user_id = holder->user.id;
        method = "password";
    }
    const auto session_id = sql::start_staff_session(tx, session);
    sql::append_event(tx, {std::nullopt, "staff.signed_in", "user:" + std::to_string(session.user_id),
                           nlohmann::json{{"session_id", session_id}, {"method", method}}.dump()});
    return SignIn{true, session.user_id};
}

asio::awaitable<http::Response> sign_in(http::RequestContext context, StaffPageDependencies deps) {
    SignInForm form;
    form.csrf = sign_in_token(context);
    if (auto problem = require_media_type(context, "application/x-www-form-urlencoded",
                                          "The sign-in form is posted as application/x-www-form-urlencoded.")) {
        co_return problem_response(context, *problem);
    }
    const auto fields = http::parse_form_body(context.request.body());
    if (!fields.ok()) {
        co_return error_response(context, fields.error());
    }
    Attempt attempt{http::first_value(*fields, "email"), http::first_value(*fields, "password"),
                    http::first_value(*fields, "token"), context.client_address};
    form.email = attempt.email;
    form.next = safe_next(http::first_value(*fields, "next"));

    // Every browser sends Origin with a POST: its form must then be one this
    // server gave it (the double-submitted sign-in cookie), so that another
    // site cannot sign a visitor in to an account of its choosing. Scripts
    // that post a token send no Origin.
    if (!context.request[field::origin].empty()) {
        const auto cookie = http::cookie_value(context.request, kSignInCookie);
        const auto posted = http::first_value(*fields, "_csrf");
        if (!cookie || posted.empty() || !security::same_secret(*cookie, posted)) {
            form.errors.emplace_back("", "This sign-in form has expired or came from another site: please sign in again.");
            co_return sign_in_page(context, status::forbidden, form);
        }
    }
    if (attempt.token.empty()) {
        if (attempt.email.empty()) {
            form.errors.emplace_back("email", "Enter your e-mail address");
        }
        if (attempt.password.empty()) {
            form.errors.emplace_back("password", "Enter your password");
        }
        if (!form.errors.empty()) {
            co_return sign_in_page(context, status::unprocessable_entity, form);
        }
    }

    // A token names no account: such attempts count against the address only.
    const std::string account = attempt.token.empty() ? attempt.email : "(token)";
    if (const auto wait = deps.throttle->wait(account, attempt.client)) {
        form.errors.emplace_back("", "Too many failed attempts to sign in: please wait " +
                                         std::to_string(wait->count()) + " seconds before trying again.");
        auto response = sign_in_page(context, status::too_many_requests, form);
        response.set(field::retry_after, std::to_string(wait->count()));
        co_return response;
    }

    const auto session_secret = security::generate_token();
    auto work = [attempt, session_secret, csrf = security::generate_token()](pqxx::work& tx) {
        return try_sign_in(tx, attempt, session_secret, csrf);
    };
    const auto outcome = co_await in_transaction(*deps.pool, std::move(work));
    if (!outcome.ok()) {
        co_return error_response(context, outcome.error());
    }
    if (!outcome->accepted) {
        deps.throttle->failed(account, attempt.client);
        log_warning("staff.sign_in_failed", {{"request_id", context.request_id},
                                             {"client", attempt.client},
                                             {"with", attempt.token.empty() ? "password" : "token"}});
        form.errors.emplace_back(attempt.token.empty() ? "email" : "token",
                                 attempt.token.empty() ? "The e-mail address or the password is not right"
                                                       : "The API token is not valid");
        auto response = sign_in_page(context, status::unauthorized, form);
        response.set(field::www_authenticate, "Bearer realm=\"yardstick\"");
        co_return response;
    }
    deps.throttle->succeeded(account);
    log_info("staff.signed_in", {{"request_id", context.request_id}, {"user_id", outcome->user_id}});
    auto response = see_other(context, form.next);
    // A browser-session cookie (no Max-Age): gone when the browser closes,
    // and refused by the server after the idle or absolute expiry anyway.
    response.insert(field::set_cookie, http::set_cookie(http::kSessionCookie, session_secret,
                                                        {"/", std::nullopt, context.secure_transport}));
    response.insert(field::set_cookie,
                    http::set_cookie(kSignInCookie, "", {"/login", std::chrono::seconds(0), context.secure_transport}));
    co_return response;
}

asio::awaitable<http::Response> sign_out(http::RequestContext context, StaffPageDependencies deps) {
    const auto& principal = *context.principal;
    if (principal.session_id) {
        auto work = [session_id = *principal.session_id, actor = principal.actor()](pqxx::work& tx) -> Status {
            if (sql::end_staff_session(tx, session_id)) {
                sql::append_event(tx, {std::nullopt, "staff.signed_out", actor,
                                       nlohmann::json{{"session_id", session_id}}.dump()});
            }
            return Status{};
        };
        const auto ended = co_await in_transaction(*deps.pool, std::move(work));
        if (!ended.ok()) {
            co_return error_response(context, ended.error());
        }
    }
    auto response = see_other(context, "/login");
    response.insert(field::set_cookie, http::set_cookie(http::kSessionCookie, "",
                                                        {"/", std::chrono::seconds(0), context.secure_transport}));
    co_return response;
}

// The roles the person holds in a programme, in words.
std::string roles_in(const http::Principal& principal, const std::string& slug) {
    std::string roles;
    for (const auto& grant : principal.roles) {
        if (grant.role == "admin" || grant.programme == slug) {
            roles += (roles.empty() ? "" : ", ") + grant.role;
        }
    }
    return roles;
}

asio::awaitable<http::Response> home(http::RequestContext context, StaffPageDependencies deps) {
    auto work = [](pqxx::work& tx) -> Result<std::vector<sql::StoredProgramme>> {
        return sql::list_programmes(tx, 0, 100'000);
    };
    const auto programmes = co_await in_transaction(*deps.pool, std::move(work));
    if (!programmes.ok()) {
        co_return error_response(context, programmes.error());
    }
    const auto& principal = *context.principal;
    HomePage page;
    page.email = principal.email;
    page.csrf = principal.session_id ? principal.csrf_token : std::string();
    page.admin = principal.is_admin();
    for (const auto& stored : *programmes) {
        const auto& slug = stored.programme.slug;
        if (principal.holds("manager", slug) || principal.holds("auditor", slug)) {
            page.programmes.push_back({slug, stored.programme.name,
                                       std::string(domain::to_string(stored.programme.kind)),
                                       roles_in(principal, slug)});
        }
    }
    co_return html_page(context, status::ok, render_home(page));
}

}  // namespace

void add_staff_page_routes(http::Router& router, const StaffPageDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    const auto bind = [deps](auto handler) {
        return [deps, handler](http::RequestContext c) { return handler(std::move(c), deps); };
    };
    // Signing in needs no credentials: the handler checks them.
    router.add({verb::get, "/login", Permission::anyone, bind(show_sign_in)});
    router.add({verb::post, "/login", Permission::anyone, bind(sign_in)});
    router.add({verb::post, "/logout", Permission::staff_read, bind(sign_out), true});
    router.add({verb::get, "/", Permission::staff_read, bind(home), true});
}

}  // namespace yardstick::server::routes
