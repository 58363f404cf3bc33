// The SPSS and Stata variables and cells without a database (the files
// themselves are read by PSPP and R in tests/http/statistics_export_test.cpp):
// labels, codes that survive a new version, names within the formats'
// limits, and the two kinds of missing answer.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "server/exports/statistics_file.hpp"
#include "tests/unit/server/instrument_builders.hpp"

namespace yardstick::server::exports {
namespace {

using domain::QuestionType;
using Kind = StatisticsVariable::Kind;
using State = StatisticsCell::State;

using testing::instrument;
using testing::question;

const StatisticsVariable& variable(const std::vector<StatisticsVariable>& variables, const std::string& column) {
    for (const auto& v : variables) {
        if (v.column == column) {
            return v;
        }
    }
    throw std::out_of_range(column);
}

TEST(StatisticsVariables, LabelAndCodeEveryAnswer) {
    const std::vector<domain::Instrument> versions = {
        instrument(1, {question("rating", QuestionType::likert5), question("again", QuestionType::boolean),
                       question("channel", QuestionType::single, {"web", "mail"}),
                       question("goals", QuestionType::multiple, {"x"}), question("days", QuestionType::integer),
                       question("note", QuestionType::text)})};
    const auto variables =
        statistics_variables(ExportLayout(versions), versions, "fr", StatisticsFormat::spss_sav);
    ASSERT_EQ(variables.size(), 12u + 6u);
    EXPECT_EQ(variables[0].name, "response_id");
    EXPECT_EQ(variable(variables, "rating").label, "Texte de rating");
    EXPECT_EQ(variable(variables, "rating").kind, Kind::coded);
    EXPECT_EQ(variable(variables, "rating").value_labels.front(),
              (std::pair<int, std::string>{1, "Pas du tout d'accord"}));
    EXPECT_EQ(variable(variables, "again").value_labels,
              (std::vector<std::pair<int, std::string>>{{0, "No"}, {1, "Yes"}}));
    EXPECT_EQ(variable(variables, "channel").codes.at("mail"), 2);
    EXPECT_EQ(variable(variables, "goals__x").kind, Kind::coded);
    EXPECT_EQ(variable(variables, "days").kind, Kind::number);
    EXPECT_EQ(variable(variables, "note").kind, Kind::text);
    EXPECT_EQ(variable(variables, "participant").kind, Kind::text);
}

TEST(StatisticsVariables, AChoiceKeepsItsCodeWhenALaterVersionAddsOne) {
    const std::vector<domain::Instrument> versions = {
        instrument(1, {question("channel", QuestionType::single, {"web", "mail"})}),
        instrument(2, {question("channel", QuestionType::single, {"phone", "web", "mail"})})};
    const auto variables = statistics_variables(ExportLayout(versions), versions, "en", StatisticsFormat::stata_dta);
    const auto& channel = variable(variables, "channel");
    EXPECT_EQ(channel.codes.at("web"), 1);
    EXPECT_EQ(channel.codes.at("mail"), 2);
    EXPECT_EQ(channel.codes.at("phone"), 3);
}

TEST(StatisticsVariables, NamesFitStatasLimitAndStayUnique) {
    const std::string long_key(40, 'a');
    const std::vector<domain::Instrument> versions = {
        instrument(1, {question(long_key + "_one", QuestionType::integer),
                       question(long_key + "_two", QuestionType::integer)})};
    const auto variables = statistics_variables(ExportLayout(versions), versions, "en", StatisticsFormat::stata_dta);
    std::set<std::string> names;
    for (const auto& v : variables) {
        EXPECT_LE(v.name.size(), 32u) << v.name;
        names.insert(v.name);
    }
    EXPECT_EQ(names.size(), variables.size());
    const auto spss = statistics_variables(ExportLayout(versions), versions, "en", StatisticsFormat::spss_sav);
    EXPECT_EQ(spss.back().name, long_key + "_two") << "SPSS takes 64 bytes";
}

TEST(StatisticsCells, TellNotAnsweredFromNotRelevantFromNotAsked) {
    auto follow_up = question("why", QuestionType::integer);
    follow_up.relevant = domain::Expression::parse("${again} = false", domain::ExpressionUse::relevance).value();
    const auto v1 = instrument(1, {question("again", QuestionType::boolean), follow_up,
                                   question("days", QuestionType::integer)});
    const auto v2 = instrument(2, {question("again", QuestionType::boolean), question("extra", QuestionType::integer)});
    const std::vector<domain::Instrument> versions = {v1, v2};
    const auto variables = statistics_variables(ExportLayout(versions), versions, "en", StatisticsFormat::spss_sav);
    ExportRecord record;
    record.answers = {{"again", true}};
    const auto cells = statistics_cells(variables, record, &v1);
    const auto at = [&](const std::string& column) {
        for (std::size_t i = 0; i < variables.size(); ++i) {
            if (variables[i].column == column) {
                return cells[i];
            }
        }
        throw std::out_of_range(column);
    };
    EXPECT_EQ(at("again").state, State::value);
    EXPECT_EQ(at("again").number, 1.0);
    EXPECT_EQ(at("why").state, State::not_relevant) << "asked only when again is false";
    EXPECT_EQ(at("days").state, State::not_answered);
    EXPECT_EQ(at("extra").state, State::absent) << "version 1 does not ask it";
}

}  // namespace
}  // namespace yardstick::server::exports
