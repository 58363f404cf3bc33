#pragma once
// The Net Promoter Score of a 0–10 recommendation question, with its interval.

#include <cstdint>

#include "yardstick/domain/result.hpp"
#include "yardstick/evaluation/statistics/confidence_interval.hpp"

namespace yardstick::evaluation {

struct NetPromoterScore {
    std::int64_t respondents = 0;
    double score = 0;             ///< share of promoters − share of detractors, in [−1, 1]
    ConfidenceInterval interval;  ///< clamped to [−1, 1]
};

/// NPS = p_P − p_D, promoters answering 9–10, detractors 0–6 (Reichheld, "The one
/// number you need to grow", Harvard Business Review 81(12), 2003), as a fraction
/// (multiply by 100 for the usual −100…100). The interval is the Wald interval
/// NPS ± z_{1−α/2} √V with V = (p_P + p_D − (p_P − p_D)²) / n: the variance of a
/// difference of two multinomial shares, Var(p̂_P) + Var(p̂_D) − 2 Cov(p̂_P, p̂_D)
/// with Cov = −p_P p_D / n (Agresti, Categorical Data Analysis, 3rd ed., 2013, §1.2.2
/// and §16.1), as given for the NPS by B. Rocks, "Interval estimation for the 'Net
/// Promoter Score'", The American Statistician 70(4) (2016) 365–372, §2. When all
/// answers fall in one group V = 0 and the interval is the point. Errors: a negative
/// count, no respondents, level outside (0, 1).
Result<NetPromoterScore> net_promoter_score(std::int64_t promoters, std::int64_t passives, std::int64_t detractors,
                                            double level = 0.95);

}  // namespace yardstick::evaluation
