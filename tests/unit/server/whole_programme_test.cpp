// A programme's tallies computed at once (yardstick recompute) equal the
// tallies the consumer keeps event by event, amendments and pairs included:
// the claim recompute rests on, checked on the MobiliseSME template's
// indicators.
#include <gtest/gtest.h>

#include "server/templates/bundled_templates.hpp"
#include "yardstick/evaluation/tallies/whole_programme.hpp"

namespace yardstick::evaluation {
namespace {

CountedResponse response(std::string instrument, std::string respondent, std::string wave, domain::Answers answers) {
    return {std::move(instrument), std::move(respondent), std::move(wave), "BE", "C25", "small", std::move(answers)};
}

domain::Answers employee_pre(std::int64_t technical) {
    return {{"skill_technical", technical}, {"skill_language", std::int64_t{2}}, {"expect_professional_development", std::int64_t{4}}};
}

domain::Answers employee_post(std::int64_t technical, std::int64_t development) {
    return {{"skill_technical", technical}, {"skill_language", std::int64_t{4}},
            {"professional_development", development}, {"recommend", std::int64_t{9}}};
}

Tallies without_zero_cells(Tallies tallies) {
    std::erase_if(tallies, [](const auto& cell) { return cell.second == TallyValue{}; });
    return tallies;
}

TEST(WholeProgramme, EqualsTheTalliesKeptEventByEvent) {
    const auto* mobilisesme = server::templates::find_template("mobilisesme");
    ASSERT_NE(mobilisesme, nullptr);
    const auto set = indicator_set(mobilisesme->indicators, mobilisesme->instruments);
    const auto partners = partner_instruments(set, "mobilisesme-employee-post");
    ASSERT_NE(std::find(partners.begin(), partners.end(), "mobilisesme-employee-pre"), partners.end())
        << "the template pairs the employee's answers before and after";

    const auto pre = response("mobilisesme-employee-pre", "employee", "pre", employee_pre(2));
    const auto post_first = response("mobilisesme-employee-post", "employee", "post", employee_post(3, 4));
    const auto post_amended = response("mobilisesme-employee-post", "employee", "post", employee_post(5, 5));
    const auto other_pre = response("mobilisesme-employee-pre", "employee", "pre", employee_pre(1));

    // As the consumer counts them: invitations, the post answers first, then
    // the pre answers (the pair forms), then an amendment of the post answers
    // (the pair is taken out and put back with the new version).
    Tallies running;
    for (int i = 0; i < 3; ++i) {
        count_invitation(running, set, "employee", "pre", +1);
    }
    count_invitation(running, set, "employee", "post", +1);
    count_first_submission(running, set, "employee", "post", +1);
    count_response(running, set, post_first, +1);
    count_first_submission(running, set, "employee", "pre", +1);
    count_response(running, set, pre, +1);
    count_pair(running, set, pre, post_first, +1);
    count_response(running, set, post_first, -1);
    count_response(running, set, post_amended, +1);
    count_pair(running, set, post_first, pre, -1);
    count_pair(running, set, post_amended, pre, +1);
    count_first_submission(running, set, "employee", "pre", +1);
    count_response(running, set, other_pre, +1);  // another exchange: no pair
    count_registered_organisation(running, +1);
    count_registered_organisation(running, +1);
    count_added_participant(running, +1);
    count_live_engagement(running, {{"C25", "BE"}, {"J62", "DE"}}, +1);
    count_live_engagement(running, {{"C25", "BE"}, {"I55", "PT"}}, +1);
    count_live_engagement(running, {{"C25", "BE"}, {"I55", "PT"}}, -1);  // cancelled

    ProgrammeRecords records;
    records.responses = {{"2", other_pre}, {"1", post_amended}, {"1", pre}};
    records.invitations = {{"employee", "pre"}, {"employee", "pre"}, {"employee", "pre"}, {"employee", "post"}};
    records.organisations = 2;
    records.participants = 1;
    records.live_engagements = {{{"C25", "BE"}, {"J62", "DE"}}};
    const auto whole = count_whole_programme(set, records);
    EXPECT_EQ(whole, without_zero_cells(running));
    EXPECT_FALSE(whole.empty());
}

}  // namespace
}  // namespace yardstick::evaluation
