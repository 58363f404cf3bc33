#include "yardstick/evaluation/statistics/net_promoter_score.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "reference/r_reference.hpp"

namespace yardstick::evaluation {
namespace {

// The formula written out in R (make_reference.R) with R's qnorm().
TEST(NetPromoterScore, MatchesTheFormulaInR) {
    for (const auto& c : r_reference::kPromoters) {
        SCOPED_TRACE(::testing::Message()
                     << c.promoters << "/" << c.passives << "/" << c.detractors << " at " << c.level);
        const auto nps = net_promoter_score(c.promoters, c.passives, c.detractors, c.level);
        ASSERT_TRUE(nps.ok());
        EXPECT_EQ(nps->respondents, c.promoters + c.passives + c.detractors);
        EXPECT_NEAR(nps->score, c.score, r_reference::relative(c.score));
        EXPECT_NEAR(nps->interval.low, c.low, r_reference::relative(c.low));
        EXPECT_NEAR(nps->interval.high, c.high, r_reference::relative(c.high));
    }
}

// 50 promoters, 30 passives, 20 detractors: NPS 0.30, V = (0.5 + 0.2 − 0.09)/100 =
// 0.0061, half-width 1.959964 × 0.078102 = 0.153078.
TEST(NetPromoterScore, WorkedByHand) {
    const auto nps = net_promoter_score(50, 30, 20);
    ASSERT_TRUE(nps.ok());
    EXPECT_DOUBLE_EQ(nps->score, 0.3);
    EXPECT_NEAR(nps->interval.high - nps->score, 0.153078, 1e-6);
}

TEST(NetPromoterScore, ClampsToTheScale) {
    const auto nps = net_promoter_score(9, 0, 1);
    ASSERT_TRUE(nps.ok());
    EXPECT_EQ(nps->interval.high, 1.0);
    const auto all_promoters = net_promoter_score(10, 0, 0);
    EXPECT_EQ(all_promoters->score, 1.0);
    EXPECT_EQ(all_promoters->interval.low, 1.0);
    const auto all_detractors = net_promoter_score(0, 0, 5);
    EXPECT_EQ(all_detractors->interval.low, -1.0);
    EXPECT_EQ(all_detractors->interval.high, -1.0);
}

TEST(NetPromoterScore, RejectsImpossibleInput) {
    EXPECT_FALSE(net_promoter_score(0, 0, 0).ok());
    EXPECT_FALSE(net_promoter_score(-1, 3, 2).ok());
    EXPECT_EQ(net_promoter_score(1, 2, 3, 0.0).error().fields.at(0).field, "level");
}

}  // namespace
}  // namespace yardstick::evaluation
