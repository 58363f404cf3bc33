// From tallies to figures: every kind of the MobiliseSME template computed
// from hand-made tallies, checked against the statistics' own results and
// against numbers worked out by hand; small groups suppressed; figures that
// cannot be computed are absent with a note.
#include <gtest/gtest.h>

#include "server/reports/build_report.hpp"
#include "yardstick/evaluation/statistics/signed_rank_test.hpp"
#include "yardstick/evaluation/statistics/wilson_interval.hpp"
#include "yardstick/evaluation/tallies/reach.hpp"
#include "yardstick/evaluation/tallies/tally_cells.hpp"

namespace yardstick::server::reports {
namespace {

namespace cells = evaluation::cells;

class BuildReportTest : public ::testing::Test {
protected:
    void put(const std::string& indicator, const std::string& group_by, const std::string& key, std::string_view cell,
             std::int64_t count, std::int64_t sum = 0, std::int64_t squares = 0) {
        inputs_.tallies[{indicator, group_by, key, std::string(cell)}] = {count, sum, squares};
    }

    const IndicatorFigure& figure(const std::string& id) {
        report_ = build_report(*templates::find_template("mobilisesme"), inputs_);
        for (const auto& figure : report_.indicators) {
            if (figure.id == id) {
                return figure;
            }
        }
        throw std::logic_error("no indicator " + id);
    }

