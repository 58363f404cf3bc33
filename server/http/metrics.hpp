#pragma once
// Prometheus metrics for HTTP traffic, rendered in the text exposition format
// (version 0.0.4).

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace yardstick::server::http {

class HttpMetrics {
public:
    /// Upper bounds of the duration histogram, in seconds.
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

    /// Counts one finished request. `route` is the route pattern (never the
    /// raw path, which may carry tokens and would make label values unbounded).
    void observe(const std::string& method, const std::string& route, unsigned status,
                 std::chrono::duration<double> duration);

    void connection_opened();
    void connection_closed();

    /// yardstick_http_requests_total, yardstick_http_request_duration_seconds,
    /// yardstick_http_connections_open.
    std::string render() const;

private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> counts{};  // non-cumulative
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> requests_;
    std::map<std::pair<std::string, std::string>, Histogram> durations_;
    std::int64_t open_connections_ = 0;
};

/// Escapes a Prometheus label value (backslash, double quote, newline).
std::string escape_label_value(const std::string& value);

}  // namespace yardstick::server::http
