// Indicators as data: every template's indicators.json loads and fits its
// instruments, MobiliseSME carries the published figures' indicators, the
// files are in canonical form, and check_indicators() says what is wrong
// with a bad one, by path.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/json/indicator_json.hpp"
#include "server/templates/bundled_templates.hpp"

namespace yardstick::server {
namespace {

using domain::IndicatorKind;

const templates::ProgrammeTemplate& template_of(const std::string& key) {
    const auto* found = templates::find_template(key);
    EXPECT_NE(found, nullptr) << key;
    return *found;
}

TEST(Indicators, MobiliseSmeCarriesThePublishedFigures) {
    const auto& mobilisesme = template_of("mobilisesme");
    const std::map<std::string, IndicatorKind> expected = {
        {"registered_organisations", IndicatorKind::count},
        {"exchanges", IndicatorKind::count},
        {"sectors", IndicatorKind::count},
        {"countries", IndicatorKind::count},
        {"sending_matched_needs", IndicatorKind::share},
        {"hosting_matched_needs", IndicatorKind::share},
        {"crossborder_business", IndicatorKind::share},
        {"new_products_services", IndicatorKind::share},
        {"employee_professional_development", IndicatorKind::share},
    };
    for (const auto& [id, kind] : expected) {
        const auto it = std::find_if(mobilisesme.indicators.begin(), mobilisesme.indicators.end(),
                                     [&id = id](const domain::Indicator& indicator) { return indicator.id == id; });
        ASSERT_NE(it, mobilisesme.indicators.end()) << id;
        EXPECT_EQ(it->kind, kind) << id;
    }
}

TEST(Indicators, EveryTemplateHasIndicatorsOfItsKind) {
    for (const auto& entry : templates::bundled_templates()) {
        EXPECT_FALSE(entry.indicators.empty()) << entry.key;
        for (const auto& indicator : entry.indicators) {
            for (const auto* language : {"en", "fr", "de", "it"}) {
                EXPECT_FALSE(indicator.label.at(language).empty()) << entry.key << " " << indicator.id;
                EXPECT_FALSE(indicator.method.at(language).empty()) << entry.key << " " << indicator.id;
            }
        }
    }
    const auto has = [](const templates::ProgrammeTemplate& entry, IndicatorKind kind) {
        return std::any_of(entry.indicators.begin(), entry.indicators.end(),
                           [kind](const domain::Indicator& indicator) { return indicator.kind == kind; });
    };
    EXPECT_TRUE(has(template_of("digital-volunteers"), IndicatorKind::digital_intensity));
    EXPECT_TRUE(has(template_of("skills-monitor"), IndicatorKind::skills_gap));
    EXPECT_TRUE(has(template_of("mobilisesme"), IndicatorKind::paired_change));
    EXPECT_TRUE(has(template_of("mobilisesme"), IndicatorKind::agreement));
}

TEST(Indicators, EachFileIsItsOwnCanonicalForm) {
    for (const auto& file : templates::bundled_template_files()) {
        if (!file.path.ends_with("/indicators.json")) {
            continue;
        }
        const auto document = nlohmann::json::parse(file.text);
        const auto key = file.path.substr(0, file.path.find('/'));
        const auto& entry = template_of(std::string(key));
        ASSERT_EQ(document.size(), entry.indicators.size());
        for (std::size_t i = 0; i < document.size(); ++i) {
            EXPECT_EQ(json::indicator_to_json(entry.indicators[i]), document[i]) << file.path << " [" << i << "]";
        }
    }
}

// The MobiliseSME instruments, for checking made-up indicators against.
const std::vector<domain::Instrument>& instruments() {
    return template_of("mobilisesme").instruments;
}

std::vector<std::string> fields_against(const nlohmann::json& document, const std::vector<domain::Instrument>& against,
                                        const std::vector<std::string>& languages) {
    const auto checked = json::indicators_from_json(document, against, languages);
    EXPECT_FALSE(checked.ok()) << document.dump();
    std::vector<std::string> fields;
    if (!checked.ok()) {
        for (const auto& error : checked.error().fields) {
            fields.push_back(error.field);
        }
    }
    return fields;
}

std::vector<std::string> fields_of(const nlohmann::json& document) {
    return fields_against(document, instruments(), {"en"});
}

bool names(const std::vector<std::string>& fields, const std::string& field) {
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

nlohmann::json share(const std::string& instrument, const std::string& question, nlohmann::json success) {
    return {{"id", "a_share"},
            {"label", {{"en", "A share"}}},
            {"method", {{"en", "How."}}},
            {"kind", "share"},
            {"reads", {{{"instrument", instrument}, {"question", question}}}},
            {"success", success}};
}

TEST(Indicators, AShareMustReadAQuestionItsRuleFits) {
    EXPECT_TRUE(json::indicators_from_json(
                    nlohmann::json::array({share("mobilisesme-sending-post", "matched_needs", {{"at_least", 4}})}),
                    instruments(), {"en"})
                    .ok());
    EXPECT_TRUE(names(fields_of(nlohmann::json::array({share("no-such", "matched_needs", {{"at_least", 4}})})),
                      "[0].reads[0].instrument"));
    EXPECT_TRUE(names(fields_of(nlohmann::json::array({share("mobilisesme-sending-post", "nope", {{"at_least", 4}})})),
                      "[0].reads[0].question"));
    EXPECT_TRUE(names(fields_of(nlohmann::json::array(
                          {share("mobilisesme-sending-post", "exchange_days", {{"at_least", 4}})})),
                      "[0].reads[0].question"))
        << "at_least needs a Likert or scale question";
    EXPECT_TRUE(names(fields_of(nlohmann::json::array(
                          {share("mobilisesme-sending-post", "matched_needs", {{"at_least", 6}})})),
                      "[0].success.at_least"))
        << "outside 1–5";
    EXPECT_TRUE(names(fields_of(nlohmann::json::array(
                          {share("mobilisesme-sending-post", "matched_needs", {{"equals", true}})})),
                      "[0].reads[0].question"))
        << "equals needs a yes/no question";
}

TEST(Indicators, KindsNeedTheirMembersAndOnlyThose) {
    auto count = share("mobilisesme-sending-post", "matched_needs", {{"at_least", 4}});
    count["kind"] = "count";
    const auto fields = fields_of(nlohmann::json::array({count}));
    EXPECT_TRUE(names(fields, "[0].counts")) << "needed";
    EXPECT_TRUE(names(fields, "[0].reads")) << "not used";
    EXPECT_TRUE(names(fields, "[0].success")) << "not used";

    auto unknown = share("mobilisesme-sending-post", "matched_needs", {{"at_least", 4}});
    unknown["colour"] = "blue";
    unknown["kind"] = "median";
    const auto more = fields_of(nlohmann::json::array({unknown, unknown}));
    EXPECT_TRUE(names(more, "[0].colour"));
    EXPECT_TRUE(names(more, "[0].kind"));
}

TEST(Indicators, IdsAreUniqueAndTextsComplete) {
    const auto one = share("mobilisesme-sending-post", "matched_needs", {{"at_least", 4}});
    const auto checked = json::indicators_from_json(nlohmann::json::array({one, one}), instruments(), {"en", "fr"});
    ASSERT_FALSE(checked.ok());
    std::vector<std::string> fields;
    for (const auto& error : checked.error().fields) {
        fields.push_back(error.field);
    }
    EXPECT_TRUE(names(fields, "[1].id"));
    EXPECT_TRUE(names(fields, "[0].label.fr"));
    EXPECT_TRUE(names(fields, "[0].method.fr"));
}

TEST(Indicators, APairedChangeComparesTheSameQuestionTypeAcrossWaves) {
    nlohmann::json change = {{"id", "change"},
                             {"label", {{"en", "Change"}}},
                             {"method", {{"en", "How."}}},
                             {"kind", "paired_change"},
                             {"pre", {{"instrument", "mobilisesme-employee-pre"}, {"question", "skill_language"}}},
                             {"post", {{"instrument", "mobilisesme-employee-post"}, {"question", "skill_language"}}}};
    EXPECT_TRUE(json::indicators_from_json(nlohmann::json::array({change}), instruments(), {"en"}).ok());
    change["post"]["question"] = "still_in_contact";
    EXPECT_TRUE(names(fields_of(nlohmann::json::array({change})), "[0].post.question"));
    change["post"] = {{"instrument", "mobilisesme-employee-pre"}, {"question", "skill_language"}};
    EXPECT_TRUE(names(fields_of(nlohmann::json::array({change})), "[0].post.instrument")) << "the same wave twice";
}

// The skills monitor's indicators as the file has them: [0] respondents, [1] the skills gap.
nlohmann::json skills_monitor_indicators() {
    nlohmann::json document = nlohmann::json::array();
    for (const auto& indicator : template_of("skills-monitor").indicators) {
        document.push_back(json::indicator_to_json(indicator));
    }
    return document;
}

const std::vector<std::string> kLanguages = {"en", "fr", "de", "it"};

TEST(Indicators, TheSkillsGapReadsOneInstrumentPerRound) {
    const auto& skills = template_of("skills-monitor");
    const auto gap = std::find_if(skills.indicators.begin(), skills.indicators.end(),
                                  [](const domain::Indicator& indicator) { return indicator.id == "skills_gap"; });
    ASSERT_NE(gap, skills.indicators.end());
    EXPECT_EQ(gap->instruments, (std::vector<std::string>{"skills-self-assessment", "skills-self-assessment-2019"}));
    std::vector<std::string> waves;
    for (const auto& key : gap->instruments) {
        const auto in = std::find_if(skills.instruments.begin(), skills.instruments.end(),
                                     [&](const domain::Instrument& candidate) { return candidate.key == key; });
        ASSERT_NE(in, skills.instruments.end()) << key;
        waves.push_back(in->wave);
    }
    EXPECT_EQ(waves, (std::vector<std::string>{"2018", "2019"})) << "in round order";
}

TEST(Indicators, ASkillsGapChecksEveryRoundsInstrument) {
    const auto& skills = template_of("skills-monitor").instruments;
    auto document = skills_monitor_indicators();
    ASSERT_EQ(document.size(), 2u);
    ASSERT_EQ(document[1].value("kind", ""), "skills_gap");
    EXPECT_TRUE(json::indicators_from_json(document, skills, kLanguages).ok());

    auto unknown = document;
    unknown[1]["instruments"][1] = "skills-self-assessment-2020";
    EXPECT_TRUE(names(fields_against(unknown, skills, kLanguages), "[1].instruments[1]"));
    auto twice = document;
    twice[1]["instruments"][1] = "skills-self-assessment";
    EXPECT_TRUE(names(fields_against(twice, skills, kLanguages), "[1].instruments[1]")) << "one per round";
    auto none = document;
    none[1]["instruments"] = nlohmann::json::array();
    EXPECT_TRUE(names(fields_against(none, skills, kLanguages), "[1].instruments")) << "needed";

    // A later round that lost a pair's question, or the group question, or asks other respondents.
    auto changed = skills;
    auto& later = *std::find_if(changed.begin(), changed.end(), [](const domain::Instrument& candidate) {
        return candidate.key == "skills-self-assessment-2019";
    });
    for (auto& section : later.sections) {
        std::erase_if(section.questions, [](const domain::Question& question) {
            return question.key == "iot_security_required" || question.key == "target_group";
        });
    }
    auto fields = fields_against(document, changed, kLanguages);
    EXPECT_TRUE(names(fields, "[1].areas[1].pairs[3]")) << "iot_security is the IoT area's fourth pair";
    EXPECT_TRUE(names(fields, "[1].group_question"));
    EXPECT_FALSE(names(fields, "[1].areas[0].pairs[0]"));
    later.respondent = "manager";
    EXPECT_TRUE(names(fields_against(document, changed, kLanguages), "[1].instruments[1]"));
}

TEST(Indicators, ASkillsGapNamesItsInstrumentsInAList) {
    const auto& skills = template_of("skills-monitor").instruments;
    auto single = skills_monitor_indicators();
    single[1].erase("instruments");
    single[1]["instrument"] = "skills-self-assessment";
    EXPECT_TRUE(names(fields_against(single, skills, kLanguages), "[1].instrument")) << "not a member any more";

    auto text = skills_monitor_indicators();
    text[1]["instruments"] = "skills-self-assessment";
    EXPECT_TRUE(names(fields_against(text, skills, kLanguages), "[1].instruments")) << "must be an array";
    auto number = skills_monitor_indicators();
    number[1]["instruments"][0] = 2018;
    EXPECT_TRUE(names(fields_against(number, skills, kLanguages), "[1].instruments[0]")) << "must be a string";
}

}  // namespace
}  // namespace yardstick::server
