// Failed sign-ins: free failures, then doubling waits up to a cap, per
// account and per address, and what a correct sign-in clears.
#include <gtest/gtest.h>

#include "server/auth/login_throttle.hpp"

namespace yardstick::server::auth {
namespace {

using namespace std::chrono_literals;

const auto kStart = LoginThrottle::Clock::time_point{} + 24h;

TEST(LoginThrottle, LetsAFewFailuresPassThenDoublesTheWait) {
    LoginThrottle throttle({3, 1s, 60s}, {100, 1s, 60s});
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(throttle.wait("ann@example.org", "10.0.0.1", kStart).has_value()) << i;
        throttle.failed("ann@example.org", "10.0.0.1", kStart);
    }
    EXPECT_FALSE(throttle.wait("ann@example.org", "10.0.0.1", kStart).has_value()) << "three failures are free";
    throttle.failed("ann@example.org", "10.0.0.1", kStart);
    EXPECT_EQ(throttle.wait("ann@example.org", "10.0.0.1", kStart), 1s);
    EXPECT_EQ(throttle.wait("ANN@example.org", "10.0.0.9", kStart), 1s) << "the account, whatever its case or address";
    EXPECT_FALSE(throttle.wait("bob@example.org", "10.0.0.1", kStart).has_value()) << "other accounts may try";
    throttle.failed("ann@example.org", "10.0.0.1", kStart + 1s);
    EXPECT_EQ(throttle.wait("ann@example.org", "10.0.0.1", kStart + 1s), 2s);
    throttle.failed("ann@example.org", "10.0.0.1", kStart + 3s);
    EXPECT_EQ(throttle.wait("ann@example.org", "10.0.0.1", kStart + 3s), 4s);
    for (int i = 0; i < 40; ++i) {
        throttle.failed("ann@example.org", "10.0.0.1", kStart + 10s);
    }
    EXPECT_EQ(throttle.wait("ann@example.org", "10.0.0.1", kStart + 10s), 60s) << "capped";
    EXPECT_EQ(throttle.wait("ann@example.org", "10.0.0.1", kStart + 69s + 500ms), 1s) << "rounded up";
    EXPECT_FALSE(throttle.wait("ann@example.org", "10.0.0.1", kStart + 70s).has_value());
}

TEST(LoginThrottle, SlowsAnAddressThatGuessesAtManyAccounts) {
    LoginThrottle throttle({5, 1s, 60s}, {4, 2s, 60s});
    for (int i = 0; i < 5; ++i) {
        throttle.failed("user" + std::to_string(i) + "@example.org", "10.0.0.2", kStart);
    }
    EXPECT_EQ(throttle.wait("new@example.org", "10.0.0.2", kStart), 2s);
    EXPECT_FALSE(throttle.wait("new@example.org", "10.0.0.3", kStart).has_value());
}

TEST(LoginThrottle, ACorrectSignInClearsTheAccountButNotTheAddress) {
    LoginThrottle throttle({1, 5s, 60s}, {1, 5s, 60s});
    throttle.failed("ann@example.org", "10.0.0.1", kStart);
    throttle.failed("ann@example.org", "10.0.0.1", kStart);
    throttle.succeeded("Ann@example.org");
    EXPECT_FALSE(throttle.wait("ann@example.org", "10.0.0.7", kStart).has_value());
    EXPECT_EQ(throttle.wait("ann@example.org", "10.0.0.1", kStart), 5s);
}

TEST(LoginThrottle, ForgivesAfterAQuietSpell) {
    LoginThrottle throttle({1, 1s, 10s}, {100, 1s, 10s});
    throttle.failed("ann@example.org", "a", kStart);
    throttle.failed("ann@example.org", "a", kStart);
    throttle.failed("ann@example.org", "a", kStart);
    EXPECT_EQ(throttle.wait("ann@example.org", "a", kStart), 2s);
    throttle.failed("ann@example.org", "a", kStart + 1min);
    EXPECT_FALSE(throttle.wait("ann@example.org", "a", kStart + 1min).has_value())
        << "one failure after a quiet spell is a first failure again";
}

TEST(LoginThrottle, KeepsItsTableBounded) {
    LoginThrottle throttle({1, 1s, 10s}, {1, 1s, 10s}, 4);
    throttle.failed("a", "1", kStart);
    throttle.failed("b", "2", kStart);
    throttle.failed("c", "3", kStart + 1min);  // a and b are quiet: forgotten to make room
    throttle.failed("c", "3", kStart + 1min);
    EXPECT_TRUE(throttle.wait("c", "3", kStart + 1min).has_value());
    throttle.failed("d", "4", kStart + 1min);  // the table is full now, of recent records
    throttle.failed("e", "5", kStart + 1min);  // so these are not counted
    throttle.failed("e", "5", kStart + 1min);
    EXPECT_FALSE(throttle.wait("e", "5", kStart + 1min).has_value());
}

}  // namespace
}  // namespace yardstick::server::auth
