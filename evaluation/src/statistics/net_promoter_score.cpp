#include "yardstick/evaluation/statistics/net_promoter_score.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "yardstick/evaluation/statistics/normal_distribution.hpp"

namespace yardstick::evaluation {

Result<NetPromoterScore> net_promoter_score(std::int64_t promoters, std::int64_t passives, std::int64_t detractors,
                                            double level) {
    constexpr std::int64_t kLimit = std::numeric_limits<std::int64_t>::max() / 3;
    if (promoters < 0 || passives < 0 || detractors < 0) {
        return Error::invalid("counts", "a count of respondents cannot be negative");
    }
    if (promoters > kLimit || passives > kLimit || detractors > kLimit) {
        return Error::invalid("counts", "the counts are too large");
    }
    const std::int64_t respondents = promoters + passives + detractors;
    if (respondents == 0) {
        return Error::invalid("counts", "a Net Promoter Score needs at least one respondent");
    }
    if (!(level > 0.0 && level < 1.0)) {
        return Error::invalid("level", "the confidence level must lie strictly between 0 and 1");
    }
    const double n = static_cast<double>(respondents);
    const double promoter_share = static_cast<double>(promoters) / n;
    const double detractor_share = static_cast<double>(detractors) / n;
    NetPromoterScore nps;
    nps.respondents = respondents;
    nps.score = static_cast<double>(promoters - detractors) / n;
    // Rounding can leave a tiny negative variance when all answers are in one group.
    const double variance = std::max(0.0, (promoter_share + detractor_share - nps.score * nps.score) / n);
    const double half_width = normal_quantile(1.0 - (1.0 - level) / 2.0) * std::sqrt(variance);
    nps.interval = ConfidenceInterval{std::max(-1.0, nps.score - half_width), std::min(1.0, nps.score + half_width)};
    return nps;
}

}  // namespace yardstick::evaluation
