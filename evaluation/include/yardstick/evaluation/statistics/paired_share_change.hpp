#pragma once
// The change in the share answering yes, after − before, for the same people,
// with Newcombe's interval for a difference of paired proportions.

#include <cstdint>

#include "yardstick/domain/result.hpp"
#include "yardstick/evaluation/statistics/confidence_interval.hpp"
#include "yardstick/evaluation/statistics/paired_yes_no_table.hpp"

namespace yardstick::evaluation {

struct PairedShareChange {
    std::int64_t pairs = 0;
    double share_before = 0;      ///< (yes_yes + yes_no) / pairs
    double share_after = 0;       ///< (yes_yes + no_yes) / pairs
    double change = 0;            ///< share_after − share_before = (no_yes − yes_no) / pairs
    ConfidenceInterval interval;  ///< within [−1, 1]
};

/// Newcombe's method 10 (R. G. Newcombe, "Improved confidence intervals for the
/// difference between binomial proportions based on paired data", Statistics in
/// Medicine 17 (1998) 2635–2650): the square-and-add combination of the Wilson
/// intervals of the two shares, with the correlation φ between them estimated
/// with Newcombe's continuity correction. As Fagerland, Lydersen & Laake,
/// Statistical Analysis of Contingency Tables (2017), §8.5, and their R package
/// contingencytables' Newcombe_square_and_add_CI_paired_2x2(). Errors: no pairs,
/// a negative count, level outside (0, 1).
Result<PairedShareChange> paired_share_change(const PairedYesNoTable& table, double level = 0.95);

}  // namespace yardstick::evaluation
