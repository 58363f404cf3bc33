#include "server/http/cookies.hpp"

namespace yardstick::server::http {
namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

std::optional<std::string> cookie_value(const Request& request, std::string_view name) {
    // Browsers send one Cookie header ("a=1; b=2"), but HTTP/2 proxies may
    // split it into several.
    const auto [first, last] = request.equal_range(beast_http::field::cookie);
    for (auto it = first; it != last; ++it) {
        std::string_view header = it->value();
        while (!header.empty()) {
            const auto semicolon = header.find(';');
            const auto pair = header.substr(0, semicolon);
            header = semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
            const auto equals = pair.find('=');
            if (equals == std::string_view::npos) {
                continue;
            }
            if (trimmed(pair.substr(0, equals)) == name) {
                auto value = trimmed(pair.substr(equals + 1));
                if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                    value = value.substr(1, value.size() - 2);
                }
                return std::string(value);
            }
        }
    }
    return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieSettings& settings) {
    std::string header;
    header.append(name).append("=").append(value).append("; HttpOnly; SameSite=Strict; Path=").append(settings.path);
    if (settings.max_age) {
        header += "; Max-Age=" + std::to_string(settings.max_age->count());
    }
    if (settings.secure) {
        header += "; Secure";
    }
    return header;
}

}  // namespace yardstick::server::http
