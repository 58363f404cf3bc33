#include "server/http/metrics.hpp"

#include <sstream>

namespace yardstick::server::http {
namespace {

// Bucket bounds in their shortest form (le="0.1", not "0.10000000000000001").
std::string format_bound(double bound) {
    std::ostringstream out;
    out << bound;
    return out.str();
}

}  // namespace

std::string escape_label_value(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

void HttpMetrics::observe(const std::string& method, const std::string& route, unsigned status,
                          std::chrono::duration<double> duration) {
    const double seconds = duration.count();
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    auto& histogram = durations_[{method, route}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++histogram.counts[i];
            break;
        }
    }
    ++histogram.count;
    histogram.sum += seconds;
}

void HttpMetrics::connection_opened() {
    std::lock_guard lock(mutex_);
    ++open_connections_;
}

void HttpMetrics::connection_closed() {
    std::lock_guard lock(mutex_);
    --open_connections_;
}

std::string HttpMetrics::render() const {
    std::ostringstream out;
    out.precision(17);
    std::lock_guard lock(mutex_);
    out << "# HELP yardstick_http_requests_total HTTP requests answered, by method, route pattern and status.\n"
        << "# TYPE yardstick_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        const auto& [method, route, status] = key;
        out << "yardstick_http_requests_total{method=\"" << escape_label_value(method) << "\",route=\""
            << escape_label_value(route) << "\",status=\"" << status << "\"} " << count << "\n";
    }
    out << "# HELP yardstick_http_request_duration_seconds Time from a complete request to its response.\n"
        << "# TYPE yardstick_http_request_duration_seconds histogram\n";
    for (const auto& [key, histogram] : durations_) {
        const auto labels =
            "method=\"" + escape_label_value(key.first) + "\",route=\"" + escape_label_value(key.second) + "\"";
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += histogram.counts[i];
            out << "yardstick_http_request_duration_seconds_bucket{" << labels << ",le=\"" << format_bound(kBuckets[i])
                << "\"} " << cumulative << "\n";
        }
        out << "yardstick_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << histogram.count
            << "\n";
        out << "yardstick_http_request_duration_seconds_sum{" << labels << "} " << histogram.sum << "\n";
        out << "yardstick_http_request_duration_seconds_count{" << labels << "} " << histogram.count << "\n";
    }
    out << "# HELP yardstick_http_connections_open Client connections currently open.\n"
        << "# TYPE yardstick_http_connections_open gauge\n"
        << "yardstick_http_connections_open " << open_connections_ << "\n";
    return out.str();
}

}  // namespace yardstick::server::http
