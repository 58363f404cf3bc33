#include "server/http/rate_limiter.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace yardstick::server::http {
namespace {

std::optional<double> positive_number(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !(value > 0) || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

Result<std::optional<RateLimit>> parse_rate_limit(std::string_view text) {
    if (text == "off") {
        return std::optional<RateLimit>();
    }
    const auto invalid = Error::invalid("rate-limit", "must be off, RATE/s or RATE/s,BURST (e.g. 20/s,100)");
    const auto slash = text.find("/s");
    if (slash == std::string_view::npos) {
        return invalid;
    }
    const auto rate = positive_number(text.substr(0, slash));
    auto rest = text.substr(slash + 2);
    RateLimit limit;
    if (!rate) {
        return invalid;
    }
    limit.per_second = *rate;
    limit.burst = std::max(1.0, *rate);
    if (!rest.empty()) {
        if (rest.front() != ',') {
            return invalid;
        }
        const auto burst = positive_number(rest.substr(1));
        if (!burst || *burst < 1) {
            return invalid;
        }
        limit.burst = *burst;
    }
    return std::optional<RateLimit>(limit);
}

std::optional<std::chrono::seconds> RateLimiter::take(const std::string& key, Clock::time_point now) {
    const std::lock_guard lock(mutex_);
    if (buckets_.size() >= max_keys_ && !buckets_.contains(key)) {
        // Forget keys whose buckets are full again: they lose nothing.
        std::erase_if(buckets_, [&](const auto& entry) {
            const auto idle = std::chrono::duration<double>(now - entry.second.updated).count();
            return entry.second.tokens + idle * limit_.per_second >= limit_.burst;
        });
    }
    auto [it, created] = buckets_.try_emplace(key, Bucket{limit_.burst, now});
    auto& bucket = it->second;
    if (!created) {
        const auto elapsed = std::chrono::duration<double>(now - bucket.updated).count();
        bucket.tokens = std::min(limit_.burst, bucket.tokens + std::max(0.0, elapsed) * limit_.per_second);
        bucket.updated = now;
    }
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return std::nullopt;
    }
    const auto wait = (1 - bucket.tokens) / limit_.per_second;
    return std::chrono::seconds(static_cast<long long>(std::ceil(wait)));
}

}  // namespace yardstick::server::http
