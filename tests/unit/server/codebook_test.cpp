// codebook.json carries what recompute needs and what an auditor reads:
// the template's instruments and indicators read back whole, every
// instrument version's questions with the columns they fill, and each
// column's SPSS and Stata names within the formats' limits.
#include <gtest/gtest.h>

#include "server/exports/codebook.hpp"
#include "server/json/indicator_json.hpp"
#include "server/json/instrument_json.hpp"

namespace yardstick::server::exports {
namespace {

std::vector<PublishedVersion> published(const templates::ProgrammeTemplate& programme_template) {
    std::vector<PublishedVersion> out;
    std::int64_t id = 0;
    for (const auto& instrument : programme_template.instruments) {
        sql::StoredInstrument stored{++id, instrument.key, instrument.version, instrument.wave, instrument.respondent,
                                     1, json::instrument_to_json(instrument).dump(), "2026-11-25T09:00:00.000000Z"};
        out.push_back({stored, instrument});
    }
    return out;
}

TEST(Codebook, GivesTheTemplateBackWhole) {
    for (const auto& programme_template : templates::bundled_templates()) {
        const auto versions = published(programme_template);
        std::vector<domain::Instrument> instruments;
        for (const auto& version : versions) {
            instruments.push_back(version.instrument);
        }
        const auto codebook = codebook_json(versions, ExportLayout(instruments), programme_template, "en");
        const auto read = template_of_codebook(nlohmann::json::parse(codebook.dump()));
        ASSERT_TRUE(read.ok()) << programme_template.key << ": " << read.error().message;
        EXPECT_EQ(read->key, programme_template.key);
        ASSERT_EQ(read->indicators.size(), programme_template.indicators.size());
        for (std::size_t i = 0; i < read->indicators.size(); ++i) {
            EXPECT_EQ(json::indicator_to_json(read->indicators[i]),
                      json::indicator_to_json(programme_template.indicators[i]));
        }
        ASSERT_EQ(read->instruments.size(), programme_template.instruments.size());
        for (std::size_t i = 0; i < read->instruments.size(); ++i) {
            EXPECT_EQ(json::instrument_to_json(read->instruments[i]),
                      json::instrument_to_json(programme_template.instruments[i]));
        }
    }
}

TEST(Codebook, MapsEveryColumnToItsQuestionAndItsStatisticsNames) {
    const auto* mobilisesme = templates::find_template("mobilisesme");
    ASSERT_NE(mobilisesme, nullptr);
    const auto versions = published(*mobilisesme);
    std::vector<domain::Instrument> instruments;
    for (const auto& version : versions) {
        instruments.push_back(version.instrument);
    }
    const ExportLayout layout(instruments);
    const auto codebook = codebook_json(versions, layout, *mobilisesme, "en");
    ASSERT_EQ(codebook["variables"].size(), ExportLayout::metadata_columns().size() + layout.columns().size());
    for (const auto& variable : codebook["variables"]) {
        EXPECT_LE(variable["stata_name"].get<std::string>().size(), 32u) << variable.dump();
        EXPECT_LE(variable["spss_name"].get<std::string>().size(), 64u) << variable.dump();
    }
    std::size_t items = 0;
    for (const auto& version : codebook["instrument_versions"]) {
        EXPECT_TRUE(version["definition"].is_object());
        for (const auto& item : version["items"]) {
            ++items;
            EXPECT_FALSE(item["columns"].empty()) << "every question keeps a column: " << item.dump();
        }
    }
    EXPECT_GT(items, 20u);
    EXPECT_EQ(codebook["missing_values"]["not_relevant"]["stata"], ".b");
}

}  // namespace
}  // namespace yardstick::server::exports
