// A yes/no question asked before and after: McNemar's test and the change in
// the share answering yes with Newcombe's interval.

#include <cmath>

#include <gtest/gtest.h>

#include "reference/r_reference.hpp"
#include "yardstick/evaluation/statistics/mcnemar_test.hpp"
#include "yardstick/evaluation/statistics/paired_share_change.hpp"

namespace yardstick::evaluation {
namespace {

PairedYesNoTable table_of(const r_reference::YesNoCase& c) {
    return {c.yes_yes, c.yes_no, c.no_yes, c.no_no};
}

TEST(McNemar, MatchesRsMcnemarTest) {
    for (const auto& c : r_reference::kYesNo) {
        SCOPED_TRACE(c.name);
        const auto result = mcnemar_test(table_of(c));
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result->discordant_pairs, c.yes_no + c.no_yes);
        ASSERT_EQ(result->test.has_value(), c.has_test);
        if (c.has_test) {
            EXPECT_NEAR(result->test->chi_square, c.chi_square, r_reference::relative(c.chi_square));
            EXPECT_NEAR(result->test->p_value, c.p_value, r_reference::relative(c.p_value));
        } else {
            EXPECT_EQ(result->no_test_because, Unavailable::no_discordant_pairs);
        }
    }
}

// Agresti, Categorical Data Analysis (1990), p. 350, presidential approval of 1600
// voters in two surveys a month apart (794, 150, 86, 570), as in R's ?mcnemar.test:
// "McNemar's chi-squared = 16.818, df = 1, p-value = 4.115e-05".
TEST(McNemar, MatchesAgrestisExample) {
    const auto result = mcnemar_test({794, 150, 86, 570});
    ASSERT_TRUE(result.ok());
    EXPECT_NEAR(result->test->chi_square, 16.818, 5e-4);
    EXPECT_NEAR(result->test->p_value, 4.115e-05, 5e-9);
}

// R omits the continuity correction when b = c: χ² = 0, not 1/(b + c).
TEST(McNemar, EqualDiscordantCountsGiveZero) {
    const auto result = mcnemar_test({10, 5, 5, 10});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->test->chi_square, 0.0);
    EXPECT_EQ(result->test->p_value, 1.0);
}

TEST(McNemar, RejectsNegativeCounts) {
    EXPECT_EQ(mcnemar_test({1, -1, 2, 3}).error().code, ErrorCode::invalid_argument);
}

TEST(PairedShareChange, MatchesNewcombeMethod10WrittenOutInR) {
    for (const auto& c : r_reference::kYesNo) {
        SCOPED_TRACE(c.name + " at " + std::to_string(c.level));
        const auto change = paired_share_change(table_of(c), c.level);
        ASSERT_TRUE(change.ok());
        EXPECT_NEAR(change->change, c.change, r_reference::relative(c.change));
        EXPECT_NEAR(change->interval.low, c.low, r_reference::relative(c.low));
        EXPECT_NEAR(change->interval.high, c.high, r_reference::relative(c.high));
        EXPECT_LE(change->interval.low, change->change);
        EXPECT_GE(change->interval.high, change->change);
    }
}

// Fagerland, Lydersen & Laake, Statistical Analysis of Contingency Tables (CRC, 2017),
// ch. 8: complete response before and after consolidation therapy (Cavo et al. 2012),
// 59, 6, 16, 80; Newcombe square-and-add interval for before − after: estimate −0.0621,
// 95% CI −0.1186 to −0.0046 (also the R package contingencytables' test-ch8.R).
// After − before mirrors it.
TEST(PairedShareChange, MatchesFagerlandsCavoExample) {
    const auto change = paired_share_change({59, 6, 16, 80});
    ASSERT_TRUE(change.ok());
    EXPECT_NEAR(change->change, 0.0621, 5e-5);
    EXPECT_NEAR(change->interval.low, 0.0046, 5e-5);
    EXPECT_NEAR(change->interval.high, 0.1186, 5e-5);
    EXPECT_NEAR(change->share_before, 65.0 / 161, 1e-15);
    EXPECT_NEAR(change->share_after, 75.0 / 161, 1e-15);
}

TEST(PairedShareChange, StaysWithinMinusOneAndOne) {
    const auto change = paired_share_change({0, 0, 20, 0});
    ASSERT_TRUE(change.ok());
    EXPECT_EQ(change->change, 1.0);
    EXPECT_EQ(change->interval.high, 1.0);
    EXPECT_GT(change->interval.low, 0.0);
}

TEST(PairedShareChange, RejectsImpossibleInput) {
    EXPECT_FALSE(paired_share_change({0, 0, 0, 0}).ok());
    EXPECT_FALSE(paired_share_change({1, 2, -3, 4}).ok());
    EXPECT_EQ(paired_share_change({1, 2, 3, 4}, 1.5).error().fields.at(0).field, "level");
}

}  // namespace
}  // namespace yardstick::evaluation
