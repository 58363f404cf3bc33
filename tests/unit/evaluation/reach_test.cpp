// Reach as tallies: counts of the register's events, and the sectors and
// countries that live engagements involve.
#include <gtest/gtest.h>

#include "yardstick/evaluation/tallies/reach.hpp"

namespace yardstick::evaluation {
namespace {

TEST(Reach, IsZeroBeforeAnythingIsRegistered) {
    EXPECT_EQ(reach_of(Tallies{}), Reach{});
}

TEST(Reach, CountsOrganisationsParticipantsAndEngagements) {
    Tallies tallies;
    for (int i = 0; i < 3; ++i) {
        count_registered_organisation(tallies, +1);
    }
    count_added_participant(tallies, +1);
    count_live_engagement(tallies, {{"C25", "BE"}, {"J62", "FR"}}, +1);
    const auto reach = reach_of(tallies);
    EXPECT_EQ(reach.organisations, 3);
    EXPECT_EQ(reach.participants, 1);
    EXPECT_EQ(reach.engagements, 1);
    EXPECT_EQ(reach.sectors, 2);
    EXPECT_EQ(reach.countries, 2);
}

TEST(Reach, CountsASectorOrCountryOnceHoweverManyEngagementsInvolveIt) {
    Tallies tallies;
    count_live_engagement(tallies, {{"C25", "BE"}, {"C25", "FR"}}, +1);
    count_live_engagement(tallies, {{"C25", "BE"}, {"J62", "BE"}}, +1);
    const auto reach = reach_of(tallies);
    EXPECT_EQ(reach.engagements, 2);
    EXPECT_EQ(reach.sectors, 2);
    EXPECT_EQ(reach.countries, 2);
}

TEST(Reach, ACancelledEngagementNoLongerReachesItsSectorsAndCountries) {
    Tallies tallies;
    count_live_engagement(tallies, {{"C25", "BE"}, {"J62", "FR"}}, +1);
    count_live_engagement(tallies, {{"C25", "BE"}, {"M70", "DE"}}, +1);
    count_live_engagement(tallies, {{"C25", "BE"}, {"M70", "DE"}}, -1);
    const auto reach = reach_of(tallies);
    EXPECT_EQ(reach.engagements, 1);
    EXPECT_EQ(reach.sectors, 2) << "C25 and J62 remain; M70 went with the cancelled exchange";
    EXPECT_EQ(reach.countries, 2) << "BE and FR remain";
}

TEST(Reach, TakingOutUndoesPuttingIn) {
    Tallies tallies;
    count_registered_organisation(tallies, +1);
    count_added_participant(tallies, +1);
    count_live_engagement(tallies, {{"C25", "BE"}}, +1);
    count_registered_organisation(tallies, -1);
    count_added_participant(tallies, -1);
    count_live_engagement(tallies, {{"C25", "BE"}}, -1);
    EXPECT_EQ(reach_of(tallies), Reach{});
}

TEST(Reach, IgnoresOtherIndicatorsCells) {
    Tallies tallies;
    tally(tallies, {"matched_needs", "country", "BE", "success"}, 0, +1);
    tally(tallies, {"a_first", "sector", "C25", "taking_part"}, 0, +1);
    EXPECT_EQ(reach_of(tallies), Reach{});
}

}  // namespace
}  // namespace yardstick::evaluation
