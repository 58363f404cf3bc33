#include "yardstick/sql/connection.hpp"

#include <string_view>

namespace yardstick::sql {
namespace {

bool is_url(std::string_view s) {
    return s.starts_with("postgresql://") || s.starts_with("postgres://");
}

// Percent-encodes a URL query value (RFC 3986 unreserved characters stay).
std::string percent_encode(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

// Quotes a key=value connection-string value (libpq: single quotes, with
// backslash escaping quotes and backslashes).
std::string quote_value(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '\'';
    return out;
}

}  // namespace

std::string effective_connection_string(const DatabaseSettings& settings) {
    const std::string options = "-c statement_timeout=" + std::to_string(settings.statement_timeout.count());
    const std::string connect_timeout = std::to_string(settings.connect_timeout.count());
    std::string result = settings.url;
    if (is_url(settings.url)) {
        // Later duplicates win in libpq, so appended settings take effect.
        result += settings.url.find('?') == std::string::npos ? '?' : '&';
        result += "options=" + percent_encode(options);
        result += "&connect_timeout=" + connect_timeout;
        result += "&application_name=" + percent_encode(settings.application_name);
    } else {
        if (!result.empty()) {
            result += ' ';
        }
        result += "options=" + quote_value(options);
        result += " connect_timeout=" + connect_timeout;
        result += " application_name=" + quote_value(settings.application_name);
    }
    return result;
}

std::unique_ptr<pqxx::connection> open_connection(const DatabaseSettings& settings) {
    return std::make_unique<pqxx::connection>(effective_connection_string(settings));
}

}  // namespace yardstick::sql
