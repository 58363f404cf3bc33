#include "server/templates/bundled_templates.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/json/instrument_json.hpp"

namespace yardstick::server::templates {
namespace {

const BundledFile* find_file(std::string_view path) {
    const auto files = bundled_template_files();
    const auto it = std::find_if(files.begin(), files.end(), [&](const BundledFile& f) { return f.path == path; });
    return it == files.end() ? nullptr : &*it;
}

std::string throw_message(const std::vector<BundledFile>& files) {
    try {
        (void)load_templates(files);
    } catch (const std::logic_error& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

TEST(BundledTemplates, EveryBundledFileLoads) {
    ASSERT_NO_THROW(bundled_templates());
    const auto& templates = bundled_templates();
    ASSERT_EQ(templates.size(), 3u);
    EXPECT_EQ(templates[0].key, "digital-volunteers");
    EXPECT_EQ(templates[1].key, "mobilisesme");
    EXPECT_EQ(templates[2].key, "skills-monitor");

    std::size_t instruments = 0;
    std::size_t instrument_files = 0;
    for (const auto& file : bundled_template_files()) {
        instrument_files += file.path.find("/instruments/") != std::string_view::npos ? 1 : 0;
    }
    for (const auto& programme : templates) {
        instruments += programme.instruments.size();
        EXPECT_TRUE(std::is_sorted(programme.instruments.begin(), programme.instruments.end(),
                                   [](const auto& a, const auto& b) { return a.key < b.key; }));
    }
    EXPECT_EQ(instruments, instrument_files);
    EXPECT_EQ(instruments, 11u);
}

TEST(BundledTemplates, EachInstrumentFileIsItsOwnCanonicalForm) {
    // Reading and writing back loses nothing: every member the files use is modelled.
    for (const auto& file : bundled_template_files()) {
        if (file.path.find("/instruments/") == std::string_view::npos) {
            continue;
        }
        SCOPED_TRACE(std::string(file.path));
        const auto document = nlohmann::json::parse(file.text);
        const auto instrument = json::instrument_from_json(document);
        ASSERT_TRUE(instrument.ok());
        EXPECT_EQ(json::instrument_to_json(*instrument), document);
    }
}

TEST(BundledTemplates, ProgrammesCarryKindNameAndSettings) {
    const auto* mobilisesme = find_template("mobilisesme");
    ASSERT_NE(mobilisesme, nullptr);
    EXPECT_EQ(mobilisesme->kind, domain::ProgrammeKind::exchange);
    EXPECT_EQ(mobilisesme->settings.exchange_min_days, 14);
    EXPECT_EQ(mobilisesme->settings.exchange_max_days, 61);
    EXPECT_EQ(mobilisesme->settings.suppression_threshold, 5);
    EXPECT_EQ(mobilisesme->settings.default_language, "en");
    for (const auto* language : {"en", "fr", "de", "it"}) {
        EXPECT_FALSE(mobilisesme->name.at(language).empty()) << language;
        EXPECT_FALSE(mobilisesme->description.at(language).empty()) << language;
    }
    EXPECT_EQ(mobilisesme->instruments.size(), 6u);

    const auto* volunteers = find_template("digital-volunteers");
    ASSERT_NE(volunteers, nullptr);
    EXPECT_EQ(volunteers->kind, domain::ProgrammeKind::mentoring);
    const auto* skills = find_template("skills-monitor");
    ASSERT_NE(skills, nullptr);
    EXPECT_EQ(skills->kind, domain::ProgrammeKind::skills_monitor);
    // One instrument per survey round, with the same questions.
    ASSERT_EQ(skills->instruments.size(), 2u);
    EXPECT_EQ(skills->instruments[0].key, "skills-self-assessment");
    EXPECT_EQ(skills->instruments[0].wave, "2018");
    EXPECT_EQ(skills->instruments[1].key, "skills-self-assessment-2019");
    EXPECT_EQ(skills->instruments[1].wave, "2019");
    EXPECT_EQ(skills->instruments[1].respondent, skills->instruments[0].respondent);
    EXPECT_EQ(json::instrument_to_json(skills->instruments[1]).at("sections"),
              json::instrument_to_json(skills->instruments[0]).at("sections"));
}

TEST(BundledTemplates, ScalesKeepTheirAnchors) {
    const auto* skills = find_template("skills-monitor");
    ASSERT_NE(skills, nullptr);
    std::size_t anchored = 0;
    for (const auto& section : skills->instruments[0].sections) {
        for (const auto& question : section.questions) {
            if (!question.anchor_min.empty()) {
                EXPECT_EQ(question.type, domain::QuestionType::scale);
                EXPECT_EQ(question.anchor_max.size(), 4u) << question.key;
                ++anchored;
            }
        }
    }
    EXPECT_GT(anchored, 0u);
}

TEST(BundledTemplates, FindTemplateByKey) {
    EXPECT_EQ(find_template("nope"), nullptr);
    EXPECT_EQ(find_template(""), nullptr);
    EXPECT_EQ(find_template("mobilisesme"), find_template("mobilisesme"));  // one parsed copy
}

TEST(BundledTemplates, ABrokenInstrumentIsABuildDefectNamingTheFile) {
    const auto* programme = find_file("mobilisesme/programme.json");
    ASSERT_NE(programme, nullptr);
    const std::string broken = R"({"key": "mobilisesme-sending-pre", "version": "one"})";
    const auto message = throw_message({*programme, {"mobilisesme/instruments/mobilisesme-sending-pre.json", broken}});
    EXPECT_NE(message.find("mobilisesme/instruments/mobilisesme-sending-pre.json: version: must be a whole number"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("mobilisesme/instruments/mobilisesme-sending-pre.json: sections: is required"),
              std::string::npos)
        << message;
}

TEST(BundledTemplates, RejectsInvalidJsonMismatchedKeysAndMissingProgrammes) {
    const auto* programme = find_file("mobilisesme/programme.json");
    const auto* instrument = find_file("mobilisesme/instruments/mobilisesme-sending-pre.json");
    ASSERT_NE(programme, nullptr);
    ASSERT_NE(instrument, nullptr);

    auto message = throw_message({*programme, {"mobilisesme/instruments/x.json", "{not json"}});
    EXPECT_NE(message.find("mobilisesme/instruments/x.json: not valid JSON"), std::string::npos) << message;

    message = throw_message({*programme, {"mobilisesme/instruments/renamed.json", instrument->text}});
    EXPECT_NE(message.find("renamed.json: key: must match the file name, renamed"), std::string::npos) << message;

    message = throw_message({{"orphan/instruments/mobilisesme-sending-pre.json", instrument->text}});
    EXPECT_NE(message.find("orphan: has no programme.json"), std::string::npos) << message;

    message = throw_message({{"mobilisesme/programme.json", R"({"template": "other", "kind": "bus"})"}});
    EXPECT_NE(message.find("mobilisesme/programme.json: template: must be the directory name"), std::string::npos)
        << message;
    EXPECT_NE(message.find("mobilisesme/programme.json: kind: must be"), std::string::npos) << message;
    EXPECT_NE(message.find("mobilisesme/programme.json: settings: is required"), std::string::npos) << message;
}

TEST(BundledTemplates, LoadsAGoodSetOfFiles) {
    const auto* programme = find_file("mobilisesme/programme.json");
    const auto* instrument = find_file("mobilisesme/instruments/mobilisesme-sending-pre.json");
    ASSERT_NE(programme, nullptr);
    ASSERT_NE(instrument, nullptr);
    // A template needs its indicators; this one counts registered organisations only.
    const BundledFile indicators{"mobilisesme/indicators.json", R"([{"id": "registered_organisations",
        "label": {"en": "Registered", "fr": "Inscrites", "de": "Registriert", "it": "Registrate"},
        "method": {"en": "Counted.", "fr": "Compté.", "de": "Gezählt.", "it": "Contato."},
        "kind": "count", "counts": "registered_organisations"}])"};
    const auto loaded = load_templates(std::vector<BundledFile>{*programme, indicators, *instrument});
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].key, "mobilisesme");
    ASSERT_EQ(loaded[0].instruments.size(), 1u);
    EXPECT_EQ(loaded[0].instruments[0].key, "mobilisesme-sending-pre");
    ASSERT_EQ(loaded[0].indicators.size(), 1u);
    EXPECT_EQ(loaded[0].indicators[0].counts, domain::CountedThing::registered_organisations);
}

}  // namespace
}  // namespace yardstick::server::templates
