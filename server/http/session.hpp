#pragma once
// One coroutine per client connection: read a request under limits and
// deadlines, answer it, repeat while keep-alive holds. The same loop serves
// plain HTTP and HTTPS (TLS 1.2+ through OpenSSL, when the server was given
// a certificate).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "server/http/application.hpp"
#include "server/http/connection_registry.hpp"

namespace yardstick::server::http {

/// Limits and deadlines of a connection.
struct SessionLimits {
    std::uint32_t header_limit = 16 * 1024;           ///< bytes of request line + headers → 431 above
    std::uint64_t body_limit = 1024 * 1024;           ///< bytes of body → 413 above
    /// bytes of body of an import (POST /api/v1/programmes/{slug}/imports/{resource}: a responses.csv or a
    /// data package) → 413 above
    std::uint64_t import_body_limit = 64 * 1024 * 1024;
    std::chrono::milliseconds idle_timeout{15'000};   ///< to receive a request's headers (also keep-alive idle)
    std::chrono::milliseconds read_timeout{30'000};   ///< to receive a request's body
    std::chrono::milliseconds write_timeout{30'000};  ///< to send a response
};

/// What every session shares; owned by the server, which outlives sessions.
struct SessionDependencies {
    const Application* application = nullptr;
    ConnectionRegistry* registry = nullptr;
    SessionLimits limits;
};

/// What HTTPS sessions add to every response (RFC 6797). No includeSubDomains:
/// the server cannot know what else runs under its domain.
inline constexpr const char* kStrictTransportSecurity = "max-age=31536000";

/// Serves one plain-HTTP connection until the client closes it, a deadline
/// passes, keep-alive ends, or the server stops. Must be spawned on the
/// socket's strand. Never throws.
boost::asio::awaitable<void> run_session(boost::asio::ip::tcp::socket socket,
                                         std::shared_ptr<const SessionDependencies> dependencies);

/// As run_session, over TLS: the handshake first (within the idle timeout),
/// then the same request loop, with `Strict-Transport-Security` on every
/// response and `X-Yardstick-Transport: tls` on every request, and an orderly
/// TLS close (close_notify) at the end. `tls` is the server's context; it
/// must outlive the session. Never throws.
boost::asio::awaitable<void> run_tls_session(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
                                             std::shared_ptr<const SessionDependencies> dependencies);

}  // namespace yardstick::server::http
