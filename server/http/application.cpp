#include "server/http/application.hpp"

#include <cctype>
#include <chrono>
#include <exception>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/pchars.hpp>

#include "server/app/log.hpp"
#include "server/http/cookies.hpp"
#include "server/http/form_body.hpp"
#include "server/http/problem.hpp"
#include "server/http/request_id.hpp"
#include "server/security/tokens.hpp"

namespace yardstick::server::http {
namespace {

// Route label for requests that matched no route: keeps metric labels bounded.
constexpr const char* kUnmatched = "unmatched";

void add_common_headers(Response& response, const std::string& request_id) {
    response.set("X-Request-Id", request_id);
    response.set(beast_http::field::server, "yardstick");
    response.set("X-Content-Type-Options", "nosniff");
    // Pages set their own policy; everything else (JSON, CSV, problems) may
    // load nothing and be framed nowhere, whatever a browser makes of it.
    if (response.find("Content-Security-Policy") == response.end()) {
        response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
    if (response.find("Referrer-Policy") == response.end()) {
        response.set("Referrer-Policy", "no-referrer");
    }
}

bool changes_state(beast_http::verb method) {
    return method != beast_http::verb::get && method != beast_http::verb::head &&
           method != beast_http::verb::options;
}

// The CSRF token a change made with a session cookie carries: the
// X-CSRF-Token header for scripts, the _csrf field of an HTML form.
std::string presented_csrf_token(const Request& request) {
    if (const auto header = request["X-CSRF-Token"]; !header.empty()) {
        return std::string(header);
    }
    if (request[beast_http::field::content_type].starts_with("application/x-www-form-urlencoded")) {
        if (const auto fields = parse_form_body(request.body()); fields.ok()) {
            return first_value(*fields, "_csrf");
        }
    }
    return {};
}

// 303 to the sign-in page, which comes back to `target` afterwards.
Response to_sign_in(std::string_view target, unsigned version) {
    Response response{beast_http::status::see_other, version};
    std::string location = "/login?next=";
    boost::urls::encode(target, boost::urls::pchars, {}, boost::urls::string_token::append_to(location));
    response.set(beast_http::field::location, location);
    response.set(beast_http::field::cache_control, "no-store");
    response.prepare_payload();
    return response;
}

// The credentials of "Authorization: Bearer <token>" (RFC 6750 §2.1; the
// scheme is case-insensitive), or empty.
std::string bearer_token(const Request& request) {
    const std::string_view header = request[beast_http::field::authorization];
    constexpr std::string_view kScheme = "bearer ";
    if (header.size() <= kScheme.size()) {
        return {};
    }
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) {
            return {};
        }
    }
    auto token = header.substr(kScheme.size());
    while (!token.empty() && token.front() == ' ') {
        token.remove_prefix(1);
    }
    while (!token.empty() && token.back() == ' ') {
        token.remove_suffix(1);
    }
    return std::string(token);
}

}  // namespace

boost::asio::awaitable<Result<Principal>> Application::authenticate(const Request& request, Permission permission,
                                                                    std::string programme) const {
    // A bearer token wins over a cookie: a script says what it means.
    Credential credential{Credential::Kind::bearer_token, bearer_token(request)};
    if (credential.secret.empty()) {
        credential = {Credential::Kind::session_cookie, cookie_value(request, kSessionCookie).value_or("")};
    }
    if (credential.secret.empty()) {
        co_return Error{ErrorCode::unauthenticated,
                        "This address needs a staff bearer token (Authorization: Bearer) or a signed-in session "
                        "(/login).",
                        {}};
    }
    if (!authenticator_) {
        co_return Error{ErrorCode::unauthenticated, "The credentials are not valid.", {}};
    }
    auto principal = co_await authenticator_(std::move(credential));
    if (!principal.ok()) {
        co_return std::move(principal).error();
    }
    // A browser sends the cookie with any request to this site, whoever
    // wrote the page that makes it; SameSite=Strict stops other sites, and
    // the CSRF token, which only our own pages know, stops the rest.
    if (principal->session_id && changes_state(request.method())) {
        const auto presented = presented_csrf_token(request);
        if (presented.empty() || !security::same_secret(presented, principal->csrf_token)) {
            Error error{ErrorCode::permission_denied,
                        "A change made with a session cookie needs the session's CSRF token (the _csrf field of "
                        "the page's form, or the X-CSRF-Token header): reload the page and try again.",
                        {}};
            error.fields.push_back({"_csrf", presented.empty() ? "is missing" : "is not this session's"});
            co_return error;
        }
    }
    if (auto allowed = authorise(*principal, permission, programme); !allowed.ok()) {
        co_return std::move(allowed).error();
    }
    co_return principal;
}

