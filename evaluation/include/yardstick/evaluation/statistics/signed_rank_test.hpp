#pragma once
// Wilcoxon's signed-rank test of before/after answers, with the matched-pairs
// rank-biserial correlation as its effect size.

#include <cstdint>
#include <optional>
#include <span>

#include "yardstick/domain/result.hpp"
#include "yardstick/evaluation/statistics/confidence_interval.hpp"
#include "yardstick/evaluation/statistics/difference_histogram.hpp"

namespace yardstick::evaluation {

/// The normal approximation of the signed-rank statistic.
struct SignedRankTest {
    double z = 0;        ///< continuity-corrected, tie-corrected standard score of V
    double p_value = 0;  ///< two-sided
};

/// Rank sums of the non-zero differences after − before and, where there are
/// any, the test and the effect size.
struct SignedRankComparison {
    std::int64_t pairs = 0;          ///< all pairs, including those that did not change
    std::int64_t changed_pairs = 0;  ///< pairs with a non-zero difference: the n of the test
    double positive_rank_sum = 0;    ///< R+, R's V
    double negative_rank_sum = 0;    ///< R−
    /// (R+ − R−) / (R+ + R−) in [−1, 1]: Kerby (2014), "The simple difference formula",
    /// Comprehensive Psychology 3, 11.IT.3.1; as effectsize::rank_biserial(after, before,
    /// paired = TRUE) in R, which also drops the zero differences.
    std::optional<double> rank_biserial;
    std::optional<SignedRankTest> test;
    std::optional<Unavailable> no_test_because;  ///< set exactly when `test` is absent
};

/// Exactly R's wilcox.test(after, before, paired = TRUE, exact = FALSE, correct = TRUE):
/// zero differences dropped, ties of |d| given their average rank, V = R+, the variance
/// n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups of size t, z = (V − n(n+1)/4 ∓ ½)/σ
/// with the ½ towards zero, p = 2·Φ(−|z|). (Hollander & Wolfe, Nonparametric
/// Statistical Methods, 1973, §3.1; R's src/library/stats/R/wilcox.test.R.)
/// All differences zero gives no test (all_differences_zero). Errors: no pairs, a
/// negative count.
Result<SignedRankComparison> wilcoxon_signed_rank(const DifferenceHistogram& differences);

/// The same from raw paired values (for answers that are not whole numbers, and for
/// checking against published examples). Errors also when the lengths differ or a
/// value is not finite.
Result<SignedRankComparison> wilcoxon_signed_rank(std::span<const double> after, std::span<const double> before);

}  // namespace yardstick::evaluation
