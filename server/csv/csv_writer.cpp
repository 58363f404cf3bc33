#include "server/csv/csv_writer.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace yardstick::server::csv {

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += csv_field(fields[i]);
    }
    out += "\r\n";
}

std::string shortest_decimal(const std::optional<double>& value) {
    if (!value || !std::isfinite(*value)) {
        return {};
    }
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *value);
    if (error != std::errc{}) {
        return {};
    }
    return std::string(buffer, end);
}

}  // namespace yardstick::server::csv