void log_access(const std::string& request_id, const std::string& method, const std::string& route, unsigned status,
                double duration_ms, std::size_t bytes, const std::string& client_address) {
    log_info("http.request", {{"request_id", request_id},
                              {"method", method},
                              {"route", route},
                              {"status", status},
                              {"duration_ms", duration_ms},
                              {"bytes", bytes},
                              {"client", client_address}});
}

std::optional<std::chrono::seconds> Application::rate_limited(const Request& request, std::string_view path,
                                                              const std::string& client_address) const {
    if (rate_limiter_ == nullptr || !(path.starts_with("/f/") || path.starts_with("/api/") || path == "/login")) {
        return std::nullopt;
    }
    if (auto wait = rate_limiter_->take("address:" + client_address)) {
        return wait;
    }
    // Per token too, so that one token spread over many addresses is held
    // back as well (keyed by a hash: the token itself is not kept).
    if (const auto token = bearer_token(request); !token.empty()) {
        return rate_limiter_->take("token:" + std::to_string(std::hash<std::string>{}(token)));
    }
    return std::nullopt;
}

void Application::trust_proxies(const std::vector<std::string>& addresses) {
    // Spelt as the peer's address will be (::1, not 0:0:…:1).
    trusted_proxies_.clear();
    for (const auto& address : addresses) {
        trusted_proxies_.push_back(boost::asio::ip::make_address(address).to_string());
    }
}

std::pair<std::string, bool> Application::client_of(const Request& request, std::string peer_address) const {
    // Set by our own TLS session, which drops any copy a client sent.
    bool secure = request[kTransportHeader] == "tls";
    if (std::find(trusted_proxies_.begin(), trusted_proxies_.end(), peer_address) == trusted_proxies_.end()) {
        return {std::move(peer_address), secure};
    }
    // The last entry is the one the proxy appended itself; earlier ones were
    // sent by the client and prove nothing.
    std::string_view forwarded = request["X-Forwarded-For"];
    if (const auto comma = forwarded.rfind(','); comma != std::string_view::npos) {
        forwarded.remove_prefix(comma + 1);
    }
    while (!forwarded.empty() && forwarded.front() == ' ') {
        forwarded.remove_prefix(1);
    }
    while (!forwarded.empty() && forwarded.back() == ' ') {
        forwarded.remove_suffix(1);
    }
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(forwarded, ec);
    secure = secure || boost::beast::iequals(request["X-Forwarded-Proto"], "https");
    return {ec ? std::move(peer_address) : address.to_string(), secure};
}

