#pragma once
// The paired t-test of before/after answers on a numeric scale, with the mean
// change, its interval and the standardized effect d_z.

#include <cstdint>
#include <optional>

#include "yardstick/domain/result.hpp"
#include "yardstick/evaluation/statistics/confidence_interval.hpp"
#include "yardstick/evaluation/statistics/difference_histogram.hpp"

namespace yardstick::evaluation {

/// The test statistic and its two-sided p-value.
struct PairedTTest {
    double t = 0;
    double degrees_of_freedom = 0;  ///< pairs − 1
    double p_value = 0;             ///< two-sided
};

/// The mean change after − before and, where the data allow, its test.
struct PairedMeanChange {
    std::int64_t pairs = 0;
    double mean_difference = 0;
    std::optional<double> standard_deviation;  ///< SD of the differences; absent for one pair
    std::optional<ConfidenceInterval> interval;
    std::optional<double> cohens_dz;  ///< mean(d) / sd(d) (Cohen 1988, §2.3.5)
    std::optional<PairedTTest> test;
    std::optional<Unavailable> no_test_because;  ///< set exactly when `test` is absent
};

/// As R's t.test(after, before, paired = TRUE, conf.level = level), from the number
/// of pairs and the sums of the differences d = after − before and of d². One pair
/// gives single_observation; identical differences (sd = 0) give no_variation, and
/// then neither test, interval nor d_z. Errors as mean_interval().
Result<PairedMeanChange> paired_t_test(std::int64_t pairs, std::int64_t sum_of_differences,
                                       std::int64_t sum_of_squared_differences, double level = 0.95);

/// The same from a histogram of the differences. Errors also for a negative count
/// and sums beyond 64 bits.
Result<PairedMeanChange> paired_t_test(const DifferenceHistogram& differences, double level = 0.95);

}  // namespace yardstick::evaluation
