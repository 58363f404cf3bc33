#include "server/http/metrics.hpp"

#include <gtest/gtest.h>

namespace yardstick::server::http {
namespace {

TEST(HttpMetrics, CountsRequestsByMethodRouteAndStatus) {
    HttpMetrics metrics;
    metrics.observe("GET", "/healthz", 200, std::chrono::milliseconds(2));
    metrics.observe("GET", "/healthz", 200, std::chrono::milliseconds(30));
    metrics.observe("GET", "unmatched", 404, std::chrono::milliseconds(1));
    const auto text = metrics.render();
    EXPECT_NE(text.find("yardstick_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("yardstick_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"),
              std::string::npos);
    // Buckets are cumulative: 2 ms falls in le=0.0025, 30 ms in le=0.05.
    EXPECT_NE(text.find("duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.0025\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.025\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.05\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("duration_seconds_count{method=\"GET\",route=\"/healthz\"} 2\n"), std::string::npos);
}

TEST(HttpMetrics, TracksOpenConnections) {
    HttpMetrics metrics;
    metrics.connection_opened();
    metrics.connection_opened();
    metrics.connection_closed();
    EXPECT_NE(metrics.render().find("yardstick_http_connections_open 1\n"), std::string::npos);
}

TEST(HttpMetrics, EscapesLabelValues) {
    EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace yardstick::server::http
