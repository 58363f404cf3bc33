#include "server/http/application.hpp"

#include <cctype>
#include <chrono>
#include <exception>

#include <boost/url/parse.hpp>

#include "server/app/log.hpp"
#include "server/http/problem.hpp"
#include "server/http/request_id.hpp"

namespace yardstick::server::http {
namespace {

// Route label for requests that matched no route: keeps metric labels bounded.
constexpr const char* kUnmatched = "unmatched";

void add_common_headers(Response& response, const std::string& request_id) {
    response.set("X-Request-Id", request_id);
    response.set(beast_http::field::server, "yardstick");
    response.set("X-Content-Type-Options", "nosniff");
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
    const std::string token = bearer_token(request);
    if (token.empty()) {
        co_return Error{
            ErrorCode::unauthenticated, "This address needs a staff bearer token (Authorization: Bearer).", {}};
    }
    if (!authenticator_) {
        co_return Error{ErrorCode::unauthenticated, "The bearer token is not valid.", {}};
    }
    auto principal = co_await authenticator_(token);
    if (!principal.ok()) {
        co_return std::move(principal).error();
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

boost::asio::awaitable<Response> Application::handle(Request request, std::string client_address) const {
    const auto started = std::chrono::steady_clock::now();
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
            RequestContext context{
                std::move(request), request_id,     target->path(), std::string(target->encoded_query()),
                match.params,       client_address, std::nullopt};
            std::exception_ptr failure;
            try {
                const auto permission = match.route->permission.value_or(Permission::staff_write);
                if (permission == Permission::staff_read || permission == Permission::staff_write) {
                    const auto slug = context.params.find("slug");
                    std::string programme = slug == context.params.end() ? std::string() : slug->second;
                    auto principal = co_await authenticate(context.request, permission, std::move(programme));
                    if (principal.ok()) {
                        context.principal = std::move(principal).value();
                    } else {
                        response = make_problem_response(problem_from(principal.error()), version, request_id);
                    }
                }
                if (!response) {
                    response = co_await match.route->handler(std::move(context));
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
