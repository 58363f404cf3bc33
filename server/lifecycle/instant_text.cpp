#include "server/lifecycle/instant_text.hpp"

#include <cstdio>
#include <ctime>

namespace yardstick::server::lifecycle {
namespace {

// The number text[begin, begin + count) if all are digits.
std::optional<int> digits(std::string_view text, std::size_t begin, std::size_t count) {
    int value = 0;
    for (std::size_t i = begin; i < begin + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::string rfc3339(domain::Instant instant) {
    const std::time_t seconds = instant.time_since_epoch().count();
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return text;
}

std::optional<domain::Instant> parse_instant(std::string_view text) {
    auto date = domain::parse_date(text.substr(0, 10));
    if (!date.ok()) {
        return std::nullopt;
    }
    const auto day = domain::Instant{std::chrono::days{domain::days_from_civil(*date)}};
    if (text.size() == 10) {
        return day;
    }
    if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' ||
        text[16] != ':') {
        return std::nullopt;
    }
    const auto hour = digits(text, 11, 2);
    const auto minute = digits(text, 14, 2);
    const auto second = digits(text, 17, 2);
    if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) {
        return std::nullopt;
    }
    auto instant = day + std::chrono::hours{*hour} + std::chrono::minutes{*minute} + std::chrono::seconds{*second};
    // A fraction of a second (PostgreSQL's rfc3339() writes milliseconds)
    // is dropped: instants here count whole seconds.
    std::size_t zone_start = 19;
    if (zone_start < text.size() && text[zone_start] == '.') {
        ++zone_start;
        while (zone_start < text.size() && text[zone_start] >= '0' && text[zone_start] <= '9') {
            ++zone_start;
        }
    }
    const auto zone = text.substr(zone_start);
    if (zone == "Z" || zone == "z") {
        return instant;
    }
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
        return std::nullopt;
    }
    const auto zone_hours = digits(zone, 1, 2);
    const auto zone_minutes = digits(zone, 4, 2);
    if (!zone_hours || !zone_minutes || *zone_hours > 23 || *zone_minutes > 59) {
        return std::nullopt;
    }
    const auto offset = std::chrono::hours{*zone_hours} + std::chrono::minutes{*zone_minutes};
    return zone[0] == '+' ? instant - offset : instant + offset;
}

domain::Instant system_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace yardstick::server::lifecycle
