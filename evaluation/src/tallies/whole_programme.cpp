#include "yardstick/evaluation/tallies/whole_programme.hpp"

#include <algorithm>
#include <map>

namespace yardstick::evaluation {

Tallies count_whole_programme(const IndicatorSet& set, const ProgrammeRecords& records) {
    Tallies tallies;
    std::map<std::string, std::map<std::string, const CountedResponse*>> by_engagement;  // engagement → instrument
    for (const auto& [engagement, response] : records.responses) {
        count_first_submission(tallies, set, response.respondent, response.wave, +1);
        count_response(tallies, set, response, +1);
        by_engagement[engagement][response.instrument] = &response;
    }
    // Each pair once, as the consumer counts it once: when its second half
    // arrives. Partners are symmetric, so the pair is taken from its first
    // instrument in key order.
    for (const auto& [engagement, responses] : by_engagement) {
        for (const auto& [instrument, response] : responses) {
            for (const auto& partner : partner_instruments(set, instrument)) {
                const auto other = responses.find(partner);
                if (partner > instrument && other != responses.end()) {
                    count_pair(tallies, set, *response, *other->second, +1);
                }
            }
        }
    }
    for (const auto& invitation : records.invitations) {
        count_invitation(tallies, set, invitation.respondent, invitation.wave, +1);
    }
    for (std::int64_t i = 0; i < records.organisations; ++i) {
        count_registered_organisation(tallies, +1);
    }
    for (std::int64_t i = 0; i < records.participants; ++i) {
        count_added_participant(tallies, +1);
    }
    for (const auto& taking_part : records.live_engagements) {
        count_live_engagement(tallies, taking_part, +1);
    }
    std::erase_if(tallies, [](const auto& cell) { return cell.second == TallyValue{}; });
    return tallies;
}

}  // namespace yardstick::evaluation
