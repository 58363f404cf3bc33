#pragma once
// Expected values computed by R (make_reference.R beside this file), as
// aggregates the tests iterate over. The values live in r_reference.inc.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace yardstick::evaluation::r_reference {

/// The tolerance for a value R printed with 17 significant digits: 1e-10
/// relative (with a floor for values at zero).
inline double relative(double expected) {
    return 1e-10 * (expected < 0 ? -expected : expected) + 1e-15;
}

struct StudentTCase {
    double t, df, cdf, upper_tail, density;  // pt(t, df), pt(.., lower.tail = FALSE), dt()
};
struct StudentTQuantileCase {
    double p, df, quantile;  // qt(p, df)
};
struct ChiSquareCase {
    double x, df, cdf, upper_tail;  // pchisq()
};
struct BetaCase {
    double a, b, x, lower, upper;  // pbeta(x, a, b), pbeta(.., lower.tail = FALSE)
};
struct MeanCase {
    std::string name;
    std::int64_t count, sum, sum_of_squares;
    double level, mean, sd, low, high;  // mean(), sd(), t.test(x, conf.level)$conf.int
};
struct LargeMeanCase {
    std::int64_t count, base, sum_of_offsets, sum_of_squared_offsets;  // x_i = base + offset_i
    double mean, sd, low, high;
};
struct PairedCase {
    std::string name;
    std::vector<std::pair<std::int64_t, std::int64_t>> histogram;  // after − before → pairs
    std::int64_t pairs, changed_pairs;
    double mean_difference;
    // wilcox.test(after, before, paired = TRUE, exact = FALSE, correct = TRUE)
    bool has_signed_rank;
    double positive_rank_sum, negative_rank_sum, z, signed_rank_p, rank_biserial;
    // t.test(after, before, paired = TRUE)
    bool has_t;
    double t, df, t_p, low, high, cohens_dz;
};
struct DepressionCase {
    std::vector<double> after, before;
    double positive_rank_sum, p_value;
};
struct YesNoCase {
    std::string name;
    std::int64_t yes_yes, yes_no, no_yes, no_no;
    bool has_test;  // mcnemar.test(matrix(c(a, c, b, d), 2), correct = TRUE)
    double chi_square, p_value;
    double level, change, low, high;  // Newcombe (1998) method 10, written out in R
};
struct PromoterCase {
    std::int64_t promoters, passives, detractors;
    double level, score, low, high;
};
struct KappaCase {
    std::string name;
    std::size_t categories;
    std::vector<std::int64_t> counts;  // row by row
    double observed, chance;
    bool has_kappa;
    double kappa;
};

#include "r_reference.inc"

}  // namespace yardstick::evaluation::r_reference
