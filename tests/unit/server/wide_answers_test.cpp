// responses.csv read back: every answer a wide row holds comes back as it
// went in (types by the instrument version, multiple choices from their
// 0/1 columns, withheld answers left out), and a wrong cell is named by its
// column.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/csv/csv_table.hpp"
#include "server/exports/response_formats.hpp"
#include "server/exports/wide_answers.hpp"
#include "tests/unit/server/instrument_builders.hpp"

namespace yardstick::server::exports {
namespace {

using domain::QuestionType;

using testing::question;

domain::Instrument version_of(int version, std::vector<domain::Question> questions) {
    return testing::instrument(version, std::move(questions));
}

/// The row wide_row() writes for `answers`, parsed back into cells.
std::pair<ColumnIndex, std::vector<std::string>> written(const ExportLayout& layout, const domain::Answers& answers) {
    ExportRecord record;
    record.response.instrument = "survey";
    record.answers = answers;
    const auto text = wide_header(layout) + wide_row(layout, record);
    const auto parsed = csv::parse_csv(text, 10);
    EXPECT_TRUE(parsed.ok());
    return {index_columns(parsed.table().header), parsed.table().rows.at(0).cells};
}

const auto kVersion1 = version_of(1, {question("rating", QuestionType::likert5), question("again", QuestionType::boolean),
                                      question("hours", QuestionType::decimal), question("days", QuestionType::integer),
                                      question("goals", QuestionType::multiple, {"markets", "skills", "network"}),
                                      question("role", QuestionType::single, {"gave", "received"}),
                                      question("when", QuestionType::date),
                                      question("comment", QuestionType::text, {}, true)});
const auto kVersion2 = version_of(2, {question("rating", QuestionType::likert5), question("added", QuestionType::scale)});

TEST(WideAnswers, ComeBackAsTheyWentIn) {
    const ExportLayout layout({kVersion1, kVersion2});
    const domain::Answers answers = {{"rating", std::int64_t{4}},
                                     {"again", false},
                                     {"hours", 2.5},
                                     {"days", std::int64_t{-3}},
                                     {"goals", std::vector<std::string>{"markets", "network"}},
                                     {"role", std::string("gave")},
                                     {"when", std::string("2025-03-03")},
                                     {"comment", std::string("Anna was kind")}};
    const auto [columns, cells] = written(layout, answers);
    const auto read = answers_of_wide_row(layout, kVersion1, columns, cells);
    ASSERT_TRUE(read.ok()) << read.error().message;
    auto expected = answers;
    expected.erase("comment");  // withheld: never in the file
    EXPECT_EQ(read.value(), expected);
}

TEST(WideAnswers, TellNotAnsweredFromAnEmptySelection) {
    const ExportLayout layout({kVersion1});
    const auto [columns, cells] = written(layout, {{"goals", std::vector<std::string>{}}});
    const auto read = answers_of_wide_row(layout, kVersion1, columns, cells);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read.value(), (domain::Answers{{"goals", std::vector<std::string>{}}}));
    const auto [none_columns, none_cells] = written(layout, {});
    EXPECT_TRUE(answers_of_wide_row(layout, kVersion1, none_columns, none_cells).value().empty());
}

TEST(WideAnswers, NameEachWrongCellByItsColumn) {
    const ExportLayout layout({kVersion1, kVersion2});
    auto [columns, cells] = written(layout, {{"rating", std::int64_t{4}}});
    cells[columns.at("rating")] = "four";
    cells[columns.at("again")] = "yes";
    cells[columns.at("goals__skills")] = "2";
    cells[columns.at("added")] = "7";  // version 2's question, in a version 1 row
    const auto read = answers_of_wide_row(layout, kVersion1, columns, cells);
    ASSERT_FALSE(read.ok());
    std::vector<std::string> fields;
    for (const auto& problem : read.error().fields) {
        fields.push_back(problem.field);
    }
    EXPECT_EQ(fields, (std::vector<std::string>{"rating", "again", "goals__skills", "added"}));
}

}  // namespace
}  // namespace yardstick::server::exports
