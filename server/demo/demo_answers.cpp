#include "server/demo/demo_answers.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yardstick/domain/registry.hpp"

namespace yardstick::server::demo::internal {

/// One of `table`'s values, each in proportion to its weight.
std::int64_t draw(std::initializer_list<Weighted> table, SplitMix64& rng) {
    std::vector<int> weights;
    for (const Weighted& entry : table) {
        weights.push_back(entry.weight);
    }
    return (table.begin() + pick_weighted(weights, rng))->value;
}

ResponseOutcome Script::outcome(std::size_t engagement, std::string_view respondent, std::string_view wave) const {
    const auto it = outcomes_.find({std::string(respondent), std::string(wave)});
    return it == outcomes_.end() || engagement >= it->second.size() ? ResponseOutcome::not_opened
                                                                    : it->second[engagement];
}

void Script::set_outcome(std::size_t engagement, std::string_view respondent, std::string_view wave,
                         ResponseOutcome outcome) {
    auto& outcomes = outcomes_[{std::string(respondent), std::string(wave)}];
    outcomes.resize(engagements_, ResponseOutcome::not_opened);
    outcomes.at(engagement) = outcome;
}

bool Script::success(std::size_t engagement, std::string_view respondent, std::string_view wave,
                     std::string_view question, bool otherwise) const {
    const auto it = decisions_.find({{std::string(respondent), std::string(wave)}, std::string(question)});
    if (it == decisions_.end() || engagement >= it->second.size() || it->second[engagement] == Decision::open) {
        return otherwise;
    }
    return it->second[engagement] == Decision::success;
}

void Script::set_success(std::size_t engagement, std::string_view respondent, std::string_view wave,
                         std::string_view question, bool success) {
    auto& decisions = decisions_[{{std::string(respondent), std::string(wave)}, std::string(question)}];
    decisions.resize(engagements_, Decision::open);
    decisions.at(engagement) = success ? Decision::success : Decision::failure;
}

namespace {

struct WeightedChoice {
    std::string_view value;
    int weight;
};

/// `count` distinct values of `table` (fewer when fewer weigh anything),
/// each drawn in proportion to its weight among those left; in table order.
std::vector<std::string> draw_distinct(std::initializer_list<WeightedChoice> table, std::size_t count,
                                       SplitMix64& rng) {
    std::vector<int> weights;
    for (const WeightedChoice& entry : table) {
        weights.push_back(entry.weight);
    }
    const auto available =
        static_cast<std::size_t>(std::count_if(weights.begin(), weights.end(), [](int w) { return w > 0; }));
    std::vector<bool> chosen(weights.size(), false);
    for (std::size_t n = 0; n < std::min(count, available); ++n) {
        const std::size_t i = pick_weighted(weights, rng);
        chosen[i] = true;
        weights[i] = 0;
    }
    std::vector<std::string> values;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (chosen[i]) {
            values.emplace_back((table.begin() + i)->value);
        }
    }
    return values;
}

template <std::size_t N>
std::string phrase(const std::array<std::string_view, N>& phrases, SplitMix64& rng) {
    return std::string(phrases[rng.below(N)]);
}

std::int64_t clamp_level(std::int64_t level) {
    return std::clamp<std::int64_t>(level, 0, 5);
}

/// A five-point answer on the side the script decided: agree (4 or 5), or
/// not (mostly the neutral 3).
std::int64_t likert(bool agrees, SplitMix64& rng) {
    return agrees ? draw({{4, 52}, {5, 48}}, rng) : draw({{3, 62}, {2, 30}, {1, 8}}, rng);
}

/// A five-point answer that follows another one without being decided: a
/// satisfied respondent mostly agrees, a dissatisfied one mostly does not.
std::int64_t leaning(bool positive, SplitMix64& rng) {
    return positive ? draw({{5, 30}, {4, 50}, {3, 17}, {2, 3}}, rng) : draw({{4, 20}, {3, 45}, {2, 28}, {1, 7}}, rng);
}

// ---------------------------------------------------------------------------
// Answers

/// The answers being written to one instrument. A value is kept only for a
/// question the instrument asks (and a choice it offers), so that the same
/// writing serves every version of it; finish() answers what is required
/// and still open, and leaves out what is not relevant.
class AnswerSheet {
public:
    explicit AnswerSheet(const domain::Instrument& instrument) : instrument_(instrument) {}

