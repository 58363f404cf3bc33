#pragma once
// Cohen's kappa: agreement between two raters beyond what chance would give.

#include <cstdint>
#include <optional>
#include <vector>

#include "yardstick/domain/result.hpp"
#include "yardstick/evaluation/statistics/confidence_interval.hpp"

namespace yardstick::evaluation {

struct Agreement {
    std::int64_t ratings = 0;                     ///< n: items rated by both raters
    double observed_agreement = 0;                ///< p_o: share on the diagonal
    double chance_agreement = 0;                  ///< p_e = Σ row_i · column_i / n²
    std::optional<double> kappa;                  ///< (p_o − p_e) / (1 − p_e)
    std::optional<Unavailable> no_kappa_because;  ///< set exactly when `kappa` is absent
};

/// Cohen's kappa (J. Cohen, "A coefficient of agreement for nominal scales",
/// Educational and Psychological Measurement 20 (1960) 37–46, eq. 1) from a k×k
/// table: table[i][j] = items put in category i by the first rater and j by the
/// second. p_e = 1 happens only when both raters used a single, the same, category;
/// kappa is then 0/0 (chance_agreement_total). Errors: an empty or non-square table,
/// a negative count, no ratings.
Result<Agreement> cohens_kappa(const std::vector<std::vector<std::int64_t>>& table);

}  // namespace yardstick::evaluation
