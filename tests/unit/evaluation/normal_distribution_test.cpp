#include "yardstick/evaluation/statistics/normal_distribution.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace yardstick::evaluation {
namespace {

// Reference values: R 4.2, qnorm() printed with digits = 17.
TEST(NormalQuantile, MatchesR) {
    EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-15);
    EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-16);
    EXPECT_NEAR(normal_quantile(0.95), 1.6448536269514722, 1e-15);
    EXPECT_NEAR(normal_quantile(0.005), -2.5758293035489004, 1e-14);
    EXPECT_NEAR(normal_quantile(1e-10), -6.3613409024040557, 1e-12);
}

TEST(NormalQuantile, HandlesTheEdges) {
    EXPECT_TRUE(std::isinf(normal_quantile(0.0)) && normal_quantile(0.0) < 0);
    EXPECT_TRUE(std::isinf(normal_quantile(1.0)) && normal_quantile(1.0) > 0);
    EXPECT_TRUE(std::isnan(normal_quantile(-0.1)));
    EXPECT_TRUE(std::isnan(normal_quantile(1.5)));
}

TEST(NormalCdf, InvertsTheQuantile) {
    for (double p : {0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999}) {
        EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-14) << p;
    }
}

}  // namespace
}  // namespace yardstick::evaluation
