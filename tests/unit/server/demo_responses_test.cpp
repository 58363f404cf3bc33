// The demo's planned responses: every answer set valid for its instrument,
// the published MobiliseSME figures exact, Digital Volunteers' digital
// intensity moving towards the 2030 target, the skills gaps narrowing, and
// the same answers on every call. The figures are counted here on their
// own, from the answers, not taken from the code that chose them.

#include "server/demo/demo_responses.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "server/demo/demo_registry.hpp"
#include "server/templates/bundled_templates.hpp"
#include "yardstick/domain/answer.hpp"

namespace yardstick::server::demo {
namespace {

const DemoProgramme& programme(std::string_view slug) {
    const auto& all = demo_programmes();
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& p) { return p.slug == slug; });
    if (it == all.end()) {
        ADD_FAILURE() << "no demo programme " << slug;
        return all.front();
    }
    return *it;
}

const DemoEngagement& engagement(const DemoProgramme& p, const std::string& reference) {
    const auto it = std::find_if(p.engagements.begin(), p.engagements.end(),
                                 [&](const auto& e) { return e.reference == reference; });
    if (it == p.engagements.end()) {
        ADD_FAILURE() << "no engagement " << reference;
        return p.engagements.front();
    }
    return *it;
}

// The bundled instrument a programme's invitation is for, as invitations
// pick it: by respondent and wave (the skills monitor's round).
const domain::Instrument& instrument_for(const DemoProgramme& p, const std::string& respondent,
                                         const std::string& wave) {
    const auto* bundled = templates::find_template(p.template_key);
    if (bundled == nullptr) {
        throw std::logic_error("no template " + p.template_key);
    }
    for (const auto& instrument : bundled->instruments) {
        if (instrument.respondent == respondent && instrument.wave == wave) {
            return instrument;
        }
    }
    throw std::logic_error("no instrument for " + respondent + " " + wave + " in " + p.template_key);
}

struct Answered {
    std::string engagement;
    domain::Answers answers;
};

// The planned submissions of one kind of invitation, with their answers.
std::vector<Answered> submitted(const DemoProgramme& p, const std::string& respondent, const std::string& wave) {
    std::vector<Answered> answered;
    for (const auto& planned : plan_responses(p)) {
        if (planned.respondent == respondent && planned.wave == wave && planned.outcome == ResponseOutcome::submitted) {
            answered.push_back({planned.engagement, demo_answers(p, engagement(p, planned.engagement), respondent, wave,
                                                                 instrument_for(p, respondent, wave))});
        }
    }
    return answered;
}

std::int64_t number(const domain::Answers& answers, const std::string& key) {
    const auto it = answers.find(key);
    if (it == answers.end() || !std::holds_alternative<std::int64_t>(it->second)) {
        ADD_FAILURE() << key << " is not answered with a number";
        return -1;
    }
    return std::get<std::int64_t>(it->second);
}

// Top-two box: answers of 4 or 5 among those who answered `question`.
struct Share {
    int successes = 0;
    int answered = 0;
    int percent() const { return static_cast<int>(std::lround(100.0 * successes / answered)); }
};

void count_top_box(const std::vector<Answered>& responses, const std::string& question, Share& share) {
    for (const auto& response : responses) {
        if (response.answers.count(question) != 0) {
            ++share.answered;
            share.successes += number(response.answers, question) >= 4 ? 1 : 0;
        }
    }
}

TEST(DemoResponses, EveryPlannedAnswerSetIsValidForItsInstrument) {
    for (const auto& p : demo_programmes()) {
        std::map<ResponseOutcome, int> outcomes;
        for (const auto& planned : plan_responses(p)) {
            ++outcomes[planned.outcome];
            if (planned.outcome != ResponseOutcome::submitted && planned.outcome != ResponseOutcome::draft) {
                continue;
            }
            const auto& instrument = instrument_for(p, planned.respondent, planned.wave);
            const auto answers =
                demo_answers(p, engagement(p, planned.engagement), planned.respondent, planned.wave, instrument);
            const auto where = p.slug + " " + planned.engagement + " " + planned.respondent + " " + planned.wave;
            if (planned.outcome == ResponseOutcome::submitted) {
                const auto valid = domain::validate_answers(instrument, answers, domain::ValidationMode::submission);
                EXPECT_TRUE(valid.ok()) << where << ": " << (valid.ok() ? "" : valid.error().fields.front().field);
            } else {
                const auto draft = draft_answers(instrument, answers);
                EXPECT_FALSE(draft.empty()) << where;
                EXPECT_LT(draft.size(), answers.size()) << where << ": a draft is not the whole questionnaire";
                EXPECT_TRUE(domain::validate_answers(instrument, draft, domain::ValidationMode::draft).ok()) << where;
            }
        }
        // Realistic non-response: some never open the link, a few leave a draft.
        EXPECT_GT(outcomes[ResponseOutcome::submitted], 0) << p.slug;
        EXPECT_GT(outcomes[ResponseOutcome::draft], 0) << p.slug;
        EXPECT_GT(outcomes[ResponseOutcome::not_opened], 0) << p.slug;
    }
}

