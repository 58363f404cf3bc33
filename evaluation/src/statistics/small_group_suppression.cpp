#include "yardstick/evaluation/statistics/small_group_suppression.hpp"

#include <algorithm>

namespace yardstick::evaluation {

Result<std::vector<SuppressedGroup>> suppressed_groups(const std::vector<GroupCount>& breakdown,
                                                       std::int64_t threshold) {
    if (threshold < 1) {
        return Error::invalid("threshold", "the minimum group size must be at least 1");
    }
    std::vector<const GroupCount*> groups;
    groups.reserve(breakdown.size());
    for (const auto& group : breakdown) {
        if (group.count < 0) {
            return Error::invalid("breakdown", "a group cannot have a negative count");
        }
        groups.push_back(&group);
    }
    std::sort(groups.begin(), groups.end(), [](const GroupCount* a, const GroupCount* b) { return a->key < b->key; });
    const auto repeated = std::adjacent_find(groups.begin(), groups.end(),
                                             [](const GroupCount* a, const GroupCount* b) { return a->key == b->key; });
    if (repeated != groups.end()) {
        return Error::invalid("breakdown", "the group '" + (*repeated)->key + "' appears twice");
    }
    std::vector<SuppressedGroup> suppressed;
    const GroupCount* smallest_shown = nullptr;  // the first by key among the smallest
    for (const GroupCount* group : groups) {
        if (group->count == 0) {
            continue;
        }
        if (group->count < threshold) {
            suppressed.push_back({group->key, SuppressionReason::below_threshold});
        } else if (smallest_shown == nullptr || group->count < smallest_shown->count) {
            smallest_shown = group;
        }
    }
    if (suppressed.size() == 1 && smallest_shown != nullptr) {
        suppressed.push_back({smallest_shown->key, SuppressionReason::protects_another_group});
        std::sort(suppressed.begin(), suppressed.end(),
                  [](const SuppressedGroup& a, const SuppressedGroup& b) { return a.key < b.key; });
    }
    return suppressed;
}

}  // namespace yardstick::evaluation
