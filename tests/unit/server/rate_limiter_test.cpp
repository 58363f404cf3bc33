// Token buckets: a burst, then the steady rate, the wait to announce, and
// the settings' spelling.
#include <gtest/gtest.h>

#include "server/http/rate_limiter.hpp"

namespace yardstick::server::http {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheBurstThenTheRate) {
    RateLimiter limiter({2, 3});
    const auto start = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(limiter.take("a", start).has_value()) << i;
    }
    EXPECT_EQ(limiter.take("a", start), std::chrono::seconds(1));
    EXPECT_FALSE(limiter.take("b", start).has_value()) << "keys have buckets of their own";
    EXPECT_FALSE(limiter.take("a", start + 500ms).has_value()) << "one token back after half a second at 2/s";
    EXPECT_TRUE(limiter.take("a", start + 500ms).has_value());
    EXPECT_FALSE(limiter.take("a", start + 10s).has_value());
}

TEST(RateLimiter, ForgetsFullBucketsWhenTheTableIsFull) {
    RateLimiter limiter({1, 1}, 2);
    const auto start = RateLimiter::Clock::time_point{} + 1h;
    EXPECT_FALSE(limiter.take("a", start).has_value());
    EXPECT_FALSE(limiter.take("b", start).has_value());
    // Later, both are full again and make room; "a" starts over with a full bucket.
    EXPECT_FALSE(limiter.take("c", start + 5s).has_value());
    EXPECT_FALSE(limiter.take("a", start + 5s).has_value());
}

TEST(RateLimit, ParsesItsSettings) {
    EXPECT_FALSE(parse_rate_limit("off").value().has_value());
    const auto limit = parse_rate_limit("20/s,100").value().value();
    EXPECT_EQ(limit.per_second, 20);
    EXPECT_EQ(limit.burst, 100);
    EXPECT_EQ(parse_rate_limit("5/s").value().value().burst, 5);
    for (const auto* wrong : {"", "20", "x/s", "0/s", "20/s,", "20/s,0", "-1/s", "20/m"}) {
        EXPECT_FALSE(parse_rate_limit(wrong).ok()) << wrong;
    }
}

}  // namespace
}  // namespace yardstick::server::http
