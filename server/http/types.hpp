#pragma once
// The HTTP vocabulary shared by the server's files.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/url/url_view.hpp>

namespace yardstick::server::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

/// Values of a route pattern's `{name}` segments, percent-decoded.
using RouteParams = std::map<std::string, std::string, std::less<>>;

/// The staff user a bearer token belongs to.
struct Principal {
    std::int64_t user_id = 0;
    std::string email;
    std::string role;  ///< admin, manager, auditor

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
    std::string client_address;
    std::optional<Principal> principal;  ///< set for staff routes
};

}  // namespace yardstick::server::http