    void number(std::string_view key, std::int64_t value) { set(key, domain::AnswerValue(value)); }
    void flag(std::string_view key, bool value) { set(key, domain::AnswerValue(value)); }
    void text(std::string_view key, std::string value) { set(key, domain::AnswerValue(std::move(value))); }

    void choice(std::string_view key, std::string_view value) {
        if (offers(key, value)) {
            set(key, domain::AnswerValue(std::string(value)));
        }
    }

    void choices(std::string_view key, const std::vector<std::string>& values) {
        std::vector<std::string> offered;
        for (const auto& value : values) {
            if (offers(key, value)) {
                offered.push_back(value);
            }
        }
        if (!offered.empty()) {
            set(key, domain::AnswerValue(std::move(offered)));
        }
    }

    /// Questions are visited in order, so a question's relevance is judged
    /// on the final answers to those before it.
    domain::Answers finish(SplitMix64& rng) {
        auto shown = domain::relevant_questions(instrument_, answers_);
        for (const auto& section : instrument_.sections) {
            for (const auto& question : section.questions) {
                if (std::find(shown.begin(), shown.end(), &question) == shown.end()) {
                    if (answers_.erase(question.key) > 0) {
                        shown = domain::relevant_questions(instrument_, answers_);
                    }
                } else if (question.required && answers_.count(question.key) == 0) {
                    answers_[question.key] = plain_answer(question, rng);
                    shown = domain::relevant_questions(instrument_, answers_);
                }
            }
        }
        return std::move(answers_);
    }

private:
    void set(std::string_view key, domain::AnswerValue value) {
        if (domain::find_question(instrument_, key) != nullptr) {
            answers_[std::string(key)] = std::move(value);
        }
    }

    bool offers(std::string_view key, std::string_view value) const {
        const auto* question = domain::find_question(instrument_, key);
        return question != nullptr && std::any_of(question->choices.begin(), question->choices.end(),
                                                  [&](const domain::Choice& c) { return c.value == value; });
    }

    /// A valid answer to a required question the demo does not know by key.
    static domain::AnswerValue plain_answer(const domain::Question& question, SplitMix64& rng) {
        using domain::QuestionType;
        switch (question.type) {
            case QuestionType::likert5:
                return std::int64_t{3} + static_cast<std::int64_t>(rng.below(2));
            case QuestionType::scale: {
                const std::int64_t low = question.min.value_or(0);
                const std::int64_t high = question.max.value_or(low + 1);
                return low + (high - low) * 2 / 3;
            }
            case QuestionType::boolean:
                return rng.percent(70);
            case QuestionType::single:
                return question.choices.empty() ? std::string()
                                                : question.choices[rng.below(question.choices.size())].value;
            case QuestionType::multiple:
                return question.choices.empty()
                           ? std::vector<std::string>{}
                           : std::vector<std::string>{question.choices[rng.below(question.choices.size())].value};
            case QuestionType::integer: {
                const std::int64_t value = question.min.value_or(1);
                return question.max ? std::min(value, *question.max) : value;
            }
            case QuestionType::decimal:
                return question.decimal_min.value_or(1.0);
            case QuestionType::date:
                return std::string("2018-06-01");
            case QuestionType::text:
                break;
        }
        return std::string("No further remarks.");
    }

