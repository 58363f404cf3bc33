#include "server/demo/demo_responses.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/demo/demo_answers.hpp"
#include "server/demo/demo_variety.hpp"

namespace yardstick::server::demo {

namespace {

using internal::draw;
using internal::kResponsesSeed;
using internal::Script;
using internal::seed_of;
using internal::shuffle;
using internal::SplitMix64;

/// `n` × `percent` / 100, rounded half up.
std::size_t share_of(std::size_t n, std::size_t percent) {
    return (n * percent + 50) / 100;
}

/// How many of one kind of invitation are submitted, left as drafts and
/// only opened; the others are never opened.
struct Funnel {
    std::size_t submitted = 0;
    std::size_t drafts = 0;
    std::size_t opened = 0;
};

/// Gives the invitations of `respondent` in `wave` of the engagements in
/// `order` (most ready to answer first) their outcomes.
void run_funnel(Script& script, const std::vector<std::size_t>& order, std::string_view respondent,
                std::string_view wave, const Funnel& funnel) {
    for (std::size_t position = 0; position < order.size(); ++position) {
        ResponseOutcome outcome = ResponseOutcome::not_opened;
        if (position < funnel.submitted) {
            outcome = ResponseOutcome::submitted;
        } else if (position < funnel.submitted + funnel.drafts) {
            outcome = ResponseOutcome::draft;
        } else if (position < funnel.submitted + funnel.drafts + funnel.opened) {
            outcome = ResponseOutcome::opened;
        }
        script.set_outcome(order[position], respondent, wave, outcome);
    }
}

/// `engagements` (indices), most ready to answer first: a seeded shuffle,
/// with the programme's first engagement last, whose links are the samples
/// `yardstick demo load` prints and should open fresh forms.
std::vector<std::size_t> readiness_order(std::vector<std::size_t> engagements, SplitMix64& rng) {
    shuffle(engagements, rng);
    if (const auto first = std::find(engagements.begin(), engagements.end(), 0); first != engagements.end()) {
        std::rotate(first, first + 1, engagements.end());
    }
    return engagements;
}

std::vector<std::size_t> all_engagements(const DemoProgramme& programme) {
    std::vector<std::size_t> indices(programme.engagements.size());
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    return indices;
}

/// The order after the exchange or mentoring: whoever left a draft before it
/// answers first this time (the reminder found them half-way); everyone
/// else keeps their place, so those who answered before mostly answer after.
std::vector<std::size_t> drafts_first(std::vector<std::size_t> order, const Funnel& before) {
    const auto drafts_begin = order.begin() + static_cast<std::ptrdiff_t>(std::min(before.submitted, order.size()));
    const auto drafts_end = drafts_begin + static_cast<std::ptrdiff_t>(std::min<std::size_t>(
                                               before.drafts, static_cast<std::size_t>(order.end() - drafts_begin)));
    std::rotate(order.begin(), drafts_begin, drafts_end);
    return order;
}

/// One answer to be ranked: the engagement's respondent in a wave.
struct Ranked {
    std::int64_t score = 0;
    std::size_t engagement = 0;
    std::string_view respondent;
    std::string_view wave;
};

/// Ranks `answers` by score, highest first, and makes the first
/// `successes` of them successes on `question`, the rest not.
void decide(Script& script, std::vector<Ranked> answers, std::string_view question, std::size_t successes) {
    std::stable_sort(answers.begin(), answers.end(),
                     [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    for (std::size_t rank = 0; rank < answers.size(); ++rank) {
        const Ranked& answer = answers[rank];
        script.set_success(answer.engagement, answer.respondent, answer.wave, question, rank < successes);
    }
}

// MobiliseSME: per kind of invitation (of the 54 exchanges), before and after.
struct MobiliseFunnels {
    std::string_view respondent;
    Funnel before;
    Funnel after;
};
constexpr std::array<MobiliseFunnels, 3> kMobiliseFunnels = {{
    {"sending", {50, 1, 1}, {45, 3, 2}},
    {"hosting", {48, 2, 1}, {42, 2, 3}},
    {"employee", {50, 1, 1}, {43, 2, 2}},
}};
// The successes among the answers after the exchange, chosen with the
// funnels above so that the shares round to the published figures.
constexpr std::size_t kSendingMatched = 41;  // of 45 sending companies: 91.1% → 91%
constexpr std::size_t kHostingMatched = 40;  // of 42 hosting companies: 95.2% → 95%
constexpr std::size_t kCrossborder = 78;     // of 87 companies (45 + 42): 89.7% → 90%
constexpr std::size_t kNewProducts = 65;     // of the same 87: 74.7% → 75%
constexpr std::size_t kDevelopment = 35;     // of 43 travelling employees: 81.4% → 81%

Script mobilisesme_script(const DemoProgramme& programme) {
    const std::size_t exchanges = programme.engagements.size();
    Script script(exchanges);
    SplitMix64 rng(kResponsesSeed ^ seed_of({programme.slug}));
    for (const auto& kind : kMobiliseFunnels) {
        const auto order = readiness_order(all_engagements(programme), rng);
        run_funnel(script, order, kind.respondent, "pre", kind.before);
        run_funnel(script, drafts_first(order, kind.before), kind.respondent, "post", kind.after);
    }
    const auto answered = [&](std::size_t e, std::string_view respondent) {
        return script.submitted(e, respondent, "post");
    };
    std::size_t sending_answers = 0;
    std::size_t hosting_answers = 0;
    for (std::size_t e = 0; e < exchanges; ++e) {
        sending_answers += answered(e, "sending") ? 1 : 0;
        hosting_answers += answered(e, "hosting") ? 1 : 0;
    }

    // How well each exchange matched the companies' needs (0–999). Both
    // companies judge the same exchange: the least well matched ones that
    // both answered are the hosting side's dissatisfied and the sending
    // side's too, whose other dissatisfied are the next least well matched,
    // so that the two sides mostly agree.
    std::vector<std::int64_t> match(exchanges);
    for (auto& quality : match) {
        quality = static_cast<std::int64_t>(rng.below(1000));
    }
    std::vector<std::size_t> worst_matched = all_engagements(programme);
    std::stable_sort(worst_matched.begin(), worst_matched.end(),
                     [&](std::size_t a, std::size_t b) { return match[a] < match[b]; });
    const std::size_t hosting_unhappy = hosting_answers - std::min(kHostingMatched, hosting_answers);
    const std::size_t sending_unhappy = sending_answers - std::min(kSendingMatched, sending_answers);
    std::set<std::size_t> unhappy_hosting;
    std::set<std::size_t> unhappy_sending;
    for (const std::size_t e : worst_matched) {
        if (unhappy_hosting.size() < hosting_unhappy && answered(e, "hosting") && answered(e, "sending") &&
            unhappy_sending.size() < sending_unhappy) {
            unhappy_hosting.insert(e);
            unhappy_sending.insert(e);
        }
    }
    for (const std::size_t e : worst_matched) {
        if (unhappy_hosting.size() < hosting_unhappy && answered(e, "hosting")) {
            unhappy_hosting.insert(e);
        }
        if (unhappy_sending.size() < sending_unhappy && answered(e, "sending")) {
            unhappy_sending.insert(e);
        }
    }

    // The companies' outlook follows the match: the dissatisfied rank last,
    // the others by the match and a draw of their own (a wider one for new
    // products, which depend less on the partner).
    struct Side {
        std::string_view respondent;
        const std::set<std::size_t>& unhappy;
    };
    const std::array<Side, 2> sides = {{{"sending", unhappy_sending}, {"hosting", unhappy_hosting}}};
    std::vector<Ranked> crossborder;
    std::vector<Ranked> new_products;
    for (std::size_t e = 0; e < exchanges; ++e) {
        for (const Side& side : sides) {
            if (!answered(e, side.respondent)) {
                continue;
            }
            const bool dissatisfied = side.unhappy.count(e) > 0;
            script.set_success(e, side.respondent, "post", "matched_needs", !dissatisfied);
            const std::int64_t base = dissatisfied ? -10'000 : match[e];
            crossborder.push_back({base + static_cast<std::int64_t>(rng.below(600)), e, side.respondent, "post"});
            new_products.push_back({base + static_cast<std::int64_t>(rng.below(1500)), e, side.respondent, "post"});
        }
    }
    decide(script, std::move(crossborder), "crossborder_business", kCrossborder);
    decide(script, std::move(new_products), "new_products_services", kNewProducts);

    std::vector<Ranked> development;
    for (std::size_t e = 0; e < exchanges; ++e) {
        if (answered(e, "employee")) {
            development.push_back({match[e] / 2 + static_cast<std::int64_t>(rng.below(1000)), e, "employee", "post"});
        }
    }
    decide(script, std::move(development), "professional_development", kDevelopment);
    return script;
}

// Digital Volunteers: of the 40 mentorings.
constexpr Funnel kSmeBefore{37, 1, 0};
constexpr Funnel kSmeAfter{33, 2, 1};
constexpr Funnel kMentorAfter{36, 1, 0};
// Of the SMEs that answer both before and after (32): 60% at basic level or
// above before (19), 22% reaching it during the mentoring (7), one falling
// back below it: 25 of 32 (78%) after.
constexpr std::size_t kBasicBeforePercent = 60;
constexpr std::size_t kReachingPercent = 22;
constexpr int kBasicLevel = 4;  // items of 12: Eurostat's basic level of digital intensity
constexpr std::size_t kUsefulPercent = 85;

/// The SMEs of `group`, in a seeded order, get their numbers of items
/// present before and after: share_of(60%) at basic level or above before,
/// share_of(22%) reaching it, and one falling back in a group of ten or more.
void assign_digital_items(Script& script, std::vector<std::size_t> group, SplitMix64& rng) {
    shuffle(group, rng);
    const std::size_t basic_before = share_of(group.size(), kBasicBeforePercent);
    const std::size_t reaching = share_of(group.size(), kReachingPercent);
    const std::size_t falling_back = group.size() >= 10 && basic_before > 0 ? 1 : 0;
    for (std::size_t i = 0; i < group.size(); ++i) {
        int before = 0;
        int after = 0;
        if (i < falling_back) {
            before = kBasicLevel;
            after = before - 1;
        } else if (i < basic_before) {
            before = static_cast<int>(draw({{4, 35}, {5, 30}, {6, 20}, {7, 15}}, rng));
            after = before + static_cast<int>(draw({{0, 40}, {1, 45}, {2, 15}}, rng));
        } else {
            before = static_cast<int>(draw({{1, 10}, {2, 35}, {3, 55}}, rng));
            after = i < basic_before + reaching
                        ? kBasicLevel + static_cast<int>(draw({{0, 70}, {1, 30}}, rng))
                        : std::min(kBasicLevel - 1, before + static_cast<int>(draw({{0, 60}, {1, 40}}, rng)));
        }
        script.set_digital_items(group[i], {before, after});
    }
}

Script digital_volunteers_script(const DemoProgramme& programme) {
    const std::size_t mentorings = programme.engagements.size();
    Script script(mentorings);
    SplitMix64 rng(kResponsesSeed ^ seed_of({programme.slug}));
    const auto smes = readiness_order(all_engagements(programme), rng);
    run_funnel(script, smes, "sme", "pre", kSmeBefore);
    run_funnel(script, drafts_first(smes, kSmeBefore), "sme", "post", kSmeAfter);
    run_funnel(script, readiness_order(all_engagements(programme), rng), "mentor", "post", kMentorAfter);

    // Paired before and after, before only, after only, neither: each group
    // in proportion, so that every share of SMEs (paired or not) is near it.
    std::array<std::vector<std::size_t>, 4> groups;
    for (std::size_t e = 0; e < mentorings; ++e) {
        const bool before = script.submitted(e, "sme", "pre");
        const bool after = script.submitted(e, "sme", "post");
        groups[before && after ? 0 : before ? 1 : after ? 2 : 3].push_back(e);
    }
    for (auto& group : groups) {
        assign_digital_items(script, std::move(group), rng);
    }

    // Found the mentoring useful: those whose digital intensity grew most
    // rank first.
    std::vector<Ranked> useful;
    for (std::size_t e = 0; e < mentorings; ++e) {
        if (script.submitted(e, "sme", "post")) {
            const auto [before, after] = script.digital_items(e);
            useful.push_back(
                {std::int64_t{300} * (after - before) + static_cast<std::int64_t>(rng.below(700)), e, "sme", "post"});
        }
    }
    const std::size_t answers = useful.size();
    decide(script, std::move(useful), "mentoring_useful", share_of(answers, kUsefulPercent));

    // One mentor of the twelve would not mentor again, in every questionnaire.
    std::vector<std::string> mentors;
    for (const auto& engagement : programme.engagements) {
        if (std::find(mentors.begin(), mentors.end(), engagement.mentor_participant_reference) == mentors.end()) {
            mentors.push_back(engagement.mentor_participant_reference);
        }
    }
    const std::string reluctant = mentors.empty() ? "" : mentors[rng.below(mentors.size())];
    for (std::size_t e = 0; e < mentorings; ++e) {
        script.set_success(e, "mentor", "post", "would_mentor_again",
                           programme.engagements[e].mentor_participant_reference != reluctant);
    }
    return script;
}

// Skills monitor: per round, of its respondents (90 in 2018; 87 in 2019, 72
// of them again). A round not listed here goes unanswered.
struct RoundFunnel {
    std::string_view round;
    Funnel funnel;
};
constexpr std::array<RoundFunnel, 2> kSkillsRounds = {{
    {"2018", {68, 3, 4}},
    {"2019", {66, 2, 4}},
}};

Funnel skills_funnel(std::string_view round) {
    for (const auto& [listed, funnel] : kSkillsRounds) {
        if (listed == round) {
            return funnel;
        }
    }
    return {};
}

Script skills_monitor_script(const DemoProgramme& programme) {
    Script script(programme.engagements.size());
    SplitMix64 rng(kResponsesSeed ^ seed_of({programme.slug}));
    std::map<std::string, std::vector<std::size_t>> rounds;
    for (std::size_t e = 0; e < programme.engagements.size(); ++e) {
        rounds[programme.engagements[e].round].push_back(e);
    }
    for (auto& [round, engagements] : rounds) {
        run_funnel(script, readiness_order(std::move(engagements), rng), "respondent", round, skills_funnel(round));
    }
    return script;
}

Script script_of(const DemoProgramme& programme) {
    if (programme.template_key == "mobilisesme") {
        return mobilisesme_script(programme);
    }
    if (programme.template_key == "digital-volunteers") {
        return digital_volunteers_script(programme);
    }
    if (programme.template_key == "skills-monitor") {
        return skills_monitor_script(programme);
    }
    return Script(programme.engagements.size());  // an unknown template: nobody answers
}

}  // namespace

std::vector<DemoAsk> asks_for(const DemoEngagement& engagement) {
    if (engagement.kind == "exchange") {
        return {{"sending", "pre"},  {"hosting", "pre"},  {"employee", "pre"},
                {"sending", "post"}, {"hosting", "post"}, {"employee", "post"}};
    }
    if (engagement.kind == "mentoring") {
        return {{"sme", "pre"}, {"sme", "post"}, {"mentor", "post"}};
    }
    return {{"respondent", engagement.round}};
}

std::vector<PlannedResponse> plan_responses(const DemoProgramme& programme) {
    const Script script = script_of(programme);
    std::vector<PlannedResponse> plan;
    for (std::size_t e = 0; e < programme.engagements.size(); ++e) {
        for (auto& ask : asks_for(programme.engagements[e])) {
            const auto outcome = script.outcome(e, ask.respondent, ask.wave);
            plan.push_back(
                {programme.engagements[e].reference, std::move(ask.respondent), std::move(ask.wave), outcome});
        }
    }
    return plan;
}

domain::Answers demo_answers(const DemoProgramme& programme, const DemoEngagement& engagement,
                             std::string_view respondent, std::string_view wave, const domain::Instrument& instrument) {
    const auto ours = std::find_if(programme.engagements.begin(), programme.engagements.end(),
                                   [&](const DemoEngagement& e) { return e.reference == engagement.reference; });
    if (ours == programme.engagements.end()) {
        throw std::invalid_argument("demo answers: " + engagement.reference + " is not an engagement of " +
                                    programme.slug);
    }
    const auto index = static_cast<std::size_t>(ours - programme.engagements.begin());
    const Script script = script_of(programme);
    return internal::answers_for({programme, index, engagement, respondent, wave, script}, instrument);
}

domain::Answers draft_answers(const domain::Instrument& instrument, const domain::Answers& answers) {
    domain::Answers first_page;
    if (instrument.sections.empty()) {
        return first_page;
    }
    for (const auto& question : instrument.sections.front().questions) {
        if (const auto it = answers.find(question.key); it != answers.end()) {
            first_page.insert(*it);
        }
    }
    return first_page;
}

}  // namespace yardstick::server::demo
