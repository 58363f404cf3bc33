// What responses, pairs and invitations add to the tallies, and that taking
// a contribution out undoes it exactly (amendments rely on that).
#include <gtest/gtest.h>

#include "yardstick/evaluation/tallies/contributions.hpp"
#include "yardstick/evaluation/tallies/tally_cells.hpp"

namespace yardstick::evaluation {
namespace {

using domain::Indicator;
using domain::IndicatorKind;
using domain::QuestionType;

domain::Instrument instrument(std::string key, std::vector<std::pair<std::string, QuestionType>> questions) {
    domain::Instrument made;
    made.key = std::move(key);
    domain::Section section;
    section.key = "main";
    for (auto& [question_key, type] : questions) {
        domain::Question question;
        question.key = question_key;
        question.type = type;
        section.questions.push_back(std::move(question));
    }
    made.sections.push_back(std::move(section));
    return made;
}

CountedResponse response(std::string instrument_key, std::string respondent, std::string wave,
                         domain::Answers answers, std::string country = "BE") {
    CountedResponse made;
    made.instrument = std::move(instrument_key);
    made.respondent = std::move(respondent);
    made.wave = std::move(wave);
    made.country = std::move(country);
    made.sector = "C25";
    made.size = "small";
    made.answers = std::move(answers);
    return made;
}

class TalliesTest : public ::testing::Test {
protected:
    void SetUp() override {
        Indicator share;
        share.id = "matched";
        share.kind = IndicatorKind::share;
        share.reads = {{"sending-post", "matched_needs"}};
        share.success.at_least = 4;
        share.breakdowns = {domain::Breakdown::country};

        Indicator change;
        change.id = "language";
        change.kind = IndicatorKind::paired_change;
        change.pre = domain::QuestionRef{"employee-pre", "skill"};
        change.post = domain::QuestionRef{"employee-post", "skill"};

        Indicator amount;
        amount.id = "hours";
        amount.kind = IndicatorKind::paired_change;
        amount.pre = domain::QuestionRef{"employee-pre", "hours"};
        amount.post = domain::QuestionRef{"employee-post", "hours"};

        Indicator agreement;
        agreement.id = "agree";
        agreement.kind = IndicatorKind::agreement;
        agreement.reads = {{"sending-post", "matched_needs"}, {"hosting-post", "matched_needs"}};
        agreement.success.at_least = 4;

        Indicator nps;
        nps.id = "recommend";
        nps.kind = IndicatorKind::nps;
        nps.reads = {{"employee-post", "recommend"}};

        Indicator rate;
        rate.id = "rate";
        rate.kind = IndicatorKind::response_rate;
        rate.wave = "post";
        rate.respondents = {"sending", "employee"};

        set_ = indicator_set(
            {share, change, amount, agreement, nps, rate},
            {instrument("sending-post", {{"matched_needs", QuestionType::likert5}}),
             instrument("hosting-post", {{"matched_needs", QuestionType::likert5}}),
             instrument("employee-pre", {{"skill", QuestionType::scale}, {"hours", QuestionType::decimal}}),
             instrument("employee-post", {{"skill", QuestionType::scale},
                                          {"hours", QuestionType::decimal},
                                          {"recommend", QuestionType::scale}})});
    }

    TallyValue at(const std::string& indicator, const std::string& cell, const std::string& group_by = "",
                  const std::string& group_key = "") const {
        return value_of(tallies_, {indicator, group_by, group_key, cell});
    }

