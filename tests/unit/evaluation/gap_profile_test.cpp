#include "yardstick/evaluation/skills/gap_profile.hpp"

#include <gtest/gtest.h>

namespace yardstick::evaluation {
namespace {

const std::vector<CompetenceArea> kAreas = {
    {"big_data", {"bd_data_collection", "bd_data_analysis", "bd_machine_learning"}},
    {"iot", {"iot_sensors_devices", "iot_connectivity"}},
    {"cybersecurity", {"cs_risk_assessment"}},
};

TEST(GapProfile, GapsPerCompetenceAndAreaByHand) {
    // Big Data: 4−1 = 3, 3−3 = 0, 2−4 → 0 (above the requirement is no gap); mean 1, largest 3.
    // IoT: only one competence has both levels: 5−2 = 3.
    // Cybersecurity: no level given: left out.
    const Levels current = {{"bd_data_collection", 1}, {"bd_data_analysis", 3}, {"bd_machine_learning", 4},
                            {"iot_sensors_devices", 2}};
    const Levels required = {{"bd_data_collection", 4}, {"bd_data_analysis", 3}, {"bd_machine_learning", 2},
                             {"iot_sensors_devices", 5}, {"iot_connectivity", 3}, {"cs_risk_assessment", 4}};
    const auto profile = gap_profile(kAreas, current, required);
    ASSERT_EQ(profile.areas.size(), 2u);
    const auto& big_data = profile.areas[0];
    EXPECT_EQ(big_data.area, "big_data");
    ASSERT_EQ(big_data.competences.size(), 3u);
    EXPECT_EQ(big_data.competences[0].gap, 3);
    EXPECT_EQ(big_data.competences[1].gap, 0);
    EXPECT_EQ(big_data.competences[2].gap, 0);
    EXPECT_EQ(big_data.competences[2].current, 4);
    EXPECT_EQ(big_data.competences[2].required, 2);
    EXPECT_DOUBLE_EQ(big_data.mean_gap, 1.0);
    EXPECT_EQ(big_data.largest_gap, 3);
    const auto& iot = profile.areas[1];
    ASSERT_EQ(iot.competences.size(), 1u);
    EXPECT_EQ(iot.competences[0].competence, "iot_sensors_devices");
    EXPECT_DOUBLE_EQ(iot.mean_gap, 3.0);
}

TEST(GapProfile, PeersAreComparedOnlyFromTheThresholdOn) {
    const Levels required = {{"cs_risk_assessment", 4}};
    const auto own = gap_profile(kAreas, {{"cs_risk_assessment", 1}}, required);  // gap 3
    std::vector<GapProfile> peers;
    for (const int level : {4, 3, 1, 0}) {  // gaps 0, 1, 3, 4
        peers.push_back(gap_profile(kAreas, {{"cs_risk_assessment", level}}, required));
    }
    auto compared = compare_with_peers(own, peers, 5);
    ASSERT_EQ(compared.size(), 1u);
    EXPECT_EQ(compared[0].peers, 4u);
    EXPECT_TRUE(compared[0].suppressed) << "4 peers, threshold 5";
    EXPECT_FALSE(compared[0].peer_mean_gap);
    EXPECT_FALSE(compared[0].share_with_smaller_gap);

    peers.push_back(gap_profile(kAreas, {{"cs_risk_assessment", 2}}, required));  // gap 2
    compared = compare_with_peers(own, peers, 5);
    EXPECT_FALSE(compared[0].suppressed);
    EXPECT_DOUBLE_EQ(*compared[0].peer_mean_gap, (0 + 1 + 3 + 4 + 2) / 5.0);
    EXPECT_DOUBLE_EQ(*compared[0].share_with_smaller_gap, 3 / 5.0) << "gaps 0, 1 and 2 are smaller than 3";
}

TEST(GapProfile, NoPeersNoComparison) {
    const auto own = gap_profile(kAreas, {{"cs_risk_assessment", 1}}, {{"cs_risk_assessment", 4}});
    const auto compared = compare_with_peers(own, {}, 1);
    ASSERT_EQ(compared.size(), 1u);
    EXPECT_TRUE(compared[0].suppressed);
    EXPECT_EQ(compared[0].peers, 0u);
}

}  // namespace
}  // namespace yardstick::evaluation
