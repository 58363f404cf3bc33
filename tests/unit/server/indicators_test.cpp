// Indicators as data: every template's indicators.json loads and fits its
// instruments, MobiliseSME carries the published figures' indicators, the
// files are in canonical form, and check_indicators() says what is wrong
// with a bad one, by path.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
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

std::vector<std::string> fields_of(const nlohmann::json& document) {
    const auto checked = json::indicators_from_json(document, instruments(), {"en"});
    EXPECT_FALSE(checked.ok()) << document.dump();
    std::vector<std::string> fields;
    if (!checked.ok()) {
        for (const auto& error : checked.error().fields) {
            fields.push_back(error.field);
        }
    }
    return fields;
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

}  // namespace
}  // namespace yardstick::server
