#pragma once
// The Wilson score interval for a single proportion.

#include <cstdint>

#include "yardstick/domain/result.hpp"

namespace yardstick::evaluation {

/// A two-sided confidence interval for a proportion, as fractions in [0, 1].
struct ProportionInterval {
    double estimate = 0;  ///< successes / trials
    double low = 0;
    double high = 0;
};

/// Wilson score interval without continuity correction (E. B. Wilson, JASA 22, 1927;
/// method 3 in R. G. Newcombe, Statistics in Medicine 17, 1998, 857–872), as R's
/// prop.test(x, n, correct = FALSE)$conf.int. `level` is the confidence level,
/// e.g. 0.95. Errors: trials = 0, successes > trials, or level outside (0, 1).
Result<ProportionInterval> wilson_interval(std::int64_t successes, std::int64_t trials, double level = 0.95);

}  // namespace yardstick::evaluation
