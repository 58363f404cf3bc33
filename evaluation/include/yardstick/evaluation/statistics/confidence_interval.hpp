#pragma once
// A two-sided confidence interval, and the reasons a statistic can be missing.

#include <string_view>

namespace yardstick::evaluation {

/// The bounds of a two-sided confidence interval, in the units of its estimate.
struct ConfidenceInterval {
    double low = 0;
    double high = 0;
};

/// Why a test or an interval could not be computed from data that are
/// otherwise valid. Reports show the reason instead of a number: a missing
/// figure is never NaN.
enum class Unavailable {
    single_observation,      ///< one observation or pair: no spread to estimate
    no_variation,            ///< every value (or difference) is the same: the standard deviation is 0
    all_differences_zero,    ///< every pair answered the same before and after: nothing to rank
    no_discordant_pairs,     ///< nobody changed their yes/no answer: McNemar's test has nothing to compare
    chance_agreement_total,  ///< both raters used one and the same category: kappa is 0/0
};

/// A sentence for a report explaining the reason.
std::string_view explain(Unavailable reason) noexcept;

}  // namespace yardstick::evaluation
