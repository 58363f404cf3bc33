#include "yardstick/evaluation/statistics/signed_rank_test.hpp"

#include <cmath>
#include <limits>
#include <map>

#include "yardstick/evaluation/statistics/normal_distribution.hpp"

namespace yardstick::evaluation {
namespace {

// Pairs that share one absolute difference |d|: one tie group of the ranking.
struct TieGroup {
    std::int64_t positive = 0;
    std::int64_t negative = 0;
};

// The test from the tie groups in increasing order of |d| (zeros excluded).
template <typename Key>
SignedRankComparison compare(const std::map<Key, TieGroup>& groups, std::int64_t pairs) {
    SignedRankComparison comparison;
    comparison.pairs = pairs;
    long double ranked = 0;  // pairs ranked so far
    long double positive_sum = 0;
    long double negative_sum = 0;
    long double tie_correction = 0;  // Σ(t³ − t)
    for (const auto& [magnitude, group] : groups) {
        const long double size = static_cast<long double>(group.positive) + group.negative;
        // The group occupies ranks ranked + 1 … ranked + size; each gets their average.
        const long double average_rank = ranked + (size + 1) / 2;
        positive_sum += group.positive * average_rank;
        negative_sum += group.negative * average_rank;
        tie_correction += size * size * size - size;
        ranked += size;
    }
    comparison.changed_pairs = static_cast<std::int64_t>(ranked);
    comparison.positive_rank_sum = static_cast<double>(positive_sum);
    comparison.negative_rank_sum = static_cast<double>(negative_sum);
    if (comparison.changed_pairs == 0) {
        comparison.no_test_because = Unavailable::all_differences_zero;
        return comparison;
    }
    const long double n = ranked;
    comparison.rank_biserial = static_cast<double>((positive_sum - negative_sum) / (positive_sum + negative_sum));
    // σ² > 0 for every n ≥ 1, even when all |d| tie: then it is n(n+1)²/16.
    const long double variance = n * (n + 1) * (2 * n + 1) / 24 - tie_correction / 48;
    const long double centred = positive_sum - n * (n + 1) / 4;
    // R: CORRECTION <- sign(z) * 0.5, i.e. half a rank towards zero.
    const long double correction = centred > 0 ? 0.5L : (centred < 0 ? -0.5L : 0.0L);
    const double z = static_cast<double>((centred - correction) / std::sqrt(variance));
    comparison.test = SignedRankTest{z, 2.0 * normal_cdf(-std::fabs(z))};
    return comparison;
}

}  // namespace

Result<SignedRankComparison> wilcoxon_signed_rank(const DifferenceHistogram& differences) {
    std::map<std::uint64_t, TieGroup> groups;
    std::int64_t pairs = 0;
    for (const auto& [difference, count] : differences) {
        if (count < 0) {
            return Error::invalid("differences", "a count of pairs cannot be negative");
        }
        if (count > std::numeric_limits<std::int64_t>::max() - pairs) {
            return Error::invalid("differences", "the number of pairs exceeds 64 bits");
        }
        pairs += count;
        if (difference == 0 || count == 0) {
            continue;
        }
        // |d| as unsigned, which also holds |INT64_MIN|.
        const std::uint64_t magnitude =
            difference > 0 ? static_cast<std::uint64_t>(difference) : 0 - static_cast<std::uint64_t>(difference);
        (difference > 0 ? groups[magnitude].positive : groups[magnitude].negative) += count;
    }
    if (pairs == 0) {
        return Error::invalid("differences", "the signed-rank test needs at least one pair");
    }
    return compare(groups, pairs);
}

Result<SignedRankComparison> wilcoxon_signed_rank(std::span<const double> after, std::span<const double> before) {
    if (after.size() != before.size()) {
        return Error::invalid("before", "before and after must hold the same number of answers");
    }
    if (after.empty()) {
        return Error::invalid("after", "the signed-rank test needs at least one pair");
    }
    std::map<double, TieGroup> groups;
    for (std::size_t i = 0; i < after.size(); ++i) {
        // The same double subtraction as R's x - y, so equal |d| tie exactly as in R.
        const double difference = after[i] - before[i];
        if (!std::isfinite(difference)) {
            return Error::invalid("after", "every answer must be a finite number");
        }
        if (difference > 0) {
            ++groups[difference].positive;
        } else if (difference < 0) {
            ++groups[-difference].negative;
        }
    }
    return compare(groups, static_cast<std::int64_t>(after.size()));
}

}  // namespace yardstick::evaluation
