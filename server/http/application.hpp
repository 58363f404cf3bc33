#pragma once
// What happens to one complete request: request id, target parsing, routing,
// the handler, problem+json for everything that goes wrong, metrics and the
// access log. Knows nothing of sockets (see session.hpp).

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "server/http/metrics.hpp"
#include "server/http/rate_limiter.hpp"
#include "server/http/router.hpp"
#include "server/http/types.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::http {

/// What a staff request presents: an API token (Authorization: Bearer) or
/// the cookie of a browser session (/login).
struct Credential {
    enum class Kind { bearer_token, session_cookie };
    Kind kind = Kind::bearer_token;
    std::string secret;
};

/// The name of the session cookie.
inline constexpr std::string_view kSessionCookie = "yardstick_session";

/// Finds the staff user a credential belongs to: unauthenticated when it is
/// unknown, revoked, expired or its user disabled; unavailable when the
/// database cannot say.
using Authenticator = std::function<boost::asio::awaitable<Result<Principal>>(Credential credential)>;

class Application {
public:
    /// Without an authenticator every staff route answers 401.
    Application(Router router, HttpMetrics& metrics, Authenticator authenticator = {})
        : router_(std::move(router)), metrics_(metrics), authenticator_(std::move(authenticator)) {}

    /// Answers one request. Never throws: a handler's exception becomes a
    /// 500 problem whose detail goes to the log only.
    boost::asio::awaitable<Response> handle(Request request, std::string client_address) const;

    const Router& router() const { return router_; }

    /// Limits requests to /f/…, /api/… and /login per client address and
    /// per bearer token (nullptr: no limit).
    void limit_rates(RateLimiter* limiter) { rate_limiter_ = limiter; }
    HttpMetrics& metrics() const { return metrics_; }

    /// Peers whose X-Forwarded-For and X-Forwarded-Proto are believed (a
    /// reverse proxy such as ops/nginx.conf): the client is then the last
    /// address the proxy appended, and HTTPS is what the proxy says.
    void trust_proxies(const std::vector<std::string>& addresses);

private:
    std::optional<std::chrono::seconds> rate_limited(const Request& request, std::string_view path,
                                                     const std::string& client_address) const;

    // Checks a staff route's credentials (and, for a session's changes, its
    // CSRF token); returns the principal or the problem to answer.
    /// `programme`: the route's {slug}, empty outside a programme.
    boost::asio::awaitable<Result<Principal>> authenticate(const Request& request, Permission permission,
                                                           std::string programme) const;

    /// The client's address and whether it came over HTTPS, seen through a
    /// trusted proxy when there is one.
    std::pair<std::string, bool> client_of(const Request& request, std::string peer_address) const;

    Router router_;
    HttpMetrics& metrics_;
    Authenticator authenticator_;
    RateLimiter* rate_limiter_ = nullptr;
    std::vector<std::string> trusted_proxies_;
};

/// Writes the access-log line for a request: time, request id, method,
/// route pattern (never the raw path), status, duration, bytes, client.
void log_access(const std::string& request_id, const std::string& method, const std::string& route, unsigned status,
                double duration_ms, std::size_t bytes, const std::string& client_address);

}  // namespace yardstick::server::http
