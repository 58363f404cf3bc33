#pragma once
// What happens to one complete request: request id, target parsing, routing,
// the handler, problem+json for everything that goes wrong, metrics and the
// access log. Knows nothing of sockets (see session.hpp).

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "server/http/metrics.hpp"
#include "server/http/rate_limiter.hpp"
#include "server/http/router.hpp"
#include "server/http/types.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::http {

/// Finds the staff user a bearer token belongs to: unauthenticated when the
/// token is unknown or revoked, unavailable when the database cannot say.
using Authenticator = std::function<boost::asio::awaitable<Result<Principal>>(std::string token)>;

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

private:
    std::optional<std::chrono::seconds> rate_limited(const Request& request, std::string_view path,
                                                     const std::string& client_address) const;

    // Checks a staff route's credentials; returns the principal or the problem to answer.
    /// `programme`: the route's {slug}, empty outside a programme.
    boost::asio::awaitable<Result<Principal>> authenticate(const Request& request, Permission permission,
                                                           std::string programme) const;

    Router router_;
    HttpMetrics& metrics_;
    Authenticator authenticator_;
    RateLimiter* rate_limiter_ = nullptr;
};

/// Writes the access-log line for a request: time, request id, method,
/// route pattern (never the raw path), status, duration, bytes, client.
void log_access(const std::string& request_id, const std::string& method, const std::string& route, unsigned status,
                double duration_ms, std::size_t bytes, const std::string& client_address);

}  // namespace yardstick::server::http
