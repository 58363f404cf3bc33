#include "server/auth/login_throttle.hpp"

#include <algorithm>
#include <cctype>

namespace yardstick::server::auth {
namespace {

// E-mail addresses are compared case-insensitively, so that Ann@… and ann@…
// share one record.
std::string account_key(const std::string& account) {
    std::string key = "account:";
    for (const unsigned char c : account) {
        key += static_cast<char>(std::tolower(c));
    }
    return key;
}

std::string address_key(const std::string& address) {
    return "address:" + address;
}

}  // namespace

std::optional<std::chrono::seconds> LoginThrottle::wait(const std::string& account, const std::string& address,
                                                        Clock::time_point now) {
    std::lock_guard lock(mutex_);
    Clock::duration longest{0};
    for (const auto& key : {account_key(account), address_key(address)}) {
        if (const auto found = records_.find(key); found != records_.end()) {
            longest = std::max(longest, found->second.blocked_until - now);
        }
    }
    if (longest <= Clock::duration::zero()) {
        return std::nullopt;
    }
    return std::chrono::ceil<std::chrono::seconds>(longest);
}

void LoginThrottle::failed(const std::string& account, const std::string& address, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (records_.size() + 2 > max_records_) {
        forget_quiet_records(now);
    }
    count_failure(account_key(account), per_account_, now);
    count_failure(address_key(address), per_address_, now);
}

void LoginThrottle::succeeded(const std::string& account) {
    std::lock_guard lock(mutex_);
    records_.erase(account_key(account));
}

void LoginThrottle::count_failure(const std::string& key, const ThrottlePolicy& policy, Clock::time_point now) {
    if (records_.size() >= max_records_ && !records_.contains(key)) {
        // Full of records that are all still recent: an attack from very
        // many addresses. Their own records already slow them down.
        return;
    }
    auto& record = records_[key];
    if (record.failures > 0 && now - record.last_failure > policy.longest_wait) {
        record = Record{};  // quiet long enough: forgiven
    }
    ++record.failures;
    record.last_failure = now;
    const int over = record.failures - policy.free_failures;
    if (over > 0) {
        // first_wait · 2^(over-1), capped; the shift is capped too so that it cannot overflow.
        const auto doubled = policy.first_wait * (std::int64_t{1} << std::min(over - 1, 30));
        record.blocked_until = now + std::min<Clock::duration>(doubled, policy.longest_wait);
    }
}

void LoginThrottle::forget_quiet_records(Clock::time_point now) {
    const auto quiet = std::max(per_account_.longest_wait, per_address_.longest_wait);
    std::erase_if(records_, [&](const auto& entry) { return now - entry.second.last_failure > quiet; });
}

}  // namespace yardstick::server::auth
