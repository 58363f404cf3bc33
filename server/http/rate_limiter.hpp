#pragma once
// Token buckets per key (a client address, a bearer token): each key may
// make `burst` requests at once and `per_second` a second after that. A
// request over the limit is told how long to wait (429 with Retry-After).
// In memory, per process; keys idle long enough to be full again are
// forgotten when the table grows.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "yardstick/domain/result.hpp"

namespace yardstick::server::http {

struct RateLimit {
    double per_second = 20;
    double burst = 100;
};

/// "off" → nullopt; "RATE/s" or "RATE/s,BURST" (e.g. "20/s,100") → the limit.
Result<std::optional<RateLimit>> parse_rate_limit(std::string_view text);

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(RateLimit limit, std::size_t max_keys = 100'000) : limit_(limit), max_keys_(max_keys) {}

    /// Takes one request for `key` at `now`: nullopt when allowed, else the
    /// whole seconds to wait before the next one would be.
    std::optional<std::chrono::seconds> take(const std::string& key, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };

    RateLimit limit_;
    std::size_t max_keys_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace yardstick::server::http