    const domain::Instrument& instrument_;
    domain::Answers answers_;
};

const DemoOrganisation& organisation_of(const DemoProgramme& programme, const std::string& reference) {
    for (const auto& organisation : programme.organisations) {
        if (organisation.reference == reference) {
            return organisation;
        }
    }
    throw std::invalid_argument("demo answers: no organisation " + reference + " in " + programme.slug);
}

/// A headcount within the organisation's size class (EU definition: micro
/// under 10, small under 50, medium under 250).
std::int64_t headcount(std::string_view size, SplitMix64& rng) {
    if (size == "micro") {
        return 2 + static_cast<std::int64_t>(rng.below(8));
    }
    if (size == "small") {
        return 10 + static_cast<std::int64_t>(rng.below(40));
    }
    if (size == "medium") {
        return 50 + static_cast<std::int64_t>(rng.below(200));
    }
    return 250 + static_cast<std::int64_t>(rng.below(750));
}

/// The company questionnaires' sector choice for a NACE code.
std::string_view company_sector(std::string_view nace) {
    if (nace.starts_with("N79")) {
        return "tourism_hospitality";  // travel agencies
    }
    switch (nace.empty() ? ' ' : nace.front()) {
        case 'C':
            return "manufacturing";
        case 'F':
            return "construction";
        case 'G':
            return "trade";
        case 'H':
            return "transport_logistics";
        case 'I':
            return "tourism_hospitality";
        case 'J':
            return "ict";
        case 'M':
            return "professional_services";
        default:
            return "other";
    }
}

// ---------------------------------------------------------------------------
// MobiliseSME

constexpr std::array<std::string_view, 6> kCompanyHopes = {
    "We hope to find a distributor for our products in the partner's country.",
    "We want to see how the partner organises its production planning.",
    "A first contact with customers in a new market.",
    "New ideas for our online shop and our digital marketing.",
    "A better understanding of the certification rules in the partner's country.",
    "Our staff should get used to working in English with foreign colleagues.",
};
constexpr std::array<std::string_view, 5> kMismatches = {
    "The employee's background was further from our production process than the profile suggested.",
    "We expected more experience with export sales.",
    "The language barrier limited what could be done in the short time.",
    "Our needs changed between the matching and the start of the exchange.",
    "The tasks agreed beforehand were not the ones that came up on site.",
};
constexpr std::array<std::string_view, 7> kCompanyComments = {
    "The matchmaking platform made it easy to find a partner in the right sector.",
    "The paperwork took longer than expected, but the exchange itself went very well.",
    "Two weeks was too short to finish the joint project; a month would have been better.",
    "We would welcome more help with travel and accommodation.",
    "A very useful scheme for small companies that cannot run their own programmes abroad.",
    "The training plan agreed beforehand helped both sides.",
    "We are already planning a second exchange with the same partner.",
};
constexpr std::array<std::string_view, 5> kEmployeeHopes = {
    "Improve my language skills and see how a company of our size works abroad.",
    "Learn production techniques that we could introduce at home.",
    "Build contacts with suppliers and customers in another market.",
    "Gain confidence working in an international team.",
    "See how the partner uses digital tools in sales and planning.",
};
constexpr std::array<std::string_view, 6> kEmployeeComments = {
    "Working side by side with the hosting team taught me more than any course.",
    "The most valuable part was seeing a different way of organising the work.",
    "More help with practical matters such as housing would make it easier.",
    "I would have liked a little longer to finish the project we started.",
    "My language skills improved a lot in a few weeks.",
    "I now know whom to call when we need a partner in that market.",
};

/// The exchange's length in days, as registered (both ends included).
std::int64_t exchange_days(const DemoEngagement& exchange) {
    const auto starts = domain::parse_date(exchange.starts_on);
    const auto ends = domain::parse_date(exchange.ends_on);
    if (!starts.ok() || !ends.ok()) {
        return 30;  // not an exchange of the registry; any plausible length
    }
    return domain::days_between(*starts, *ends) + 1;
}

/// Whom the exchange's training was for, as the hosting company planned it;
/// the employee's account afterwards follows it.
std::string_view training_plan(const Invited& invited) {
    auto rng = invited.engagement_rng("training");
    static constexpr std::array<std::string_view, 4> kPlans = {"visiting_employee", "our_staff", "both", "not_decided"};
    return kPlans[pick_weighted({45, 15, 32, 8}, rng)];
}

void company_before(const Invited& invited, const DemoOrganisation& company, SplitMix64& rng, AnswerSheet& sheet) {
    sheet.number("staff_count", headcount(company.draft.size, rng));
    sheet.choice("sector", company_sector(company.draft.sector));
    const bool abroad = rng.percent(company.draft.size == "micro" ? 45 : 70);
    sheet.flag("crossborder_active", abroad);
    if (abroad) {
        sheet.number("crossborder_countries", 1 + static_cast<std::int64_t>(rng.below(rng.percent(80) ? 6 : 25)));
    }
    sheet.choices("exchange_goals", draw_distinct({{"new_markets", 30},
                                                   {"technical_know_how", 25},
                                                   {"digital_skills", 10},
                                                   {"partnerships", 22},
                                                   {"language_culture", 10},
                                                   {"innovation", 18},
                                                   {"staff_development", 16},
                                                   {"other", 2}},
                                                  1 + rng.below(3), rng));
    if (rng.percent(85)) {
        sheet.number("planned_days", exchange_days(invited.engagement));
    }
    if (rng.percent(90)) {
        sheet.choice("planned_training", training_plan(invited));
    }
    sheet.number("expect_crossborder_business", draw({{2, 5}, {3, 22}, {4, 45}, {5, 28}}, rng));
    sheet.number("expect_new_products_services", draw({{2, 10}, {3, 35}, {4, 38}, {5, 17}}, rng));
    if (rng.percent(90)) {
        sheet.number("expect_skills_benefit", draw({{3, 15}, {4, 50}, {5, 35}}, rng));
    }
    if (rng.percent(25)) {
        sheet.text("expectations_comment", phrase(kCompanyHopes, rng));
    }
}

void company_after(const Invited& invited, SplitMix64& rng, AnswerSheet& sheet) {
    if (rng.percent(80)) {
        // Mostly as planned; now and then the employee left a few days early.
        const std::int64_t planned = exchange_days(invited.engagement);
        sheet.number("exchange_days", rng.percent(85) ? planned
                                                      : std::max<std::int64_t>(
                                                            1, planned - 1 - static_cast<std::int64_t>(rng.below(5))));
    }
    const bool matched = invited.success("matched_needs", true);
    const std::int64_t match = likert(matched, rng);
    sheet.number("matched_needs", match);
    if (match <= 2 && rng.percent(75)) {
        sheet.text("matched_needs_issue", phrase(kMismatches, rng));
    }
    const bool crossborder = invited.success("crossborder_business", true);
    const bool new_products = invited.success("new_products_services", true);
    sheet.number("crossborder_business", likert(crossborder, rng));
    sheet.number("new_products_services", likert(new_products, rng));
    sheet.number("skills_benefit_company", leaning(matched, rng));
    if (rng.percent(85)) {
        sheet.choices("benefits_observed", draw_distinct({{"new_contacts", crossborder ? 40 : 12},
                                                          {"new_clients", crossborder ? 15 : 3},
                                                          {"new_partners", crossborder ? 18 : 6},
                                                          {"technical_know_how", new_products ? 30 : 15},
                                                          {"digital_skills", 12},
                                                          {"language_culture", 18},
                                                          {"new_processes", new_products ? 22 : 8},
                                                          {"staff_motivation", 20}},
                                                         1 + rng.below(3), rng));
    }
    sheet.flag("would_participate_again", rng.percent(matched ? 94 : 35));
    sheet.number("recommend", matched ? draw({{10, 22}, {9, 33}, {8, 28}, {7, 12}, {6, 5}}, rng)
                                      : draw({{3, 10}, {4, 15}, {5, 25}, {6, 30}, {7, 20}}, rng));
    if (rng.percent(20)) {
        sheet.text("comment", phrase(kCompanyComments, rng));
    }
}

constexpr std::array<std::string_view, 4> kSkillQuestions = {"skill_technical", "skill_language", "skill_intercultural",
                                                             "skill_business_abroad"};

/// A travelling employee as both questionnaires see them: drawn the same way
/// for either wave, so that the self-ratings after the exchange build on
/// those before it.
struct Traveller {
    std::int64_t languages = 0;
    bool stayed_abroad = false;
    std::string_view job_area;
    std::array<std::int64_t, 4> before{};  ///< kSkillQuestions, 0–5
    std::array<std::int64_t, 4> after{};
};

Traveller traveller(const Invited& invited) {
    auto rng = invited.respondent_rng();
    static constexpr std::array<std::string_view, 6> kJobAreas = {
        "management", "technical", "sales_marketing", "administration", "production_operations", "other"};
    Traveller t;
    t.languages = draw({{0, 8}, {1, 40}, {2, 35}, {3, 12}, {4, 5}}, rng);
    t.stayed_abroad = rng.percent(45);
    t.job_area = kJobAreas[pick_weighted({12, 34, 24, 10, 16, 4}, rng)];
    t.before[0] = draw({{2, 10}, {3, 40}, {4, 40}, {5, 10}}, rng);
    t.before[1] = clamp_level(1 + t.languages + draw({{-1, 30}, {0, 50}, {1, 20}}, rng));
    t.before[2] = clamp_level(draw({{1, 10}, {2, 30}, {3, 40}, {4, 20}}, rng) + (t.stayed_abroad ? 1 : 0));
    t.before[3] = draw({{0, 10}, {1, 25}, {2, 35}, {3, 25}, {4, 5}}, rng);
    // The change over the exchange: most gain a step in the foreign language
    // and in doing business abroad, fewer in their own trade; a few rate
    // themselves lower once they know what they did not know.
    const std::array<std::int64_t, 4> change = {
        draw({{-1, 5}, {0, 55}, {1, 40}}, rng),
        draw({{-1, 6}, {0, 34}, {1, 45}, {2, 15}}, rng),
        draw({{-1, 4}, {0, 40}, {1, 46}, {2, 10}}, rng),
        draw({{0, 35}, {1, 50}, {2, 15}}, rng),
    };
    for (std::size_t i = 0; i < change.size(); ++i) {
        t.after[i] = clamp_level(t.before[i] + change[i]);
    }
    return t;
}

void employee_answers(const Invited& invited, SplitMix64& rng, AnswerSheet& sheet) {
    const Traveller t = traveller(invited);
    const bool before = invited.wave == "pre";
    for (std::size_t i = 0; i < kSkillQuestions.size(); ++i) {
        sheet.number(kSkillQuestions[i], before ? t.before[i] : t.after[i]);
    }
    if (before) {
        if (rng.percent(92)) {
            sheet.choice("job_area", t.job_area);
        }
        sheet.number("languages_spoken", t.languages);
        sheet.flag("previous_stay_abroad", t.stayed_abroad);
        sheet.number("expect_professional_development", draw({{3, 10}, {4, 45}, {5, 45}}, rng));
        if (rng.percent(35)) {
            sheet.text("exchange_hopes", phrase(kEmployeeHopes, rng));
        }
        return;
    }
    if (rng.percent(92)) {
        const std::string_view plan = training_plan(invited);
        sheet.choice("training_role", plan == "visiting_employee" ? "received"
                                      : plan == "our_staff"       ? "gave"
                                      : plan == "both"            ? "both"
                                                                  : (rng.percent(50) ? "received" : "neither"));
    }
    const bool developed = invited.success("professional_development", true);
    sheet.number("professional_development", likert(developed, rng));
    sheet.number("career_opportunities", leaning(developed, rng));
    sheet.number("skills_benefit_company", leaning(developed, rng));
    // Net promoter score: mostly promoters among those the exchange helped.
    sheet.number("recommend", developed ? draw({{10, 28}, {9, 34}, {8, 22}, {7, 10}, {6, 6}}, rng)
                                        : draw({{4, 10}, {5, 20}, {6, 30}, {7, 25}, {8, 15}}, rng));
    if (rng.percent(90)) {
        sheet.flag("still_in_contact", rng.percent(70));
    }
    if (rng.percent(30)) {
        sheet.text("comment", phrase(kEmployeeComments, rng));
    }
}

void mobilisesme_answers(const Invited& invited, SplitMix64& rng, AnswerSheet& sheet) {
    if (invited.respondent == "employee") {
        employee_answers(invited, rng, sheet);
        return;
    }
    if (invited.wave == "pre") {
        const auto& reference = invited.respondent == "sending" ? invited.engagement.sending_organisation_reference
                                                                : invited.engagement.hosting_organisation_reference;
        company_before(invited, organisation_of(invited.programme, reference), rng, sheet);
        return;
    }
    company_after(invited, rng, sheet);
}

// ---------------------------------------------------------------------------
// Digital Volunteers

constexpr std::array<std::string_view, 12> kDigitalIntensityItems = {"dii_01", "dii_02", "dii_03", "dii_04",
                                                                     "dii_05", "dii_06", "dii_07", "dii_08",
                                                                     "dii_09", "dii_10", "dii_11", "dii_12"};
// How common each item is among small firms far from digital (internet
// access nearly everywhere, AI almost nowhere); the weights are invented,
// their order follows Eurostat's figures for small enterprises.
constexpr std::array<int, 12> kItemPrevalence = {90, 60, 18, 10, 55, 25, 60, 25, 12, 4, 12, 15};

constexpr std::array<std::string_view, 3> kMentoringIssues = {
    "More time with the mentor on site.",
    "Sessions closer to our daily work and less theory.",
    "A clear plan at the start of what we would achieve.",
};
constexpr std::array<std::string_view, 5> kSmeComments = {
    "The mentor helped us set up our online shop step by step.",
    "Two of our staff now look after our social media.",
    "We now use a CRM to follow up our customers.",
    "Very practical advice, adapted to a small business.",
    "We would like a follow-up session in a few months.",
};
constexpr std::array<std::string_view, 5> kMentorComments = {
    "The SME was very motivated; lack of time was the main obstacle.",
    "A fixed schedule of sessions from the start would help.",
    "I learned a lot about the constraints of small businesses.",
    "Remote sessions worked well once the tools were set up.",
    "The owner needs someone in the company to carry on after the mentoring.",
};

/// What the mentoring covered, as the SME and the mentor both report it.
std::vector<std::string> activities(const Invited& invited) {
    auto rng = invited.engagement_rng("activities");
    return draw_distinct({{"digital_marketing", 40}, {"cms_crm", 25}, {"digital_footprint", 35}, {"smart_labels", 8}},
                         1 + static_cast<std::size_t>(draw({{0, 40}, {1, 45}, {2, 15}}, rng)), rng);
}

/// The Digital Intensity Index items the SME has before and after the
/// mentoring: the script's numbers, the items drawn by how common they are,
/// and those gained during the mentoring by what it covered.
struct DigitalItems {
    std::array<bool, 12> before{};
    std::array<bool, 12> after{};
};

DigitalItems digital_items(const Invited& invited) {
    const auto [before, after] = invited.script.digital_items(invited.index);
    auto rng = invited.engagement_rng("digital-intensity");
    DigitalItems items;
    std::vector<int> weights(kItemPrevalence.begin(), kItemPrevalence.end());
    for (int n = 0; n < before; ++n) {
        const std::size_t i = pick_weighted(weights, rng);
        items.before[i] = true;
        weights[i] = 0;
    }
    items.after = items.before;
    // Marketing and the digital footprint bring social media and web sales,
    // CMS or CRM tools bring cloud services and CRM, smart labels IoT.
    std::array<int, 12> boost{};
    for (const auto& activity : activities(invited)) {
        if (activity == "digital_marketing" || activity == "digital_footprint") {
            boost[6] += 40;
            boost[7] += 35;
            boost[2] += 15;
            boost[3] += 10;
        } else if (activity == "cms_crm") {
            boost[11] += 45;
            boost[5] += 30;
            boost[4] += 25;
        } else if (activity == "smart_labels") {
            boost[8] += 40;
        }
    }
    auto present = [&] { return static_cast<int>(std::count(items.after.begin(), items.after.end(), true)); };
    while (present() < after) {
        std::vector<int> gains;
        for (std::size_t i = 0; i < items.after.size(); ++i) {
            gains.push_back(items.after[i] ? 0 : kItemPrevalence[i] / 3 + boost[i]);
        }
        items.after[pick_weighted(gains, rng)] = true;
    }
    while (present() > after) {
        // The least common item goes: a blog or a second network given up.
        std::size_t lost = items.after.size();
        for (std::size_t i = 0; i < items.after.size(); ++i) {
            if (items.after[i] && (lost == items.after.size() || kItemPrevalence[i] < kItemPrevalence[lost])) {
                lost = i;
            }
        }
        items.after[lost] = false;
    }
    return items;
}

void sme_answers(const Invited& invited, SplitMix64& rng, AnswerSheet& sheet) {
    const DigitalItems items = digital_items(invited);
    const bool before = invited.wave == "pre";
    for (std::size_t i = 0; i < kDigitalIntensityItems.size(); ++i) {
        sheet.flag(kDigitalIntensityItems[i], before ? items.before[i] : items.after[i]);
    }
    const auto covered = activities(invited);
    if (before) {
        const auto& sme = organisation_of(invited.programme, invited.engagement.sme_organisation_reference);
        sheet.number("staff_count", headcount(sme.draft.size, rng));
        sheet.choice("sector", company_sector(sme.draft.sector));
        // What the SME asked for: what the mentoring then covered, and now
        // and then one thing more.
        auto needs = covered;
        if (rng.percent(40)) {
            for (const auto& more : draw_distinct({{"digital_marketing", 30},
                                                   {"cms_crm", 25},
                                                   {"digital_footprint", 30},
                                                   {"smart_labels", 5},
                                                   {"other", 10}},
                                                  1, rng)) {
                if (std::find(needs.begin(), needs.end(), more) == needs.end()) {
                    needs.push_back(more);
                }
            }
        }
        sheet.choices("support_needs", needs);
        if (rng.percent(85)) {
            sheet.number("expect_digital_skills", draw({{3, 20}, {4, 50}, {5, 30}}, rng));
        }
        return;
    }
    sheet.choices("activities", covered);
    const bool useful = invited.success("mentoring_useful", true);
    const std::int64_t usefulness = likert(useful, rng);
    sheet.number("mentoring_useful", usefulness);
    if (usefulness <= 2 && rng.percent(70)) {
        sheet.text("mentoring_issue", phrase(kMentoringIssues, rng));
    }
    if (rng.percent(85)) {
        sheet.number("staff_skills_improved", leaning(useful, rng));
    }
    sheet.number("recommend", useful ? draw({{10, 25}, {9, 35}, {8, 25}, {7, 10}, {6, 5}}, rng)
                                     : draw({{3, 10}, {4, 15}, {5, 25}, {6, 30}, {7, 20}}, rng));
    if (rng.percent(20)) {
        sheet.text("comment", phrase(kSmeComments, rng));
    }
}

void mentor_answers(const Invited& invited, SplitMix64& rng, AnswerSheet& sheet) {
    sheet.number("mentoring_hours", 6 + static_cast<std::int64_t>(rng.below(55)));
    sheet.choices("activities", activities(invited));
    const DigitalItems items = digital_items(invited);
    const bool progressed = std::count(items.after.begin(), items.after.end(), true) >
                            std::count(items.before.begin(), items.before.end(), true);
    sheet.number("sme_progress", leaning(progressed, rng));
    if (rng.percent(80)) {
        sheet.choices("obstacles", draw_distinct({{"lack_of_time", 60},
                                                  {"basic_skills", 30},
                                                  {"budget", 25},
                                                  {"distance", 10},
                                                  {"language", 8},
                                                  {"other", 5}},
                                                 1 + rng.below(2), rng));
    }
    sheet.flag("would_mentor_again", invited.success("would_mentor_again", true));
    if (rng.percent(25)) {
        sheet.text("comment", phrase(kMentorComments, rng));
    }
}

void digital_volunteers_answers(const Invited& invited, SplitMix64& rng, AnswerSheet& sheet) {
    if (invited.respondent == "mentor") {
        mentor_answers(invited, rng, sheet);
    } else {
        sme_answers(invited, rng, sheet);
    }
}

// ---------------------------------------------------------------------------
// Skills monitor

constexpr std::array<std::string_view, 5> kSkillsComments = {
    "Finding training on IoT security that fits a small company is difficult.",
    "We mostly learn on the job; short courses would help.",
    "Our main gap is in data analysis.",
    "Certification paths are expensive for SMEs.",
    "We need people who understand both production and data.",
};

/// The study's three target groups, in the order the registry adds each
/// SME's respondents (an IT professional, an advanced user, a manager).
std::string_view target_group(const DemoProgramme& programme, const DemoParticipant& respondent) {
    static constexpr std::array<std::string_view, 3> kGroups = {"it_professional", "advanced_user", "manager"};
    const auto& participants = programme.participants;
    const auto colleagues_before =
        std::count_if(participants.begin(), participants.end(), [&](const DemoParticipant& p) {
            return &p < &respondent && p.organisation_reference == respondent.organisation_reference;
        });
    return kGroups[static_cast<std::size_t>(colleagues_before) % kGroups.size()];
}

std::string_view skills_sector(std::string_view nace) {
    switch (nace.empty() ? ' ' : nace.front()) {
        case 'C':
            return "manufacturing";
        case 'J':
            return "ict";
        case 'G':
            return "trade";
        case 'H':
            return "transport_logistics";
        case 'D':
        case 'E':
            return "energy_utilities";
        case 'K':
            return "finance_insurance";
        case 'M':
        case 'N':
            return "services";
        default:
            return "other";
    }
}

/// Rounds after the first (2018): 0 for 2018 or a label that is no year,
/// at most 3.
int rounds_after_first(std::string_view wave) {
    if (wave.size() != 4 || !std::all_of(wave.begin(), wave.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return 0;
    }
    const int year = std::stoi(std::string(wave));
    return std::clamp(year - 2018, 0, 3);
}

/// The level a role requires: IT professionals the most, in cybersecurity
/// above all; managers the least, except in governance, risk and policy.
std::int64_t required_level(std::string_view group, std::string_view competence) {
    const bool cyber = competence.starts_with("cs_");
    const bool managerial =
        competence == "bd_data_governance" || competence == "cs_risk_assessment" || competence == "cs_awareness_policy";
    if (group == "it_professional") {
        return competence == "cs_secure_development" ? 3 : cyber ? 4 : 3;
    }
    if (group == "advanced_user") {
        return managerial || competence.starts_with("bd_") ? 3 : 2;
    }
    return managerial ? 3 : competence == "cs_secure_development" || competence == "bd_machine_learning" ? 1 : 2;
}

/// The sequence a respondent's levels come from in every round: seeded by
/// their first round's engagement (the registry lists rounds in order), as
/// Invited::respondent_rng() seeds it in that round.
SplitMix64 levels_rng(const Invited& invited, const DemoParticipant& self) {
    const auto& engagements = invited.programme.engagements;
    const auto first = std::find_if(engagements.begin(), engagements.end(), [&](const DemoEngagement& e) {
        return e.respondent_participant_reference == self.reference;
    });
    const auto& reference = first == engagements.end() ? invited.engagement.reference : first->reference;
    return SplitMix64(kResponsesSeed ^ seed_of({invited.programme.slug, reference, invited.respondent}));
}

void self_assessment(const Invited& invited, SplitMix64& rng, const domain::Instrument& instrument,
                     AnswerSheet& sheet) {
    const auto& participants = invited.programme.participants;
    const auto self = std::find_if(participants.begin(), participants.end(), [&](const DemoParticipant& p) {
        return p.reference == invited.engagement.respondent_participant_reference;
    });
    if (self == participants.end()) {
        throw std::invalid_argument("demo answers: no participant " +
                                    invited.engagement.respondent_participant_reference);
    }
    const std::string_view group = target_group(invited.programme, *self);
    const auto& company = organisation_of(invited.programme, self->organisation_reference);
    sheet.choice("target_group", group);
    sheet.choice("company_size", company.draft.size);
    sheet.choice("sector", skills_sector(company.draft.sector));
    // Levels in the first round (2018), then what each later year adds,
    // drawn in the same order whichever round is asked for: a respondent's
    // later rounds build on their first. Someone new in a later round has
    // the years before it behind them too. Current levels grow faster than
    // the required ones, so the gap narrows.
    auto levels = levels_rng(invited, *self);
    const int round = rounds_after_first(invited.wave);
    constexpr std::string_view kCurrent = "_current";
    for (const auto& section : instrument.sections) {
        for (const auto& question : section.questions) {
            if (!question.key.ends_with(kCurrent)) {
                continue;
            }
            const std::string competence = question.key.substr(0, question.key.size() - kCurrent.size());
            std::int64_t required =
                clamp_level(required_level(group, competence) + draw({{-1, 20}, {0, 60}, {1, 20}}, levels));
            std::int64_t gap = draw({{-1, 4}, {0, 18}, {1, 38}, {2, 30}, {3, 10}}, levels);
            if (competence.starts_with("cs_") && levels.percent(20)) {
                ++gap;  // cybersecurity lags most
            }
            std::int64_t current = clamp_level(required - gap);
            for (int later = 1; later <= 3; ++later) {
                const std::int64_t more_required = levels.percent(15) ? 1 : 0;
                const std::int64_t learned = draw({{0, 35}, {1, 50}, {2, 15}}, levels);
                if (later <= round) {
                    required = clamp_level(required + more_required);
                    current = std::min(clamp_level(current + learned), required + 1);
                }
            }
            sheet.number(question.key, current);
            sheet.number(competence + "_required", required);
        }
    }
    if (rng.percent(75)) {
        sheet.choices("training_interest", draw_distinct({{"short_course", 40},
                                                          {"certification", 25},
                                                          {"mentoring", 15},
                                                          {"peer_exchange", 20},
                                                          {"online_self_study", 35}},
                                                         1 + rng.below(3), rng));
    }
    if (rng.percent(15)) {
        sheet.text("comment", phrase(kSkillsComments, rng));
    }
}

}  // namespace

domain::Answers answers_for(const Invited& invited, const domain::Instrument& instrument) {
    const auto& programme = invited.programme;
    SplitMix64 rng(kResponsesSeed ^
                   seed_of({programme.slug, invited.engagement.reference, invited.respondent, invited.wave}));
    AnswerSheet sheet(instrument);
    if (programme.template_key == "mobilisesme") {
        mobilisesme_answers(invited, rng, sheet);
    } else if (programme.template_key == "digital-volunteers") {
        digital_volunteers_answers(invited, rng, sheet);
    } else if (programme.template_key == "skills-monitor") {
        self_assessment(invited, rng, instrument, sheet);
    }
    return sheet.finish(rng);
}

}  // namespace yardstick::server::demo::internal
