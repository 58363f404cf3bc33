#include "yardstick/evaluation/statistics/wilson_interval.hpp"

#include <algorithm>
#include <cmath>

#include "yardstick/evaluation/statistics/normal_distribution.hpp"

namespace yardstick::evaluation {

Result<ProportionInterval> wilson_interval(std::int64_t successes, std::int64_t trials, double level) {
    if (trials <= 0) {
        return Error::invalid("trials", "a proportion needs at least one trial");
    }
    if (successes < 0 || successes > trials) {
        return Error::invalid("successes", "successes must lie between 0 and the number of trials");
    }
    if (!(level > 0.0 && level < 1.0)) {
        return Error::invalid("level", "the confidence level must lie strictly between 0 and 1");
    }
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    const double z = normal_quantile(1.0 - (1.0 - level) / 2.0);
    const double z2 = z * z;
    // Newcombe (1998), eq. for method 3: (2np + z² ± z√(z² + 4np(1−p))) / 2(n + z²).
    const double centre = 2.0 * n * p + z2;
    const double spread = z * std::sqrt(z2 + 4.0 * n * p * (1.0 - p));
    const double denominator = 2.0 * (n + z2);
    ProportionInterval interval;
    interval.estimate = p;
    // At p = 0 or 1 the bound is exactly 0 or 1; clamp the rounding residue.
    interval.low = successes == 0 ? 0.0 : std::max(0.0, (centre - spread) / denominator);
    interval.high = successes == trials ? 1.0 : std::min(1.0, (centre + spread) / denominator);
    return interval;
}

}  // namespace yardstick::evaluation
