#pragma once
// The HTTP vocabulary shared by the server's files.

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/url/url_view.hpp>

namespace yardstick::server::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;

/// A body too large to hold in memory (an export), produced while it is
/// sent: the session writes it with chunked transfer encoding, piece by
/// piece, and drops the stream (which must then stop producing) when the
/// client goes away.
class BodyStream {
public:
    virtual ~BodyStream() = default;
    /// The next piece; nothing after the last one. Throws when producing
    /// failed: the session then ends the connection without the final chunk,
    /// so the client sees a truncated body, never a complete-looking one.
    virtual boost::asio::awaitable<std::optional<std::string>> next() = 0;
};

/// A response: a string body, or (when `stream` is set) a streamed one.
struct Response : beast_http::response<beast_http::string_body> {
    using beast_http::response<beast_http::string_body>::message;
    Response() = default;
    Response(beast_http::response<beast_http::string_body>&& plain)  // NOLINT: a plain response is one
        : beast_http::response<beast_http::string_body>(std::move(plain)) {}

    std::shared_ptr<BodyStream> stream;
};

/// The request header through which a session tells the application that a
/// request came over TLS: "tls" on HTTPS sessions. Sessions erase any copy a
/// client sends before setting it, so the application can trust it (e.g. to
/// mark cookies `Secure`). Behind a TLS-terminating proxy the server itself
/// speaks plain HTTP, so the header is absent there.
inline constexpr const char* kTransportHeader = "X-Yardstick-Transport";

/// Values of a route pattern's `{name}` segments, percent-decoded.
using RouteParams = std::map<std::string, std::string, std::less<>>;

/// A role a staff user holds: admin (no programme), or manager, auditor or
/// identity-export of the programme with slug `programme`.
struct RoleGrant {
    std::string role;
    std::string programme;  ///< empty for admin
};

/// The staff user a bearer token or a session cookie belongs to, and what
/// the token or session may do.
struct Principal {
    std::int64_t user_id = 0;
    std::string email;
    std::vector<RoleGrant> roles;
    std::vector<std::string> scopes;  ///< read, write, export
    /// Set when the request came with a session cookie rather than a bearer
    /// token: the session, and the CSRF token its forms must carry.
    std::optional<std::int64_t> session_id;
    std::string csrf_token;

    bool is_admin() const {
        return std::any_of(roles.begin(), roles.end(), [](const RoleGrant& g) { return g.role == "admin"; });
    }
    /// Whether the user holds `role` for programme `slug` (admin holds every role everywhere).
    bool holds(std::string_view role, std::string_view slug) const {
        return is_admin() || std::any_of(roles.begin(), roles.end(),
                                         [&](const RoleGrant& g) { return g.role == role && g.programme == slug; });
    }

    /// How events name this user as their actor: "user:<id>" (never the e-mail).
    std::string actor() const { return "user:" + std::to_string(user_id); }
};

/// Everything a handler gets about one request. Passed by value into
/// handler coroutines, so it owns what it holds.
struct RequestContext {
    Request request;
    std::string request_id;
    std::string path;   ///< decoded path, without the query
    std::string query;  ///< encoded query string, without '?'
    RouteParams params;
    /// The client's address: the peer's, or the one a trusted proxy names.
    std::string client_address;
    std::optional<Principal> principal;  ///< set for staff routes
    /// Whether the client reached us over HTTPS (our TLS, or a trusted
    /// proxy's): cookies are then marked Secure.
    bool secure_transport = false;
};

}  // namespace yardstick::server::http