    ReportInputs inputs_ = [] {
        ReportInputs inputs;
        inputs.programme_slug = "pilot";
        inputs.programme_name = "MobiliseSME pilot";
        inputs.language = "en";
        inputs.data_version = 42;
        inputs.generated_at = "2026-11-25T04:00:00Z";
        // 400 companies, 54 exchanges between companies of 23 sectors and 16
        // countries (sector i and country i mod 16), 120 people.
        for (int i = 0; i < 400; ++i) {
            evaluation::count_registered_organisation(inputs.tallies, +1);
        }
        for (int i = 0; i < 120; ++i) {
            evaluation::count_added_participant(inputs.tallies, +1);
        }
        for (int i = 0; i < 54; ++i) {
            const auto sending = i % 23;
            const auto hosting = (i + 1) % 23;
            evaluation::count_live_engagement(
                inputs.tallies,
                {{"S" + std::to_string(sending), "C" + std::to_string(sending % 16)},
                 {"S" + std::to_string(hosting), "C" + std::to_string(hosting % 16)}},
                +1);
        }
        return inputs;
    }();
    Report report_;
};

TEST_F(BuildReportTest, CountsComeFromTheReachTallies) {
    EXPECT_EQ(figure("registered_organisations").value, 400.0);
    EXPECT_EQ(figure("exchanges").value, 54.0);
    EXPECT_EQ(figure("sectors").value, 23.0);
    EXPECT_EQ(figure("countries").n, 16);
    EXPECT_EQ(report_.data_version, 42);
}

TEST_F(BuildReportTest, ASharesIsItsSuccessesAmongValidAnswersWithAWilsonInterval) {
    put("sending_matched_needs", "", "", cells::success, 41);
    put("sending_matched_needs", "", "", cells::failure, 4);
    const auto& share = figure("sending_matched_needs");
    const auto wilson = evaluation::wilson_interval(41, 45).value();
    EXPECT_EQ(share.numerator, 41);
    EXPECT_EQ(share.denominator, 45);
    EXPECT_EQ(share.n, 45);
    EXPECT_DOUBLE_EQ(*share.value, 41.0 / 45.0);
    EXPECT_DOUBLE_EQ(*share.ci_low, wilson.low);
    EXPECT_DOUBLE_EQ(*share.ci_high, wilson.high);
    EXPECT_EQ(share.ci_method, IntervalMethod::wilson);
    EXPECT_EQ(share.ci_level, 0.95);
    EXPECT_EQ(share.label, "Sending companies happy with the matched needs and competences");
}

TEST_F(BuildReportTest, NoAnswersGiveNoValueButANote) {
    const auto& share = figure("hosting_matched_needs");
    EXPECT_FALSE(share.value);
    EXPECT_FALSE(share.ci_low);
    EXPECT_EQ(share.n, 0);
    EXPECT_FALSE(share.note.empty());
    const auto& change = figure("employee_language_skills_change");
    EXPECT_FALSE(change.value);
    EXPECT_EQ(change.n_pairs, 0);
    EXPECT_FALSE(change.note.empty());
}

TEST_F(BuildReportTest, SmallGroupsAreSuppressedAndOneMoreProtectsALoneOne) {
    put("sending_matched_needs", "", "", cells::success, 14);
    put("sending_matched_needs", "country", "BE", cells::success, 6);
    put("sending_matched_needs", "country", "DE", cells::success, 5);
    put("sending_matched_needs", "country", "MT", cells::success, 2);
    put("sending_matched_needs", "country", "IT", cells::success, 7);
    const auto& share = figure("sending_matched_needs");
    ASSERT_FALSE(share.breakdowns.empty());
    const auto& countries = share.breakdowns.front();
    EXPECT_EQ(countries.by, "country");
    ASSERT_EQ(countries.groups.size(), 4u);
    for (const auto& group : countries.groups) {
        const bool hidden = group.key == "MT" || group.key == "DE";  // DE: the next smallest
        EXPECT_EQ(group.suppressed, hidden) << group.key;
        if (hidden) {
            EXPECT_FALSE(group.value);
            EXPECT_FALSE(group.n);
            EXPECT_FALSE(group.numerator);
        } else {
            EXPECT_TRUE(group.value) << group.key;
        }
    }
}

TEST_F(BuildReportTest, AScaleChangeUsesTheSignedRankTestOfItsHistogram) {
    const evaluation::DifferenceHistogram histogram{{-1, 2}, {0, 3}, {1, 5}, {2, 4}, {3, 1}};
    for (const auto& [difference, count] : histogram) {
        put("employee_language_skills_change", "", "", cells::difference_of(difference), count);
    }
    put("employee_language_skills_change", "", "", cells::before, 15, 30, 70);
    put("employee_language_skills_change", "", "", cells::after, 15, 45, 150);
    const auto& change = figure("employee_language_skills_change");
    const auto expected = evaluation::wilcoxon_signed_rank(histogram).value();
    EXPECT_EQ(change.n_pairs, 15);
    EXPECT_DOUBLE_EQ(*change.mean_pre, 2.0);
    EXPECT_DOUBLE_EQ(*change.mean_post, 3.0);
    EXPECT_DOUBLE_EQ(*change.mean_difference, (-2 + 5 + 8 + 3) / 15.0);
    EXPECT_EQ(change.test, PairedTestKind::wilcoxon_signed_rank);
    EXPECT_DOUBLE_EQ(*change.statistic, expected.positive_rank_sum);
    EXPECT_DOUBLE_EQ(*change.p_value, expected.test->p_value);
    EXPECT_DOUBLE_EQ(*change.effect_size, *expected.rank_biserial);
    EXPECT_EQ(change.ci_method, IntervalMethod::t);
    EXPECT_EQ(change.scale_max, 5.0);
}

TEST_F(BuildReportTest, AgreementIsCohensKappaOfTheTwoParties) {
    put("matched_needs_agreement", "", "", cells::yes_yes, 40);
    put("matched_needs_agreement", "", "", cells::yes_no, 1);
    put("matched_needs_agreement", "", "", cells::no_yes, 2);
    put("matched_needs_agreement", "", "", cells::no_no, 2);
    const auto& agreement = figure("matched_needs_agreement");
    // p_o = 42/45; p_e = (41·42 + 4·3)/45²; κ = (p_o − p_e)/(1 − p_e).
    const double observed = 42.0 / 45.0;
    const double chance = (41.0 * 42.0 + 4.0 * 3.0) / (45.0 * 45.0);
    EXPECT_NEAR(*agreement.value, (observed - chance) / (1 - chance), 1e-12);
    EXPECT_EQ(agreement.numerator, 42);
    EXPECT_EQ(agreement.denominator, 45);
}

TEST_F(BuildReportTest, AResponseRateIsBrokenDownByRespondent) {
    put("post_response_rate", "", "", cells::invited, 162);
    put("post_response_rate", "", "", cells::responded, 135);
    put("post_response_rate", "respondent", "sending", cells::invited, 54);
    put("post_response_rate", "respondent", "sending", cells::responded, 45);
    const auto& rate = figure("post_response_rate");
    EXPECT_DOUBLE_EQ(*rate.value, 135.0 / 162.0);
    ASSERT_EQ(rate.breakdowns.size(), 1u);
    EXPECT_EQ(rate.breakdowns[0].by, "respondent");
    ASSERT_EQ(rate.breakdowns[0].groups.size(), 1u);
    EXPECT_EQ(rate.breakdowns[0].groups[0].numerator, 45);
}

TEST_F(BuildReportTest, TheNetPromoterScoreIsPromotersMinusDetractors) {
    put("employee_recommendation", "", "", cells::promoter, 30);
    put("employee_recommendation", "", "", cells::passive, 10);
    put("employee_recommendation", "", "", cells::detractor, 5);
    const auto& nps = figure("employee_recommendation");
    EXPECT_DOUBLE_EQ(*nps.value, 25.0 / 45.0);
    EXPECT_EQ(nps.ci_method, IntervalMethod::nps);
}

TEST_F(BuildReportTest, LabelsFollowTheLanguage) {
    inputs_.language = "de";
    EXPECT_EQ(figure("exchanges").label, "Austausche");
}

}  // namespace
}  // namespace yardstick::server::reports
