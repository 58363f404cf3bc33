#include "yardstick/evaluation/statistics/mean_interval.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "reference/r_reference.hpp"

namespace yardstick::evaluation {
namespace {

TEST(MeanInterval, MatchesRsTTest) {
    for (const auto& c : r_reference::kMeans) {
        SCOPED_TRACE(c.name + " at " + std::to_string(c.level));
        const auto estimate = mean_interval(c.count, c.sum, c.sum_of_squares, c.level);
        ASSERT_TRUE(estimate.ok());
        EXPECT_NEAR(estimate->mean, c.mean, r_reference::relative(c.mean));
        ASSERT_TRUE(estimate->standard_deviation.has_value());
        EXPECT_NEAR(*estimate->standard_deviation, c.sd, r_reference::relative(c.sd));
        ASSERT_TRUE(estimate->interval.has_value());
        EXPECT_NEAR(estimate->interval->low, c.low, r_reference::relative(c.low));
        EXPECT_NEAR(estimate->interval->high, c.high, r_reference::relative(c.high));
        EXPECT_FALSE(estimate->no_interval_because.has_value());
    }
}

// A million answers near a million: Σx² ≈ 1e18. In doubles n·Σx² − (Σx)² would be
// all rounding error; the exact integer arithmetic keeps R's sd to 1e-10.
TEST(MeanInterval, KeepsLargeSumsExact) {
    const auto& c = r_reference::kLargeMean;
    const std::int64_t sum = c.count * c.base + c.sum_of_offsets;
    const std::int64_t sum_of_squares =
        c.count * c.base * c.base + 2 * c.base * c.sum_of_offsets + c.sum_of_squared_offsets;
    const auto estimate = mean_interval(c.count, sum, sum_of_squares);
    ASSERT_TRUE(estimate.ok());
    EXPECT_NEAR(estimate->mean, c.mean, r_reference::relative(c.mean));
    EXPECT_NEAR(*estimate->standard_deviation, c.sd, r_reference::relative(c.sd));
    EXPECT_NEAR(estimate->interval->low, c.low, r_reference::relative(c.low));
    EXPECT_NEAR(estimate->interval->high, c.high, r_reference::relative(c.high));
}

TEST(MeanInterval, OneAnswerHasAMeanButNoInterval) {
    const auto estimate = mean_interval(1, 4, 16);
    ASSERT_TRUE(estimate.ok());
    EXPECT_EQ(estimate->mean, 4.0);
    EXPECT_FALSE(estimate->standard_deviation.has_value());
    EXPECT_FALSE(estimate->interval.has_value());
    EXPECT_EQ(estimate->no_interval_because, Unavailable::single_observation);
    EXPECT_FALSE(explain(*estimate->no_interval_because).empty());
}

TEST(MeanInterval, EqualAnswersHaveNoSpread) {
    const auto estimate = mean_interval(5, 15, 45);  // 3, 3, 3, 3, 3
    ASSERT_TRUE(estimate.ok());
    EXPECT_EQ(estimate->mean, 3.0);
    EXPECT_EQ(estimate->standard_deviation, 0.0);
    EXPECT_FALSE(estimate->interval.has_value());
    EXPECT_EQ(estimate->no_interval_because, Unavailable::no_variation);
}

TEST(MeanInterval, RejectsImpossibleInput) {
    EXPECT_EQ(mean_interval(0, 0, 0).error().fields.at(0).field, "count");
    EXPECT_EQ(mean_interval(-2, 0, 0).error().fields.at(0).field, "count");
    EXPECT_EQ(mean_interval(2, 3, -1).error().fields.at(0).field, "sum_of_squares");
    EXPECT_EQ(mean_interval(2, 10, 49).error().fields.at(0).field, "sum_of_squares");  // 2·49 < 10²
    EXPECT_EQ(mean_interval(2, 3, 5, 0.0).error().fields.at(0).field, "level");
    EXPECT_EQ(mean_interval(2, 3, 5, 1.0).error().code, ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace yardstick::evaluation
