#include "yardstick/evaluation/statistics/paired_t_test.hpp"

#include <cmath>
#include <limits>

#include "wide_integer.hpp"
#include "yardstick/evaluation/statistics/mean_interval.hpp"
#include "yardstick/evaluation/statistics/student_t_distribution.hpp"

namespace yardstick::evaluation {

Result<PairedMeanChange> paired_t_test(std::int64_t pairs, std::int64_t sum_of_differences,
                                       std::int64_t sum_of_squared_differences, double level) {
    // The paired t-test is the one-sample t-test of the differences (Student 1908).
    auto mean = mean_interval(pairs, sum_of_differences, sum_of_squared_differences, level);
    if (!mean.ok()) {
        return std::move(mean).error();
    }
    PairedMeanChange change;
    change.pairs = pairs;
    change.mean_difference = mean->mean;
    change.standard_deviation = mean->standard_deviation;
    change.interval = mean->interval;
    if (!mean->interval) {
        change.no_test_because = mean->no_interval_because;
        return change;
    }
    const double sd = *mean->standard_deviation;
    const double df = static_cast<double>(pairs - 1);
    const double t = mean->mean / (sd / std::sqrt(static_cast<double>(pairs)));
    change.test = PairedTTest{t, df, student_t_two_sided_p(t, df)};
    change.cohens_dz = mean->mean / sd;
    return change;
}

Result<PairedMeanChange> paired_t_test(const DifferenceHistogram& differences, double level) {
    // Accumulated in 128 bits and checked after every step: each term is below
    // 2^126 once d² is known to fit in 64 bits, so nothing can wrap unseen.
    constexpr WideInteger kLargest = std::numeric_limits<std::int64_t>::max();
    WideInteger pairs = 0;
    WideInteger sum = 0;
    WideInteger sum_of_squares = 0;
    for (const auto& [difference, count] : differences) {
        if (count < 0) {
            return Error::invalid("differences", "a count of pairs cannot be negative");
        }
        if (count == 0) {
            continue;
        }
        const WideInteger square = static_cast<WideInteger>(difference) * difference;
        pairs += count;
        sum += static_cast<WideInteger>(difference) * count;
        sum_of_squares += square > kLargest ? kLargest + 1 : square * count;
        if (pairs > kLargest || sum > kLargest || -sum > kLargest || sum_of_squares > kLargest) {
            return Error::invalid("differences", "the sums of the differences exceed 64 bits");
        }
    }
    return paired_t_test(static_cast<std::int64_t>(pairs), static_cast<std::int64_t>(sum),
                         static_cast<std::int64_t>(sum_of_squares), level);
}

}  // namespace yardstick::evaluation
