#include "yardstick/evaluation/statistics/mean_interval.hpp"

#include <cmath>

#include "wide_integer.hpp"
#include "yardstick/evaluation/statistics/student_t_distribution.hpp"

namespace yardstick::evaluation {

Result<MeanEstimate> mean_interval(std::int64_t count, std::int64_t sum, std::int64_t sum_of_squares, double level) {
    if (count <= 0) {
        return Error::invalid("count", "a mean needs at least one answer");
    }
    if (sum_of_squares < 0) {
        return Error::invalid("sum_of_squares", "a sum of squares cannot be negative");
    }
    if (!(level > 0.0 && level < 1.0)) {
        return Error::invalid("level", "the confidence level must lie strictly between 0 and 1");
    }
    // n·Σ(x − x̄)² = n·Σx² − (Σx)², exact in 128 bits; it is never negative for real
    // data (Cauchy–Schwarz), so a negative value means inconsistent sums.
    const WideInteger n = count;
    const WideInteger spread = n * sum_of_squares - static_cast<WideInteger>(sum) * sum;
    if (spread < 0) {
        return Error::invalid("sum_of_squares", "the sum of squares is too small for the sum and count");
    }
    MeanEstimate estimate;
    estimate.count = count;
    estimate.mean = static_cast<double>(static_cast<long double>(sum) / count);
    if (count == 1) {
        estimate.no_interval_because = Unavailable::single_observation;
        return estimate;
    }
    // s² = [n·Σx² − (Σx)²] / [n (n − 1)]; one rounding in long double, one to double.
    const long double variance =
        static_cast<long double>(spread) / (static_cast<long double>(count) * static_cast<long double>(count - 1));
    const double sd = static_cast<double>(std::sqrt(variance));
    estimate.standard_deviation = sd;
    if (spread == 0) {
        estimate.no_interval_because = Unavailable::no_variation;
        return estimate;
    }
    const double t = student_t_quantile(1.0 - (1.0 - level) / 2.0, static_cast<double>(count - 1));
    const double half_width = t * sd / std::sqrt(static_cast<double>(count));
    estimate.interval = ConfidenceInterval{estimate.mean - half_width, estimate.mean + half_width};
    return estimate;
}

}  // namespace yardstick::evaluation