    IndicatorSet set_;
    Tallies tallies_;
};

TEST_F(TalliesTest, AShareCountsSuccessOrFailureOverallAndInItsGroups) {
    count_response(tallies_, set_, response("sending-post", "sending", "post", {{"matched_needs", std::int64_t{4}}}),
                   +1);
    count_response(tallies_, set_,
                   response("sending-post", "sending", "post", {{"matched_needs", std::int64_t{3}}}, "DE"), +1);
    count_response(tallies_, set_, response("sending-post", "sending", "post", {}), +1);  // not answered
    EXPECT_EQ(at("matched", std::string(cells::success)).count, 1);
    EXPECT_EQ(at("matched", std::string(cells::failure)).count, 1);
    EXPECT_EQ(at("matched", std::string(cells::success), "country", "BE").count, 1);
    EXPECT_EQ(at("matched", std::string(cells::failure), "country", "DE").count, 1);
    EXPECT_EQ(at("matched", std::string(cells::success), "country", "DE").count, 0);
}

TEST_F(TalliesTest, TakingAContributionOutUndoesItExactly) {
    const auto before = response("employee-pre", "employee", "pre", {{"skill", std::int64_t{1}}, {"hours", 2.5}});
    const auto after = response("employee-post", "employee", "post",
                                {{"skill", std::int64_t{4}}, {"hours", 3.25}, {"recommend", std::int64_t{9}}});
    count_response(tallies_, set_, after, +1);
    count_pair(tallies_, set_, before, after, +1);
    count_response(tallies_, set_, after, -1);
    count_pair(tallies_, set_, after, before, -1);  // either order
    for (const auto& [key, value] : tallies_) {
        EXPECT_EQ(value, TallyValue{}) << key.indicator << " " << key.group_by << " " << key.cell;
    }
}

TEST_F(TalliesTest, APairOfScaleAnswersCountsItsDifferenceAndBothAnswers) {
    count_pair(tallies_, set_, response("employee-post", "employee", "post", {{"skill", std::int64_t{4}}}),
               response("employee-pre", "employee", "pre", {{"skill", std::int64_t{1}}}), +1);
    EXPECT_EQ(at("language", cells::difference_of(3)).count, 1);
    EXPECT_EQ(at("language", std::string(cells::before)), (TallyValue{1, 1, 1}));
    EXPECT_EQ(at("language", std::string(cells::after)), (TallyValue{1, 4, 16}));
}

TEST_F(TalliesTest, DecimalAnswersAreCountedInFixedPoint) {
    count_pair(tallies_, set_, response("employee-pre", "employee", "pre", {{"hours", 2.5}}),
               response("employee-post", "employee", "post", {{"hours", std::int64_t{3}}}), +1);
    EXPECT_EQ(at("hours", std::string(cells::difference)), (TallyValue{1, 500, 250'000}));
    EXPECT_EQ(at("hours", std::string(cells::before)).sum, 2'500);
    EXPECT_EQ(at("hours", std::string(cells::after)).sum, 3'000);
    EXPECT_EQ(fixed_point(-1.25), -1'250);
    EXPECT_EQ(fixed_point(0.0004), 0) << "finer than thousandths is rounded";
}

TEST_F(TalliesTest, AgreementTabulatesTheTwoPartiesOfAnExchange) {
    count_pair(tallies_, set_, response("hosting-post", "hosting", "post", {{"matched_needs", std::int64_t{2}}}),
               response("sending-post", "sending", "post", {{"matched_needs", std::int64_t{5}}}), +1);
    EXPECT_EQ(at("agree", std::string(cells::yes_no)).count, 1) << "rows are the first read's party (sending)";
    EXPECT_EQ(at("agree", std::string(cells::no_yes)).count, 0);
}

TEST_F(TalliesTest, NetPromoterScoreCountsPromotersPassivesAndDetractors) {
    for (const std::int64_t answer : {10, 9, 8, 7, 6, 0}) {
        count_response(tallies_, set_, response("employee-post", "employee", "post", {{"recommend", answer}}), +1);
    }
    EXPECT_EQ(at("recommend", std::string(cells::promoter)).count, 2);
    EXPECT_EQ(at("recommend", std::string(cells::passive)).count, 2);
    EXPECT_EQ(at("recommend", std::string(cells::detractor)).count, 2);
}

TEST_F(TalliesTest, ResponseRatesCountInvitationsAndFirstSubmissionsOfTheirWave) {
    count_invitation(tallies_, set_, "sending", "post", +1);
    count_invitation(tallies_, set_, "sending", "pre", +1);   // another wave
    count_invitation(tallies_, set_, "hosting", "post", +1);  // not asked about
    count_first_submission(tallies_, set_, "sending", "post", +1);
    EXPECT_EQ(at("rate", std::string(cells::invited)).count, 1);
    EXPECT_EQ(at("rate", std::string(cells::responded)).count, 1);
    EXPECT_EQ(at("rate", std::string(cells::invited), "respondent", "sending").count, 1);
}

TEST_F(TalliesTest, PartnersAreTheOtherHalfOfEveryPair) {
    EXPECT_EQ(partner_instruments(set_, "employee-post"), std::vector<std::string>{"employee-pre"});
    EXPECT_EQ(partner_instruments(set_, "sending-post"), std::vector<std::string>{"hosting-post"});
    EXPECT_TRUE(partner_instruments(set_, "mentor-post").empty());
}

TEST(SkillsGapTallies, EitherRoundsInstrumentCountsInItsOwnRound) {
    Indicator gap;
    gap.id = "gap";
    gap.kind = IndicatorKind::skills_gap;
    gap.instruments = {"skills-2018", "skills-2019"};
    gap.group_question = "group";
    gap.areas = {{"data", {}, {{"data_current", "data_required"}, {"ml_current", "ml_required"}}}};
    const auto set = indicator_set({gap}, {});
    const auto levels = [](std::int64_t current, std::int64_t required) {
        return domain::Answers{
            {"group", std::string("manager")}, {"data_current", current}, {"data_required", required}};
    };
    Tallies tallies;
    count_response(tallies, set, response("skills-2018", "respondent", "2018", levels(1, 4)), +1);
    count_response(tallies, set, response("skills-2019", "respondent", "2019", levels(2, 3)), +1);
    count_response(tallies, set, response("skills-2020", "respondent", "2020", levels(0, 5)), +1);  // not listed
    const auto at = [&](const std::string& group_by, const std::string& group_key, const std::string& cell) {
        return value_of(tallies, {"gap", group_by, group_key, cell});
    };
    EXPECT_EQ(at("", "", "2018"), (TallyValue{1, 3, 9}));
    EXPECT_EQ(at("", "", "2019"), (TallyValue{1, 1, 1}));
    EXPECT_EQ(at(std::string(cells::competence_area), "data", "2019"), (TallyValue{1, 1, 1}));
    EXPECT_EQ(at(std::string(cells::target_group), "manager", "2018"), (TallyValue{1, 3, 9}));
    EXPECT_EQ(at("", "", cells::respondents_in("2018")).count, 1);
    EXPECT_EQ(at("", "", cells::respondents_in("2019")).count, 1);
    EXPECT_EQ(at("", "", "2020"), TallyValue{});
    EXPECT_EQ(at("", "", cells::respondents_in("2020")), TallyValue{});

    count_response(tallies, set, response("skills-2019", "respondent", "2019", levels(2, 3)), -1);
    EXPECT_EQ(at("", "", "2019"), TallyValue{});
    EXPECT_EQ(at("", "", "2018"), (TallyValue{1, 3, 9})) << "the other round is untouched";
}

TEST(TallyCells, DifferencesAndRoundsReadBack) {
    std::int64_t difference = 0;
    EXPECT_TRUE(cells::parse_difference(cells::difference_of(-3), difference));
    EXPECT_EQ(difference, -3);
    EXPECT_FALSE(cells::parse_difference("d=", difference));
    EXPECT_FALSE(cells::parse_difference("success", difference));
    std::string wave;
    EXPECT_TRUE(cells::parse_respondents(cells::respondents_in("2019"), wave));
    EXPECT_EQ(wave, "2019");
}

}  // namespace
}  // namespace yardstick::evaluation
