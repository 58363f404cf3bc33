// The exports' columns and rows without a database: columns never shift
// when instruments change, multiple choices become 0/1 columns, personal
// answers stay out, and each format writes a response as documented.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/exports/export_job.hpp"
#include "server/exports/export_layout.hpp"
#include "server/exports/response_formats.hpp"
#include "tests/unit/server/instrument_builders.hpp"

namespace yardstick::server::exports {
namespace {

using domain::QuestionType;

using testing::instrument;
using testing::question;

std::vector<std::string> names(const ExportLayout& layout) {
    std::vector<std::string> out;
    for (const auto& column : layout.columns()) {
        out.push_back(column.name);
    }
    return out;
}

TEST(ExportLayout, GivesAMultipleChoiceOneColumnPerChoice) {
    const ExportLayout layout({instrument(
        "a", 1, {question("rating", QuestionType::likert5), question("goals", QuestionType::multiple, {"x", "y"})})});
    EXPECT_EQ(names(layout), (std::vector<std::string>{"rating", "goals__x", "goals__y"}));
    EXPECT_TRUE(layout.multiple("goals"));
}

TEST(ExportLayout, ColumnsNeverShiftWhenALaterVersionChanges) {
    const auto v1 = instrument("a", 1,
                               {question("first", QuestionType::integer), question("dropped", QuestionType::boolean),
                                question("goals", QuestionType::multiple, {"x", "y"})});
    // Version 2 drops a question, adds one before the others, adds a choice
    // in the middle and moves the rest.
    const auto v2 = instrument("a", 2,
                               {question("added", QuestionType::text), question("goals", QuestionType::multiple, {"x", "w", "y"}),
                                question("first", QuestionType::integer)});
    const auto before = names(ExportLayout({v1}));
    const auto after = names(ExportLayout({v1, v2}));
    ASSERT_GE(after.size(), before.size());
    EXPECT_EQ(std::vector<std::string>(after.begin(), after.begin() + static_cast<std::ptrdiff_t>(before.size())),
              before)
        << "every earlier column keeps its place";
    EXPECT_EQ(after, (std::vector<std::string>{"first", "dropped", "goals__x", "goals__y", "added", "goals__w"}));
}

TEST(ExportLayout, AQuestionNamedLikeAMetadataColumnIsPrefixed) {
    const ExportLayout layout({instrument("a", 1, {question("sector", QuestionType::single, {"c", "j"}),
                                                   question("size", QuestionType::integer)}),
                               instrument("b", 1, {question("sector", QuestionType::single, {"c", "j"})})});
    EXPECT_EQ(names(layout), (std::vector<std::string>{"q_sector", "q_size"}));
    EXPECT_EQ(layout.columns()[0].question, "sector");
}

TEST(ExportLayout, InstrumentsComeInTheOrderTheyWerePublished) {
    const ExportLayout layout({instrument("zeta", 1, {question("z", QuestionType::integer)}),
                               instrument("alpha", 1, {question("a", QuestionType::integer)})});
    EXPECT_EQ(names(layout), (std::vector<std::string>{"z", "a"}));
}

class ResponseFormats : public ::testing::Test {
protected:
    ExportLayout layout_{{instrument("sending-post", 1,
                                     {question("matched_needs", QuestionType::likert5),
                                      question("again", QuestionType::boolean),
                                      question("goals", QuestionType::multiple, {"markets", "skills", "products"}),
                                      question("comment", QuestionType::text, {}, true),
                                      question("share", QuestionType::decimal)})}};

