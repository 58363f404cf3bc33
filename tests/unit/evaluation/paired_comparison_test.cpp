// The paired tests of numeric before/after answers: Wilcoxon's signed-rank test
// and the paired t-test, against R and against published examples.

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "reference/r_reference.hpp"
#include "yardstick/evaluation/statistics/paired_t_test.hpp"
#include "yardstick/evaluation/statistics/signed_rank_test.hpp"

namespace yardstick::evaluation {
namespace {

double relative(double expected) {
    return 1e-9 * std::fabs(expected) + 1e-14;
}

DifferenceHistogram histogram_of(const r_reference::PairedCase& c) {
    DifferenceHistogram histogram;
    for (const auto& [difference, count] : c.histogram) {
        histogram[difference] = count;
    }
    return histogram;
}

TEST(SignedRank, MatchesRsWilcoxTest) {
    for (const auto& c : r_reference::kPaired) {
        SCOPED_TRACE(c.name);
        const auto comparison = wilcoxon_signed_rank(histogram_of(c));
        ASSERT_TRUE(comparison.ok());
        EXPECT_EQ(comparison->pairs, c.pairs);
        EXPECT_EQ(comparison->changed_pairs, c.changed_pairs);
        ASSERT_EQ(comparison->test.has_value(), c.has_signed_rank);
        EXPECT_EQ(comparison->no_test_because.has_value(), !c.has_signed_rank);
        if (!c.has_signed_rank) {
            continue;
        }
        EXPECT_EQ(comparison->positive_rank_sum, c.positive_rank_sum);
        EXPECT_EQ(comparison->negative_rank_sum, c.negative_rank_sum);
        EXPECT_NEAR(comparison->test->z, c.z, relative(c.z));
        EXPECT_NEAR(comparison->test->p_value, c.signed_rank_p, relative(c.signed_rank_p));
        ASSERT_TRUE(comparison->rank_biserial.has_value());
        EXPECT_NEAR(*comparison->rank_biserial, c.rank_biserial, relative(c.rank_biserial));
    }
}

// The raw-value overload ranks the same differences the same way.
TEST(SignedRank, RawValuesAgreeWithTheHistogram) {
    for (const auto& c : r_reference::kPaired) {
        std::vector<double> after;
        for (const auto& [difference, count] : c.histogram) {
            after.insert(after.end(), static_cast<std::size_t>(count), static_cast<double>(difference));
        }
        const std::vector<double> before(after.size(), 0.0);
        const auto from_values = wilcoxon_signed_rank(after, before);
        const auto from_histogram = wilcoxon_signed_rank(histogram_of(c));
        ASSERT_TRUE(from_values.ok() && from_histogram.ok()) << c.name;
        EXPECT_EQ(from_values->positive_rank_sum, from_histogram->positive_rank_sum) << c.name;
        EXPECT_EQ(from_values->test.has_value(), from_histogram->test.has_value()) << c.name;
    }
}

// Hollander & Wolfe, Nonparametric Statistical Methods (1973), p. 29, the
// Hamilton depression scale before (x) and after (y) tranquilliser therapy, as
// in R's ?wilcox.test: T+ = 40 for x − y (R: V = 40). Here after − before, so
// R+ = 5 and R− = 40; the p-value is R's normal approximation.
TEST(SignedRank, MatchesHollanderAndWolfe) {
    const auto& c = r_reference::kDepression;
    const auto comparison = wilcoxon_signed_rank(c.after, c.before);
    ASSERT_TRUE(comparison.ok());
    EXPECT_EQ(comparison->negative_rank_sum, 40.0);
    EXPECT_EQ(comparison->positive_rank_sum, c.positive_rank_sum);
    EXPECT_NEAR(comparison->test->p_value, c.p_value, relative(c.p_value));
    EXPECT_NEAR(*comparison->rank_biserial, (5.0 - 40.0) / 45.0, 1e-15);
}

TEST(SignedRank, AllUnchangedHasNoTest) {
    const auto comparison = wilcoxon_signed_rank(DifferenceHistogram{{0, 12}});
    ASSERT_TRUE(comparison.ok());
    EXPECT_EQ(comparison->pairs, 12);
    EXPECT_EQ(comparison->changed_pairs, 0);
    EXPECT_FALSE(comparison->test.has_value());
    EXPECT_FALSE(comparison->rank_biserial.has_value());
    EXPECT_EQ(comparison->no_test_because, Unavailable::all_differences_zero);
}

TEST(SignedRank, RejectsImpossibleInput) {
    EXPECT_FALSE(wilcoxon_signed_rank(DifferenceHistogram{}).ok());
    EXPECT_FALSE(wilcoxon_signed_rank(DifferenceHistogram{{1, 0}}).ok());
    EXPECT_FALSE(wilcoxon_signed_rank(DifferenceHistogram{{1, -3}}).ok());
    const std::vector<double> two{1.0, 2.0};
    const std::vector<double> three{1.0, 2.0, 3.0};
    EXPECT_FALSE(wilcoxon_signed_rank(two, three).ok());
    const std::vector<double> not_a_number{1.0, std::nan("")};
    EXPECT_FALSE(wilcoxon_signed_rank(not_a_number, two).ok());
}

TEST(PairedT, MatchesRsTTest) {
    for (const auto& c : r_reference::kPaired) {
        SCOPED_TRACE(c.name);
        const auto change = paired_t_test(histogram_of(c));
        ASSERT_TRUE(change.ok());
        EXPECT_EQ(change->pairs, c.pairs);
        EXPECT_NEAR(change->mean_difference, c.mean_difference, relative(c.mean_difference));
        ASSERT_EQ(change->test.has_value(), c.has_t);
        EXPECT_EQ(change->no_test_because.has_value(), !c.has_t);
        if (!c.has_t) {
            EXPECT_FALSE(change->interval.has_value());
            EXPECT_FALSE(change->cohens_dz.has_value());
            continue;
        }
        EXPECT_NEAR(change->test->t, c.t, relative(c.t));
        EXPECT_EQ(change->test->degrees_of_freedom, c.df);
        EXPECT_NEAR(change->test->p_value, c.t_p, relative(c.t_p));
        EXPECT_NEAR(change->interval->low, c.low, relative(c.low));
        EXPECT_NEAR(change->interval->high, c.high, relative(c.high));
        EXPECT_NEAR(*change->cohens_dz, c.cohens_dz, relative(c.cohens_dz));
    }
}

// Student's sleep data (Student, Biometrika 6 (1908) 1–25, as Cushny & Peebles'
// hours of extra sleep; R's ?t.test and ?sleep): differences of drug 2 over drug 1
// in tenths of an hour. R prints t = −4.0621, df = 9, p-value = 0.002833,
// 95% CI −2.4598858 −0.7001142, mean difference −1.58 for group 1 − group 2.
TEST(PairedT, MatchesStudentsSleepData) {
    DifferenceHistogram tenths;
    for (std::int64_t d : {12, 24, 13, 13, 0, 10, 18, 8, 46, 14}) {
        ++tenths[d];
    }
    const auto change = paired_t_test(tenths);
    ASSERT_TRUE(change.ok());
    EXPECT_NEAR(change->mean_difference / 10, 1.58, 1e-12);
    EXPECT_NEAR(change->test->t, 4.0621, 5e-5);
    EXPECT_EQ(change->test->degrees_of_freedom, 9.0);
    EXPECT_NEAR(change->test->p_value, 0.002833, 5e-7);
    EXPECT_NEAR(change->interval->low / 10, 0.7001142, 5e-8);
    EXPECT_NEAR(change->interval->high / 10, 2.4598858, 5e-8);
}

TEST(PairedT, NeedsTwoPairsAndSomeSpread) {
    const auto one = paired_t_test(1, 3, 9);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->mean_difference, 3.0);
    EXPECT_EQ(one->no_test_because, Unavailable::single_observation);
    const auto constant = paired_t_test(DifferenceHistogram{{1, 5}});
    ASSERT_TRUE(constant.ok());
    EXPECT_EQ(constant->standard_deviation, 0.0);
    EXPECT_EQ(constant->no_test_because, Unavailable::no_variation);
    EXPECT_FALSE(paired_t_test(0, 0, 0).ok());
    EXPECT_FALSE(paired_t_test(DifferenceHistogram{{2, -1}}).ok());
    EXPECT_FALSE(paired_t_test(DifferenceHistogram{{std::int64_t{1} << 40, 1 << 30}}).ok());  // Σd² beyond 64 bits
}

}  // namespace
}  // namespace yardstick::evaluation
