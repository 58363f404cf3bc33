#include "yardstick/evaluation/statistics/wilson_interval.hpp"

#include <gtest/gtest.h>

namespace yardstick::evaluation {
namespace {

struct PublishedCase {
    int successes;
    int trials;
    double low;
    double high;
};

// R. G. Newcombe, "Two-sided confidence intervals for the single proportion:
// comparison of seven methods", Statistics in Medicine 17 (1998), Table I,
// method 3 (score interval without continuity correction), given to 4 places.
class NewcombeTable : public ::testing::TestWithParam<PublishedCase> {};

TEST_P(NewcombeTable, MatchesThePublishedInterval) {
    const auto& c = GetParam();
    const auto interval = wilson_interval(c.successes, c.trials);
    ASSERT_TRUE(interval.ok());
    EXPECT_NEAR(interval->low, c.low, 5e-5);
    EXPECT_NEAR(interval->high, c.high, 5e-5);
    EXPECT_DOUBLE_EQ(interval->estimate, static_cast<double>(c.successes) / c.trials);
}

INSTANTIATE_TEST_SUITE_P(Wilson, NewcombeTable,
                         ::testing::Values(PublishedCase{81, 263, 0.2553, 0.3662},
                                           PublishedCase{15, 148, 0.0624, 0.1605}, PublishedCase{0, 20, 0.0, 0.1611},
                                           PublishedCase{1, 29, 0.0061, 0.1718}));

// 91 of 100 (the share of sending companies in the MobiliseSME pilot),
// computed independently from Wilson's closed form in double precision.
TEST(WilsonInterval, MatchesTheClosedForm) {
    const auto interval = wilson_interval(91, 100);
    ASSERT_TRUE(interval.ok());
    EXPECT_NEAR(interval->low, 0.837737871472837, 1e-12);
    EXPECT_NEAR(interval->high, 0.9519274599974348, 1e-12);
}

TEST(WilsonInterval, AllSuccessesReachesOneExactly) {
    const auto interval = wilson_interval(1, 1);
    ASSERT_TRUE(interval.ok());
    EXPECT_EQ(interval->high, 1.0);
    EXPECT_NEAR(interval->low, 0.2065493143772, 1e-9);  // 1 / (1 + z²)
}

TEST(WilsonInterval, RejectsImpossibleCounts) {
    EXPECT_EQ(wilson_interval(0, 0).error().fields.at(0).field, "trials");
    EXPECT_EQ(wilson_interval(5, 4).error().fields.at(0).field, "successes");
    EXPECT_EQ(wilson_interval(-1, 4).error().fields.at(0).field, "successes");
    EXPECT_EQ(wilson_interval(1, 4, 1.0).error().fields.at(0).field, "level");
}

}  // namespace
}  // namespace yardstick::evaluation
