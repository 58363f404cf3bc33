#include "yardstick/evaluation/statistics/small_group_suppression.hpp"

#include <gtest/gtest.h>

namespace yardstick::evaluation {
namespace {

using Reason = SuppressionReason;

std::vector<SuppressedGroup> suppress(const std::vector<GroupCount>& breakdown, std::int64_t k = 5) {
    auto result = suppressed_groups(breakdown, k);
    EXPECT_TRUE(result.ok());
    return result.ok() ? result.value() : std::vector<SuppressedGroup>{};
}

TEST(SmallGroupSuppression, NothingBelowTheThreshold) {
    EXPECT_TRUE(suppress({{"a", 5}, {"b", 12}, {"c", 7}}).empty());
    EXPECT_TRUE(suppress({}).empty());
}

// One small group alone would be revealed by the total: the next smallest goes too.
TEST(SmallGroupSuppression, OneSmallGroupTakesTheNextSmallestWithIt) {
    const std::vector<SuppressedGroup> expected{{"berlin", Reason::protects_another_group},
                                                {"lyon", Reason::below_threshold}};
    EXPECT_EQ(suppress({{"lyon", 2}, {"berlin", 6}, {"milan", 30}}), expected);
}

TEST(SmallGroupSuppression, TiesGoToTheFirstKey) {
    const std::vector<SuppressedGroup> expected{{"a", Reason::below_threshold}, {"b", Reason::protects_another_group}};
    EXPECT_EQ(suppress({{"c", 8}, {"a", 1}, {"d", 20}, {"b", 8}}), expected);
}

TEST(SmallGroupSuppression, TwoSmallGroupsProtectEachOther) {
    const std::vector<SuppressedGroup> expected{{"a", Reason::below_threshold}, {"b", Reason::below_threshold}};
    EXPECT_EQ(suppress({{"a", 1}, {"b", 4}, {"c", 9}, {"d", 9}}), expected);
}

TEST(SmallGroupSuppression, ZeroGroupsAreAbsent) {
    // The empty group is neither suppressed nor chosen to protect "a".
    const std::vector<SuppressedGroup> expected{{"a", Reason::below_threshold}, {"c", Reason::protects_another_group}};
    EXPECT_EQ(suppress({{"a", 3}, {"b", 0}, {"c", 10}, {"d", 11}}), expected);
    EXPECT_TRUE(suppress({{"a", 0}, {"b", 10}}).empty());
}

TEST(SmallGroupSuppression, ASingleGroupIsSuppressedAlone) {
    const std::vector<SuppressedGroup> expected{{"only", Reason::below_threshold}};
    EXPECT_EQ(suppress({{"only", 2}}), expected);
    EXPECT_EQ(suppress({{"only", 2}, {"empty", 0}}), expected);
}

TEST(SmallGroupSuppression, EverythingSmall) {
    EXPECT_EQ(suppress({{"a", 1}, {"b", 2}}).size(), 2u);
}

TEST(SmallGroupSuppression, ThresholdOneSuppressesNothing) {
    EXPECT_TRUE(suppress({{"a", 1}, {"b", 2}}, 1).empty());
}

TEST(SmallGroupSuppression, RejectsImpossibleInput) {
    EXPECT_EQ(suppressed_groups({{"a", 3}}, 0).error().fields.at(0).field, "threshold");
    EXPECT_EQ(suppressed_groups({{"a", -1}}, 5).error().fields.at(0).field, "breakdown");
    EXPECT_EQ(suppressed_groups({{"a", 3}, {"a", 4}}, 5).error().fields.at(0).field, "breakdown");
}

}  // namespace
}  // namespace yardstick::evaluation