TEST(DemoResponses, ThePlanCoversEveryInvitationAndLeavesTheSampleLinksFresh) {
    for (const auto& p : demo_programmes()) {
        std::size_t invitations = 0;
        for (const auto& e : p.engagements) {
            invitations += asks_for(e).size();
        }
        const auto plan = plan_responses(p);
        EXPECT_EQ(plan.size(), invitations) << p.slug;
        for (const auto& planned : plan) {
            if (planned.engagement == p.engagements.front().reference) {
                EXPECT_EQ(planned.outcome, ResponseOutcome::not_opened) << p.slug << " " << planned.engagement;
            }
        }
    }
}

TEST(DemoResponses, MobiliseSmeGivesThePublishedFigures) {
    const auto& p = programme("mobilisesme-pilot");
    const auto sending = submitted(p, "sending", "post");
    const auto hosting = submitted(p, "hosting", "post");
    const auto employees = submitted(p, "employee", "post");

    Share sending_matched;
    Share hosting_matched;
    Share crossborder;
    Share new_products;
    Share development;
    count_top_box(sending, "matched_needs", sending_matched);
    count_top_box(hosting, "matched_needs", hosting_matched);
    count_top_box(sending, "crossborder_business", crossborder);
    count_top_box(hosting, "crossborder_business", crossborder);
    count_top_box(sending, "new_products_services", new_products);
    count_top_box(hosting, "new_products_services", new_products);
    count_top_box(employees, "professional_development", development);

    EXPECT_EQ(sending_matched.percent(), 91) << sending_matched.successes << "/" << sending_matched.answered;
    EXPECT_EQ(hosting_matched.percent(), 95) << hosting_matched.successes << "/" << hosting_matched.answered;
    EXPECT_EQ(crossborder.percent(), 90) << crossborder.successes << "/" << crossborder.answered;
    EXPECT_EQ(new_products.percent(), 75) << new_products.successes << "/" << new_products.answered;
    EXPECT_EQ(development.percent(), 81) << development.successes << "/" << development.answered;
    // Not everyone answers: the response rate after the exchange is below 100%.
    EXPECT_LT(sending_matched.answered, 54);
    EXPECT_LT(hosting_matched.answered, 54);
    EXPECT_LT(development.answered, 54);
    EXPECT_GT(submitted(p, "sending", "pre").size(), 0u);
    EXPECT_GT(submitted(p, "hosting", "pre").size(), 0u);
}

TEST(DemoResponses, MobiliseSmePairsShowLanguageGainsAPositiveScoreAndAgreement) {
    const auto& p = programme("mobilisesme-pilot");
    std::map<std::string, std::int64_t> before;
    for (const auto& response : submitted(p, "employee", "pre")) {
        before[response.engagement] = number(response.answers, "skill_language");
    }
    int pairs = 0;
    int zeros = 0;
    int gains = 0;
    std::int64_t total_change = 0;
    int promoters = 0;
    int detractors = 0;
    int scored = 0;
    for (const auto& response : submitted(p, "employee", "post")) {
        const auto score = number(response.answers, "recommend");
        ++scored;
        promoters += score >= 9 ? 1 : 0;
        detractors += score <= 6 ? 1 : 0;
        const auto it = before.find(response.engagement);
        if (it == before.end()) {
            continue;
        }
        const auto change = number(response.answers, "skill_language") - it->second;
        ++pairs;
        total_change += change;
        zeros += change == 0 ? 1 : 0;
        gains += change > 0 ? 1 : 0;
    }
    EXPECT_GE(pairs, 30);
    EXPECT_GT(total_change, 0) << "the language skills improve on average";
    EXPECT_GT(zeros, 0) << "some employees rate themselves the same";
    EXPECT_GT(gains, zeros);
    const int nps = 100 * (promoters - detractors) / scored;
    EXPECT_GE(nps, 15);
    EXPECT_LE(nps, 70);

    // Sending and hosting companies of the same exchange mostly agree on the match.
    std::map<std::string, bool> sending_satisfied;
    for (const auto& response : submitted(p, "sending", "post")) {
        sending_satisfied[response.engagement] = number(response.answers, "matched_needs") >= 4;
    }
    int both = 0;
    int agree = 0;
    int both_dissatisfied = 0;
    for (const auto& response : submitted(p, "hosting", "post")) {
        const auto it = sending_satisfied.find(response.engagement);
        if (it == sending_satisfied.end()) {
            continue;
        }
        const bool hosting_satisfied = number(response.answers, "matched_needs") >= 4;
        ++both;
        agree += hosting_satisfied == it->second ? 1 : 0;
        both_dissatisfied += !hosting_satisfied && !it->second ? 1 : 0;
    }
    EXPECT_GE(both, 30);
    EXPECT_GE(agree * 10, both * 9) << agree << " of " << both << " agree";
    EXPECT_GT(both_dissatisfied, 0) << "agreement includes exchanges both found wanting";
}

