#pragma once
// Structured logging: one JSON object per line on stdout, safe to call from
// any thread. Logs never carry identities or tokens.

#include <string_view>

#include <nlohmann/json.hpp>

namespace yardstick::server {

/// Writes `{"time": …, "level": level, "event": event, …fields}` as one line
/// and flushes it, so that a crash loses nothing already logged.
void log_event(std::string_view level, std::string_view event, nlohmann::json fields = nlohmann::json::object());

inline void log_info(std::string_view event, nlohmann::json fields = nlohmann::json::object()) {
    log_event("info", event, std::move(fields));
}
inline void log_warning(std::string_view event, nlohmann::json fields = nlohmann::json::object()) {
    log_event("warning", event, std::move(fields));
}
inline void log_error(std::string_view event, nlohmann::json fields = nlohmann::json::object()) {
    log_event("error", event, std::move(fields));
}

/// Current UTC time as RFC 3339 with milliseconds, e.g. 2026-11-24T14:40:46.123Z.
std::string utc_timestamp();

}  // namespace yardstick::server
