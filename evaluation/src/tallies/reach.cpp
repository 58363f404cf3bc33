#include "yardstick/evaluation/tallies/reach.hpp"

#include <string_view>

namespace yardstick::evaluation {

namespace {

constexpr std::string_view kOrganisations = "organisations";
constexpr std::string_view kEngagements = "engagements";
constexpr std::string_view kParticipants = "participants";
// Per sector and per country: how many (live engagement, organisation) links
// there are. The group is reached while its count is above zero.
constexpr std::string_view kBySector = "sector";
constexpr std::string_view kByCountry = "country";
constexpr std::string_view kLinks = "taking_part";

TallyKey overall(std::string_view cell) {
    return {std::string(kReachIndicator), "", "", std::string(cell)};
}

TallyKey group(std::string_view by, const std::string& key) {
    return {std::string(kReachIndicator), std::string(by), key, std::string(kLinks)};
}

}  // namespace

void count_registered_organisation(Tallies& tallies, int sign) {
    tally(tallies, overall(kOrganisations), 0, sign);
}

void count_added_participant(Tallies& tallies, int sign) {
    tally(tallies, overall(kParticipants), 0, sign);
}

void count_live_engagement(Tallies& tallies, const std::vector<TakingPart>& taking_part, int sign) {
    tally(tallies, overall(kEngagements), 0, sign);
    for (const auto& organisation : taking_part) {
        tally(tallies, group(kBySector, organisation.sector), 0, sign);
        tally(tallies, group(kByCountry, organisation.country), 0, sign);
    }
}

Reach reach_of(const Tallies& tallies) {
    Reach reach;
    reach.organisations = value_of(tallies, overall(kOrganisations)).count;
    reach.engagements = value_of(tallies, overall(kEngagements)).count;
    reach.participants = value_of(tallies, overall(kParticipants)).count;
    // The reach cells sort together: from the first key of the indicator to
    // the first key past it.
    for (auto it = tallies.lower_bound({std::string(kReachIndicator), "", "", ""});
         it != tallies.end() && it->first.indicator == kReachIndicator; ++it) {
        if (it->first.cell != kLinks || it->second.count <= 0) {
            continue;
        }
        if (it->first.group_by == kBySector) {
            ++reach.sectors;
        } else if (it->first.group_by == kByCountry) {
            ++reach.countries;
        }
    }
    return reach;
}

}  // namespace yardstick::evaluation