// Share of SMEs with at least 4 of the 12 Digital Intensity Index items.
double basic_level_share(const std::vector<Answered>& responses) {
    int basic = 0;
    for (const auto& response : responses) {
        int present = 0;
        for (int item = 1; item <= 12; ++item) {
            const auto key = std::string(item < 10 ? "dii_0" : "dii_") + std::to_string(item);
            const auto it = response.answers.find(key);
            present += it != response.answers.end() && std::get<bool>(it->second) ? 1 : 0;
        }
        basic += present >= 4 ? 1 : 0;
    }
    return 100.0 * basic / static_cast<double>(responses.size());
}

TEST(DemoResponses, DigitalVolunteersMoveTowardsTheDigitalDecadeTarget) {
    const auto& p = programme("digital-volunteers");
    const auto before = submitted(p, "sme", "pre");
    const auto after = submitted(p, "sme", "post");
    ASSERT_FALSE(before.empty());
    ASSERT_FALSE(after.empty());
    const double share_before = basic_level_share(before);
    const double share_after = basic_level_share(after);
    EXPECT_GE(share_before, 55.0);
    EXPECT_LE(share_before, 65.0);
    EXPECT_GT(share_after, share_before);
    EXPECT_LT(share_after, 90.0) << "the 2030 target is not reached by a pilot";

    // The same SMEs, paired.
    std::set<std::string> answered_before;
    for (const auto& response : before) {
        answered_before.insert(response.engagement);
    }
    std::vector<Answered> paired_before;
    std::vector<Answered> paired_after;
    for (const auto& response : after) {
        if (answered_before.count(response.engagement) != 0) {
            paired_after.push_back(response);
        }
    }
    for (const auto& response : before) {
        if (std::any_of(paired_after.begin(), paired_after.end(),
                        [&](const Answered& a) { return a.engagement == response.engagement; })) {
            paired_before.push_back(response);
        }
    }
    EXPECT_GE(paired_after.size(), 25u);
    EXPECT_GT(basic_level_share(paired_after), basic_level_share(paired_before));

    Share useful;
    count_top_box(after, "mentoring_useful", useful);
    EXPECT_GE(useful.percent(), 70);
    EXPECT_LT(useful.percent(), 100);
    int again = 0;
    const auto mentors = submitted(p, "mentor", "post");
    for (const auto& response : mentors) {
        again += std::get<bool>(response.answers.at("would_mentor_again")) ? 1 : 0;
    }
    EXPECT_GT(again * 10, static_cast<int>(mentors.size()) * 8);
    EXPECT_LT(again, static_cast<int>(mentors.size()));
}

// Mean (required − current) over each area's items, per area prefix.
std::map<std::string, double> mean_gaps(const std::vector<Answered>& responses) {
    std::map<std::string, std::pair<std::int64_t, int>> sums;
    for (const auto& response : responses) {
        for (const auto& [key, value] : response.answers) {
            constexpr std::string_view kCurrent = "_current";
            if (!key.ends_with(kCurrent)) {
                continue;
            }
            const auto stem = key.substr(0, key.size() - kCurrent.size());
            auto& [sum, n] = sums[key.substr(0, key.find('_'))];
            sum += number(response.answers, stem + "_required") - std::get<std::int64_t>(value);
            ++n;
        }
    }
    std::map<std::string, double> means;
    for (const auto& [area, sum] : sums) {
        means[area] = static_cast<double>(sum.first) / sum.second;
    }
    return means;
}

