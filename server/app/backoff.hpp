#pragma once
// How long a delivery that failed waits before its next attempt (e-mail,
// webhooks): `base` after the first failure, twice as long after each
// further one, never more than an hour.

#include <algorithm>
#include <chrono>

namespace yardstick::server {

inline std::chrono::milliseconds retry_delay(std::chrono::milliseconds base, int failed_attempts) {
    const auto cap = std::chrono::milliseconds(std::chrono::hours(1));
    auto delay = base;
    for (int i = 1; i < failed_attempts && delay < cap; ++i) {
        delay *= 2;
    }
    return std::min(delay, cap);
}

}  // namespace yardstick::server
