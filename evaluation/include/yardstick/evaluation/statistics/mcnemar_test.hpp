#pragma once
// McNemar's test for a change in a yes/no answer between before and after.

#include <cstdint>
#include <optional>

#include "yardstick/domain/result.hpp"
#include "yardstick/evaluation/statistics/confidence_interval.hpp"
#include "yardstick/evaluation/statistics/paired_yes_no_table.hpp"

namespace yardstick::evaluation {

/// The statistic (chi-square with one degree of freedom) and its p-value.
struct McNemarTest {
    double chi_square = 0;
    double p_value = 0;
};

struct McNemarResult {
    std::int64_t discordant_pairs = 0;  ///< yes_no + no_yes: the only pairs the test uses
    std::optional<McNemarTest> test;
    std::optional<Unavailable> no_test_because;  ///< set exactly when `test` is absent
};

/// Exactly R's mcnemar.test(matrix(c(a, c, b, d), 2), correct = TRUE): with b = yes_no
/// and c = no_yes, χ² = (|b − c| − 1)² / (b + c), except that R drops the continuity
/// correction when b = c (its test `any(x - t(x) != 0)`), giving χ² = 0. McNemar,
/// Psychometrika 12 (1947) 153–157; the correction is Edwards, Psychometrika 13 (1948)
/// 185–187. No discordant pairs gives no test (no_discordant_pairs). Errors: a negative
/// count.
Result<McNemarResult> mcnemar_test(const PairedYesNoTable& table);

}  // namespace yardstick::evaluation
