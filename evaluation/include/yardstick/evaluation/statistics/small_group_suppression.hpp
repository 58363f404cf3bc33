#pragma once
// Disclosure control for reports broken down by group: which groups to hide.

#include <cstdint>
#include <string>
#include <vector>

#include "yardstick/domain/result.hpp"

namespace yardstick::evaluation {

/// One group of a breakdown (e.g. a sending organisation) and its number of respondents.
struct GroupCount {
    std::string key;
    std::int64_t count = 0;
};

enum class SuppressionReason {
    below_threshold,         ///< primary: fewer than k respondents
    protects_another_group,  ///< secondary: hidden so that the total does not reveal a primary one
};

struct SuppressedGroup {
    std::string key;
    SuppressionReason reason = SuppressionReason::below_threshold;

    friend bool operator==(const SuppressedGroup&, const SuppressedGroup&) = default;
};

/// The groups of one breakdown to suppress, in key order, for threshold k ≥ 1:
///  - every group with 0 < count < k (primary suppression);
///  - when exactly one group is suppressed that way, also the smallest other group
///    (the first by key among equals), because the breakdown's total minus the shown
///    groups would otherwise give the hidden one away (complementary suppression,
///    Hundepool et al., Statistical Disclosure Control, Wiley 2012, §5.2 and §5.5).
/// Groups with a count of 0 are treated as absent: a report shows no row for them, so
/// they are neither suppressed nor chosen to protect another (callers may leave them
/// out). Two or more primary suppressions protect one another: nothing is added.
/// A breakdown of a single group is suppressed alone when small; hiding the overall
/// total is the caller's decision. Errors: k < 1, a negative count, a repeated key.
Result<std::vector<SuppressedGroup>> suppressed_groups(const std::vector<GroupCount>& breakdown,
                                                       std::int64_t threshold);

}  // namespace yardstick::evaluation