boost::asio::awaitable<Response> Application::handle(Request request, std::string peer_address) const {
    const auto started = std::chrono::steady_clock::now();
    auto [client_address, secure_transport] = client_of(request, std::move(peer_address));
    const unsigned version = request.version();
    const std::string method(request.method_string());
    const bool head = request.method() == beast_http::verb::head;

    std::string request_id(request["X-Request-Id"]);
    if (!is_acceptable_request_id(request_id)) {
        request_id = generate_request_id();
    }

    std::string route_label = kUnmatched;
    std::optional<Response> response;
    // Origin form (/path?query) as clients send it; absolute form
    // (http://host/path) must be accepted too (RFC 9112 §3.2.2).
    const auto target = request.target().starts_with("/") ? boost::urls::parse_origin_form(request.target())
                                                          : boost::urls::parse_absolute_uri(request.target());
    if (!target) {
        Problem problem;
        problem.status = beast_http::status::bad_request;
        problem.detail = "The request target is not a valid path and query string: " + target.error().message();
        problem.errors.push_back({"target", "not a valid origin-form request target"});
        response = make_problem_response(problem, version, request_id);
    } else if (const auto wait = rate_limited(request, target->path(), client_address)) {
        Problem problem;
        problem.status = beast_http::status::too_many_requests;
        problem.detail = "Too many requests: try again in " + std::to_string(wait->count()) + " s.";
        problem.headers.emplace_back(beast_http::field::retry_after, std::to_string(wait->count()));
        response = make_problem_response(problem, version, request_id);
    } else {
        const auto match = router_.match(request.method(), target->path());
        if (match.route == nullptr && match.allowed.empty()) {
            Problem problem;
            problem.status = beast_http::status::not_found;
            problem.detail = "There is nothing at this address.";
            response = make_problem_response(problem, version, request_id);
        } else if (match.route == nullptr) {
            Problem problem;
            problem.status = beast_http::status::method_not_allowed;
            problem.detail = "This address does not support " + method + ".";
            problem.headers.emplace_back(beast_http::field::allow, allow_header(match.allowed));
            response = make_problem_response(problem, version, request_id);
        } else {
            route_label = match.route->pattern;
            RequestContext context{std::move(request), request_id,     target->path(),
                                   std::string(target->encoded_query()),
                                   match.params,       client_address, std::nullopt,
                                   secure_transport};
            const std::string original_target(context.request.target());
            std::exception_ptr failure;
            try {
                const auto permission = match.route->permission.value_or(Permission::staff_write);
                if (is_staff(permission)) {
                    const auto slug = context.params.find("slug");
                    std::string programme = slug == context.params.end() ? std::string() : slug->second;
                    auto principal = co_await authenticate(context.request, permission, std::move(programme));
                    if (principal.ok()) {
                        context.principal = std::move(principal).value();
                    } else if (match.route->for_browsers && principal.error().code == ErrorCode::unauthenticated) {
                        response = to_sign_in(original_target, version);
                    } else {
                        response = make_problem_response(problem_from(principal.error()), version, request_id);
                    }
                }
                if (!response) {
                    response = co_await match.route->handler(std::move(context));
                    if (permission == Permission::invitation_token &&
                        response->result() == beast_http::status::not_found) {
                        // Someone may be guessing personal links: say from where.
                        log_warning("form.unknown_link", {{"request_id", request_id},
                                                          {"route", route_label},
                                                          {"client", client_address}});
                    }
                }
            } catch (...) {
                failure = std::current_exception();
            }
            if (failure) {
                std::string what = "unknown exception";
                try {
                    std::rethrow_exception(failure);
                } catch (const std::exception& e) {
                    what = e.what();
                } catch (...) {
                }
                log_error("http.handler_failed", {{"request_id", request_id}, {"route", route_label}, {"error", what}});
                response =
                    make_problem_response(problem_from(Error{ErrorCode::internal, what, {}}), version, request_id);
            }
        }
    }

    add_common_headers(*response, request_id);
    response->version(version);
    if (head) {
        // Keep Content-Length as for GET; the session sends no body for HEAD.
        response->prepare_payload();
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const unsigned status = response->result_int();
    metrics_.observe(method, route_label, status, elapsed);
    log_access(request_id, method, route_label, status, std::chrono::duration<double, std::milli>(elapsed).count(),
               response->body().size(), client_address);
    co_return std::move(*response);
}

}  // namespace yardstick::server::http
