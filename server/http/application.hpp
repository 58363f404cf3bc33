#pragma once
// What happens to one complete request: request id, target parsing, routing,
// the handler, problem+json for everything that goes wrong, metrics and the
// access log. Knows nothing of sockets (see session.hpp).

#include <functional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "server/http/metrics.hpp"
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
    HttpMetrics& metrics() const { return metrics_; }

private:
    // Checks a staff route's credentials; returns the principal or the problem to answer.
    /// `programme`: the route's {slug}, empty outside a programme.
    boost::asio::awaitable<Result<Principal>> authenticate(const Request& request, Permission permission,
                                                           std::string programme) const;

    Router router_;
    HttpMetrics& metrics_;
    Authenticator authenticator_;
};

/// Writes the access-log line for a request: time, request id, method,
/// route pattern (never the raw path), status, duration, bytes, client.
void log_access(const std::string& request_id, const std::string& method, const std::string& route, unsigned status,
                double duration_ms, std::size_t bytes, const std::string& client_address);

}  // namespace yardstick::server::http
