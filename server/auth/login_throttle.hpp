#pragma once
// Slows down password guessing at /login. Each e-mail address and each
// client address may fail a few times freely; after that every further
// failure doubles the time before the next attempt is even looked at
// (1 s, 2 s, 4 s, … up to 15 min). A correct sign-in clears its account's
// record, not its address's, so one good password cannot launder guesses at
// other accounts from the same address. In memory, per process; records
// quiet for longer than the longest wait are forgotten when the table grows.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace yardstick::server::auth {

struct ThrottlePolicy {
    int free_failures = 5;  ///< failures before the first wait
    std::chrono::seconds first_wait{1};
    std::chrono::seconds longest_wait{15 * 60};
};

class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;

    /// Accounts are forgiven fewer failures than addresses, which many
    /// people may share behind one NAT.
    explicit LoginThrottle(ThrottlePolicy per_account = {5}, ThrottlePolicy per_address = {20},
                           std::size_t max_records = 100'000)
        : per_account_(per_account), per_address_(per_address), max_records_(max_records) {}

    /// How long `account` from `address` must wait before an attempt is
    /// looked at (whole seconds, rounded up), or nullopt when it may try now.
    std::optional<std::chrono::seconds> wait(const std::string& account, const std::string& address,
                                             Clock::time_point now = Clock::now());

    /// Records a failed attempt.
    void failed(const std::string& account, const std::string& address, Clock::time_point now = Clock::now());

    /// Records a correct sign-in: the account starts afresh.
    void succeeded(const std::string& account);

private:
    struct Record {
        int failures = 0;
        Clock::time_point blocked_until;
        Clock::time_point last_failure;
    };

    void count_failure(const std::string& key, const ThrottlePolicy& policy, Clock::time_point now);
    void forget_quiet_records(Clock::time_point now);

    ThrottlePolicy per_account_;
    ThrottlePolicy per_address_;
    std::size_t max_records_;
    std::mutex mutex_;
    std::unordered_map<std::string, Record> records_;
};

}  // namespace yardstick::server::auth