std::set<std::string> target_groups(const std::vector<Answered>& responses) {
    std::set<std::string> groups;
    for (const auto& response : responses) {
        groups.insert(std::get<std::string>(response.answers.at("target_group")));
    }
    return groups;
}

// The responses of those who answer in both rounds, each round's by respondent.
std::pair<std::vector<Answered>, std::vector<Answered>> panel(const DemoProgramme& p,
                                                              const std::vector<Answered>& first,
                                                              const std::vector<Answered>& second) {
    const auto by_respondent = [&](const std::vector<Answered>& responses) {
        std::map<std::string, const Answered*> index;
        for (const auto& response : responses) {
            index[engagement(p, response.engagement).respondent_participant_reference] = &response;
        }
        return index;
    };
    const auto before = by_respondent(first);
    std::pair<std::vector<Answered>, std::vector<Answered>> pairs;
    for (const auto& [respondent, after] : by_respondent(second)) {
        if (const auto it = before.find(respondent); it != before.end()) {
            pairs.first.push_back(*it->second);
            pairs.second.push_back(*after);
        }
    }
    return pairs;
}

TEST(DemoResponses, SkillsGapsShowAndNarrowInTheNextRound) {
    const auto& p = programme("skills-monitor");
    const auto first_round = submitted(p, "respondent", "2018");
    const auto second_round = submitted(p, "respondent", "2019");
    ASSERT_GE(first_round.size(), 50u);
    ASSERT_GE(second_round.size(), 50u);
    const std::set<std::string> all_groups{"advanced_user", "it_professional", "manager"};
    EXPECT_EQ(target_groups(first_round), all_groups);
    EXPECT_EQ(target_groups(second_round), all_groups);
    const auto first = mean_gaps(first_round);
    const auto second = mean_gaps(second_round);
    ASSERT_EQ(first.size(), 3u);  // bd, iot, cs
    ASSERT_EQ(second.size(), 3u);
    for (const auto& [area, gap] : first) {
        EXPECT_GT(gap, 0.5) << area << ": the role requires more than the respondents have";
        EXPECT_LT(second.at(area), gap) << area << ": the gap narrows";
        EXPECT_GT(second.at(area), 0.0) << area;
    }

    // The same people a year on: most answer both rounds, and their own gaps narrow.
    const auto [before, after] = panel(p, first_round, second_round);
    EXPECT_GE(before.size(), 35u);
    EXPECT_LT(before.size(), second_round.size()) << "new respondents answer in 2019 too";
    const auto paired_before = mean_gaps(before);
    const auto paired_after = mean_gaps(after);
    for (const auto& [area, gap] : paired_before) {
        EXPECT_LT(paired_after.at(area), gap) << area;
    }
}

TEST(DemoResponses, TwoCallsGiveTheSameAnswers) {
    for (const auto& p : demo_programmes()) {
        const auto plan = plan_responses(p);
        const auto again = plan_responses(p);
        ASSERT_EQ(plan.size(), again.size());
        for (std::size_t i = 0; i < plan.size(); ++i) {
            EXPECT_EQ(plan[i].engagement, again[i].engagement);
            EXPECT_EQ(plan[i].outcome, again[i].outcome);
            const auto& instrument = instrument_for(p, plan[i].respondent, plan[i].wave);
            const auto& e = engagement(p, plan[i].engagement);
            EXPECT_EQ(demo_answers(p, e, plan[i].respondent, plan[i].wave, instrument),
                      demo_answers(p, e, plan[i].respondent, plan[i].wave, instrument))
                << p.slug << " " << plan[i].engagement;
        }
    }
    // From a freshly built registry too: nothing depends on addresses or call order.
    const auto rebuilt = build_demo_programmes();
    const auto& p = rebuilt.front();
    const auto& e = p.engagements[5];
    const auto& instrument = instrument_for(p, "hosting", "post");
    EXPECT_EQ(
        demo_answers(p, e, "hosting", "post", instrument),
        demo_answers(programme(p.slug), engagement(programme(p.slug), e.reference), "hosting", "post", instrument));
}

TEST(DemoResponses, RefusesAnEngagementOfAnotherProgramme) {
    const auto& pilot = programme("mobilisesme-pilot");
    const auto& volunteers = programme("digital-volunteers");
    EXPECT_THROW(
        demo_answers(pilot, volunteers.engagements.front(), "sme", "pre", instrument_for(volunteers, "sme", "pre")),
        std::invalid_argument);
}

}  // namespace
}  // namespace yardstick::server::demo
