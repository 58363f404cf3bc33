#pragma once
// Reading the Cookie header and writing Set-Cookie (RFC 6265). Every cookie
// this server sets is HttpOnly and SameSite=Strict: no script reads it and
// no other site's page sends it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/types.hpp"

namespace yardstick::server::http {

/// The value of the cookie `name` the client sent, if any.
std::optional<std::string> cookie_value(const Request& request, std::string_view name);

struct CookieSettings {
    std::string path = "/";
    /// Seconds until the browser drops it; nullopt: when the browser closes;
    /// zero: at once (to delete it).
    std::optional<std::chrono::seconds> max_age;
    bool secure = false;  ///< only over HTTPS
};

/// A Set-Cookie header value: name=value; HttpOnly; SameSite=Strict; Path=…
std::string set_cookie(std::string_view name, std::string_view value, const CookieSettings& settings);

}  // namespace yardstick::server::http
