#include "server/app/log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace yardstick::server {
namespace {

std::mutex& output_mutex() {
    static std::mutex m;
    return m;
}

}  // namespace

std::string utc_timestamp() {
    const auto now = std::chrono::system_clock::now();
    const auto seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
    return buffer;
}

void log_event(std::string_view level, std::string_view event, nlohmann::json fields) {
    nlohmann::json line = nlohmann::json::object();
    line["time"] = utc_timestamp();
    line["level"] = level;
    line["event"] = event;
    if (fields.is_object()) {
        line.update(fields);
    }
    // Replace invalid UTF-8 rather than throw: a log line must never fail.
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::lock_guard lock(output_mutex());
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

}  // namespace yardstick::server
