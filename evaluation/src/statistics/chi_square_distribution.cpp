#include "yardstick/evaluation/statistics/chi_square_distribution.hpp"

#include <cmath>
#include <limits>

#include "yardstick/evaluation/statistics/special_functions.hpp"

namespace yardstick::evaluation {
namespace {

// For df = 1, X = Z² with Z standard normal, so P(X > x) = P(|Z| > √x) =
// erfc(√(x/2)) and P(X ≤ x) = erf(√(x/2)).
GammaTails tails(double x, double df) noexcept {
    if (std::isnan(x) || !(df > 0.0)) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan};
    }
    if (x <= 0.0) {
        return {0.0, 1.0};
    }
    if (df == 1.0) {
        const double root = std::sqrt(0.5 * x);
        return {std::erf(root), std::erfc(root)};
    }
    return incomplete_gamma(0.5 * df, 0.5 * x);
}

}  // namespace

double chi_square_cdf(double x, double df) noexcept {
    return tails(x, df).lower;
}

double chi_square_upper_tail(double x, double df) noexcept {
    return tails(x, df).upper;
}

}  // namespace yardstick::evaluation
