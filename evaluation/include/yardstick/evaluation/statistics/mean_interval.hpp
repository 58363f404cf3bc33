#pragma once
// The mean of a numeric answer with its t-based confidence interval, from the
// sufficient statistics a report keeps: the count, the sum and the sum of squares.

#include <cstdint>
#include <optional>

#include "yardstick/domain/result.hpp"
#include "yardstick/evaluation/statistics/confidence_interval.hpp"

namespace yardstick::evaluation {

/// A sample mean and, where the data allow, its spread and interval.
struct MeanEstimate {
    std::int64_t count = 0;
    double mean = 0;
    std::optional<double> standard_deviation;  ///< sample SD (divisor n − 1); absent for n = 1
    std::optional<ConfidenceInterval> interval;
    std::optional<Unavailable> no_interval_because;  ///< set exactly when `interval` is absent
};

/// Mean, sample standard deviation and the interval mean ± t_{1−α/2, n−1} · sd/√n,
/// as R's mean(x), sd(x) and t.test(x, conf.level = level)$conf.int. The sums are
/// of whole-number answers (scale decimals to integers first); they are combined
/// in exact 128-bit integer arithmetic, so large counts lose nothing to cancellation.
///
/// n = 1 gives the mean without a spread or an interval (single_observation); equal
/// answers give sd = 0 and no interval (no_variation; R's t.test() refuses these too).
/// Errors: count ≤ 0, a negative sum of squares, sums no real data can have
/// (n·Σx² < (Σx)²), or level outside (0, 1).
Result<MeanEstimate> mean_interval(std::int64_t count, std::int64_t sum, std::int64_t sum_of_squares,
                                   double level = 0.95);

}  // namespace yardstick::evaluation
