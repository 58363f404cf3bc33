#include <algorithm>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "reference/r_reference.hpp"
#include "yardstick/evaluation/statistics/chi_square_distribution.hpp"
#include "yardstick/evaluation/statistics/special_functions.hpp"
#include "yardstick/evaluation/statistics/student_t_distribution.hpp"

namespace yardstick::evaluation {
namespace {

// Relative agreement with R to 1e-10 (R prints 17 significant digits); values
// that underflow in R must underflow here too.
::testing::AssertionResult matches(double actual, double expected, double relative = 1e-10) {
    if (expected == 0.0 ? std::fabs(actual) < 1e-300 : std::fabs(actual - expected) <= relative * std::fabs(expected)) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << actual << " vs R " << expected << " (relative error "
                                         << std::fabs(actual - expected) / std::fabs(expected) << ")";
}

TEST(StudentT, MatchesRsPt) {
    for (const auto& c : r_reference::kStudentT) {
        SCOPED_TRACE(::testing::Message() << "t = " << c.t << ", df = " << c.df);
        EXPECT_TRUE(matches(student_t_cdf(c.t, c.df), c.cdf));
        EXPECT_TRUE(matches(student_t_upper_tail(c.t, c.df), c.upper_tail));
        EXPECT_TRUE(matches(student_t_density(c.t, c.df), c.density));
        EXPECT_TRUE(matches(student_t_two_sided_p(c.t, c.df), 2.0 * std::min(c.cdf, c.upper_tail)));
    }
}

TEST(StudentT, MatchesRsQt) {
    for (const auto& c : r_reference::kStudentTQuantile) {
        SCOPED_TRACE(::testing::Message() << "p = " << c.p << ", df = " << c.df);
        EXPECT_TRUE(matches(student_t_quantile(c.p, c.df), c.quantile));
    }
}

// Textbook table values: t_{0.975} for 1, 10 and 30 degrees of freedom
// (Abramowitz & Stegun, Table 26.10: 12.706, 2.228, 2.042).
TEST(StudentT, MatchesThePrintedTable) {
    EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706, 5e-4);
    EXPECT_NEAR(student_t_quantile(0.975, 10), 2.228, 5e-4);
    EXPECT_NEAR(student_t_quantile(0.975, 30), 2.042, 5e-4);
}

TEST(StudentT, HandlesTheEdges) {
    EXPECT_TRUE(std::isnan(student_t_cdf(1.0, 0.0)));
    EXPECT_TRUE(std::isnan(student_t_cdf(std::nan(""), 3.0)));
    EXPECT_TRUE(std::isnan(student_t_quantile(1.5, 3.0)));
    EXPECT_EQ(student_t_cdf(std::numeric_limits<double>::infinity(), 3.0), 1.0);
    EXPECT_EQ(student_t_cdf(-std::numeric_limits<double>::infinity(), 3.0), 0.0);
    EXPECT_TRUE(std::isinf(student_t_quantile(1.0, 3.0)));
    EXPECT_EQ(student_t_quantile(0.5, 7.0), 0.0);
    for (double df : {1.0, 2.0, 3.0, 12.5, 500.0}) {
        for (double p : {0.001, 0.2, 0.6, 0.99}) {
            EXPECT_NEAR(student_t_cdf(student_t_quantile(p, df), df), p, 1e-14 + 1e-12 * p) << df << " " << p;
        }
    }
}

TEST(ChiSquare, MatchesRsPchisq) {
    for (const auto& c : r_reference::kChiSquare) {
        SCOPED_TRACE(::testing::Message() << "x = " << c.x << ", df = " << c.df);
        EXPECT_TRUE(matches(chi_square_cdf(c.x, c.df), c.cdf));
        EXPECT_TRUE(matches(chi_square_upper_tail(c.x, c.df), c.upper_tail));
    }
    EXPECT_EQ(chi_square_upper_tail(0.0, 1.0), 1.0);
    EXPECT_TRUE(std::isnan(chi_square_cdf(1.0, -1.0)));
}

TEST(IncompleteBeta, MatchesRsPbeta) {
    for (const auto& c : r_reference::kIncompleteBeta) {
        SCOPED_TRACE(::testing::Message() << "a = " << c.a << ", b = " << c.b << ", x = " << c.x);
        const auto tails = incomplete_beta(c.a, c.b, c.x, 1.0 - c.x);
        EXPECT_TRUE(matches(tails.lower, c.lower, 1e-9));
        EXPECT_TRUE(matches(tails.upper, c.upper, 1e-9));
    }
}

}  // namespace
}  // namespace yardstick::evaluation