    ExportRecord record_ = [] {
        ExportRecord record;
        record.response.response_id = 7;
        record.response.instrument = "sending-post";
        record.response.instrument_version = 1;
        record.response.wave = "post";
        record.response.respondent = "sending";
        record.response.country = "BE";
        record.response.sector = "C25";
        record.response.size = "small";
        record.response.engagement_id = 3;
        record.response.version = 2;
        record.response.submitted_at = "2026-11-25T08:00:00.000000Z";
        record.participant = "P-0123456789abcdef";
        record.organisation = "O-fedcba9876543210";
        record.answers = {{"matched_needs", std::int64_t{5}},
                          {"again", false},
                          {"goals", std::vector<std::string>{"markets", "products"}},
                          {"comment", std::string("Ask Claire, she knows")},
                          {"share", 0.25}};
        return record;
    }();
};

TEST_F(ResponseFormats, TheWideRowHasEveryColumnInOrder) {
    EXPECT_EQ(wide_header(layout_),
              "response_id,instrument,instrument_version,wave,respondent,participant,organisation,country,sector,"
              "size,engagement,submitted_at,matched_needs,again,goals__markets,goals__skills,goals__products,"
              "comment,share\r\n");
    EXPECT_EQ(wide_row(layout_, record_),
              "7,sending-post,1,post,sending,P-0123456789abcdef,O-fedcba9876543210,BE,C25,small,3,"
              "2026-11-25T08:00:00.000000Z,5,0,1,0,1,,0.25\r\n")
        << "the personal answer is withheld";
}

TEST_F(ResponseFormats, AnUnansweredQuestionIsEmptyEvenForAMultipleChoice) {
    record_.answers.erase("goals");
    record_.answers.erase("matched_needs");
    const auto row = wide_row(layout_, record_);
    EXPECT_NE(row.find("2026-11-25T08:00:00.000000Z,,0,,,,,0.25\r\n"), std::string::npos) << row;
}

TEST_F(ResponseFormats, TextIsQuotedAsRfc4180Says) {
    ExportLayout layout({instrument("i", 1, {question("note", QuestionType::text)})});
    record_.answers = {{"note", std::string("one, \"two\"\nthree")}};
    const auto row = wide_row(layout, record_);
    EXPECT_NE(row.find(",\"one, \"\"two\"\"\nthree\"\r\n"), std::string::npos) << row;
}

TEST_F(ResponseFormats, TheLongRowsAreOnePerAnswer) {
    const auto rows = long_rows(layout_, record_);
    const std::string prefix =
        "7,sending-post,1,post,sending,P-0123456789abcdef,O-fedcba9876543210,BE,C25,small,3,"
        "2026-11-25T08:00:00.000000Z,";
    EXPECT_EQ(rows, prefix + "matched_needs,5\r\n" + prefix + "again,0\r\n" + prefix + "goals,markets\r\n" + prefix +
                        "goals,products\r\n" + prefix + "share,0.25\r\n");
    EXPECT_EQ(long_header().substr(long_header().size() - 16), "question,value\r\n");
}

TEST_F(ResponseFormats, TheNdjsonLineCarriesTheHistoryWithoutPersonalAnswers) {
    const std::vector<sql::ExportedVersion> versions = {
        {7, 1, 1, "2026-11-24T08:00:00.000000Z", R"({"matched_needs": 2, "comment": "secret"})"},
        {7, 2, 1, "2026-11-25T08:00:00.000000Z", R"({"matched_needs": 5, "comment": "secret"})"}};
    const auto line = ndjson_line(layout_, record_, versions);
    ASSERT_EQ(line.back(), '\n');
    const auto object = nlohmann::json::parse(line);
    EXPECT_EQ(object["response_id"], 7);
    EXPECT_EQ(object["participant"], "P-0123456789abcdef");
    EXPECT_EQ(object["answers"]["goals"], (nlohmann::json{"markets", "products"}));
    EXPECT_FALSE(object["answers"].contains("comment"));
    ASSERT_EQ(object["versions"].size(), 2u);
    EXPECT_EQ(object["versions"][0]["answers"], (nlohmann::json{{"matched_needs", 2}}));
    EXPECT_EQ(line.find("secret"), std::string::npos);
}

TEST(Pseudonyms, AreStablePerProgrammeAndKindAndRevealNothing) {
    const auto key = security::MasterKey::generate();
    const auto participant = pseudonym(key, 1, "participant", 42);
    EXPECT_EQ(participant, pseudonym(key, 1, "participant", 42));
    EXPECT_EQ(participant.size(), 18u);
    EXPECT_EQ(participant.substr(0, 2), "P-");
    EXPECT_NE(participant, pseudonym(key, 2, "participant", 42)) << "unlinkable across programmes";
    EXPECT_NE(participant, pseudonym(key, 1, "participant", 43));
    EXPECT_EQ(pseudonym(key, 1, "organisation", 42).substr(0, 2), "O-");
    EXPECT_NE(participant, pseudonym(security::MasterKey::generate(), 1, "participant", 42));
    EXPECT_NE(participant.substr(2), std::string(16, '0'));
}

TEST(FilterTimes, AreDatesOrRfc3339Times) {
    for (const auto* good : {"2026-11-01", "2026-11-01T09:30:00Z", "2026-11-01T09:30:00.123456+01:00"}) {
        EXPECT_TRUE(is_filter_time(good)) << good;
    }
    for (const auto* bad : {"", "yesterday", "2026-02-30", "2026-11-01T09:30Z", "2026-11-01 09:30:00", "1/11/2026",
                            "2026-11-01T25:00:00Z", "2026-11-01T09:61:00Z"}) {
        EXPECT_FALSE(is_filter_time(bad)) << bad;
    }
}

}  // namespace
}  // namespace yardstick::server::exports
