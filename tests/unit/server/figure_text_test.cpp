// The figures as text, as the dashboard and the PDF print them: rounding half
// away from zero on the number as written, signs of changes, p-values, interval
// forms per kind, the sentences of the newer kinds, and what a missing figure
// prints instead of a number.
#include "server/reports/figure_text.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "report_fixture.hpp"

namespace yardstick::server::reports {
namespace {

using domain::IndicatorKind;

IndicatorFigure figure_of(IndicatorKind kind) {
    IndicatorFigure figure;
    figure.id = "figure";
    figure.label = "Figure";
    figure.kind = kind;
    return figure;
}

TEST(FigureText, RoundsHalfAwayFromZeroOnTheNumberAsWritten) {
    // 0.905 × 100 and 0.285 × 100 are 90.5 and 28.499999999999996 in binary:
    // the text rounds the decimal a reader sees, so both go up.
    EXPECT_EQ(whole_percent(0.905), "91%");
    EXPECT_EQ(whole_percent(0.285), "29%");
    EXPECT_EQ(whole_percent(0.005), "1%");
    EXPECT_EQ(whole_percent(0.0049), "0%");
    EXPECT_EQ(whole_percent(1.0), "100%");
    EXPECT_EQ(fixed(0.125, 2), "0.13");  // printf would give "0.12" (ties to even)
    EXPECT_EQ(fixed(-0.125, 2), "-0.13");
    EXPECT_EQ(fixed(2.345, 2), "2.35");
    EXPECT_EQ(fixed(2.5, 0), "3");
    EXPECT_EQ(fixed(-2.5, 0), "-3");
    EXPECT_EQ(fixed(9.995, 2), "10.00");  // the carry runs into the whole part
    EXPECT_EQ(fixed(999.5, 0), "1000");
    EXPECT_EQ(fixed(4.1, 1), "4.1");
    EXPECT_EQ(fixed(400, 0), "400");
    EXPECT_EQ(fixed(3.8, 2), "3.80");
    EXPECT_EQ(fixed(1e-7, 2), "0.00");
}

TEST(FigureText, NeverPrintsMinusZero) {
    EXPECT_EQ(fixed(-0.0004, 2), "0.00");
    EXPECT_EQ(fixed(-0.0, 0), "0");
    EXPECT_EQ(with_sign(-0.001, 2), "0.00");
    EXPECT_EQ(whole_percent(-0.004), "0%");
    EXPECT_EQ(percentage_points(-0.004), "0 pp");
}

TEST(FigureText, ChangesCarryTheirSign) {
    EXPECT_EQ(with_sign(0.9, 2), "+0.90");
    EXPECT_EQ(with_sign(-0.4, 2), "-0.40");
    EXPECT_EQ(with_sign(0, 2), "0.00");
    EXPECT_EQ(percentage_points(0.21), "+21 pp");
    EXPECT_EQ(percentage_points(-0.215), "-22 pp");
    EXPECT_EQ(short_decimal(123.5, 2), "123.5");
    EXPECT_EQ(short_decimal(5, 2), "5");
    EXPECT_EQ(short_decimal(-0.030, 3), "-0.03");
}

TEST(FigureText, NumbersThatAreNotFinitePrintAsADash) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    EXPECT_EQ(fixed(nan, 2), "—");
    EXPECT_EQ(fixed(-infinity, 0), "—");
    EXPECT_EQ(whole_percent(infinity), "—");
    EXPECT_EQ(percentage_points(nan), "—");
    EXPECT_FALSE(finite(nan));
    EXPECT_FALSE(finite(std::nullopt));
    EXPECT_EQ(finite(0.5), 0.5);
}

TEST(FigureText, PValuesBelowOneThousandthReadAsLessThan) {
    EXPECT_EQ(p_value_text(0.0004), "p < 0.001");
    EXPECT_EQ(p_value_text(0.00099999), "p < 0.001");
    EXPECT_EQ(p_value_text(0.0), "p < 0.001");
    EXPECT_EQ(p_value_text(0.001), "p = 0.001");
    EXPECT_EQ(p_value_text(0.0315), "p = 0.032");
    EXPECT_EQ(p_value_text(0.05), "p = 0.05");
    EXPECT_EQ(p_value_text(1.0), "p = 1");
}

TEST(FigureText, ValuesInEachKindsUnits) {
    EXPECT_EQ(value_text(figure_of(IndicatorKind::count), 400), "400");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::share), 0.905), "91%");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::response_rate), 0.7368), "74%");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::nps), -1.0 / 6), "-17");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::nps), 0.325), "+33");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::mean), 3.845), "3.85");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::paired_change), 0.9), "+0.90");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::paired_change), -0.25), "-0.25");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::digital_intensity), 0.21), "+21 pp");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::digital_intensity), -0.05), "-5 pp");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::skills_gap), 0.95), "0.95");
    EXPECT_EQ(value_text(figure_of(IndicatorKind::agreement), 0.613), "0.61");
    // A yes/no item's change is a change in a share, whichever told it: the test or the interval.
    auto yes_no = figure_of(IndicatorKind::paired_change);
    yes_no.test = PairedTestKind::mcnemar;
    EXPECT_EQ(value_text(yes_no, 0.105), "+11 pp");
    yes_no.test.reset();
    yes_no.ci_method = IntervalMethod::newcombe_paired;
    EXPECT_EQ(value_text(yes_no, -0.105), "-11 pp");
}

TEST(FigureText, IntervalsInEachKindsForm) {
    EXPECT_EQ(interval_text(figure_of(IndicatorKind::share), 0.8512, 0.9505), "95% CI 85–95%");
    EXPECT_EQ(interval_text(figure_of(IndicatorKind::digital_intensity), 0.05, 0.35), "95% CI +5 to +35 pp");
    EXPECT_EQ(interval_text(figure_of(IndicatorKind::digital_intensity), -0.12, 0.3), "95% CI -12 to +30 pp");
    EXPECT_EQ(interval_text(figure_of(IndicatorKind::nps), -0.3, 0.04), "95% CI -30 to +4");
    EXPECT_EQ(interval_text(figure_of(IndicatorKind::paired_change), -0.1, 0.6), "95% CI -0.10 to +0.60");
    EXPECT_EQ(interval_text(figure_of(IndicatorKind::mean), 3.5, 4.25), "95% CI 3.50 to 4.25");
    auto ninety = figure_of(IndicatorKind::share);
    ninety.ci_level = 0.9;
    EXPECT_EQ(interval_text(ninety, 0.5, 0.7), "90% CI 50–70%");
}

TEST(FigureText, DetailsBesideTheValue) {
    auto share = figure_of(IndicatorKind::share);
    share.ci_low = 0.8512;
    share.ci_high = 0.9505;
    share.n = 54;
    EXPECT_EQ(figure_details(share), "95% CI 85–95% · n = 54");
    share.ci_high = std::numeric_limits<double>::quiet_NaN();  // an interval needs both bounds
    EXPECT_EQ(figure_details(share), "n = 54");
    share.n.reset();
    EXPECT_EQ(figure_details(share), "");
    EXPECT_EQ(figure_details(fixture::skills_gap()), "mean gap in 2026 · n = 40");
    EXPECT_EQ(figure_details(fixture::agreement()), "Cohen's kappa");
}

TEST(FigureText, DigitalIntensitySaysTheSharesAtBasicLevelAndTheItems) {
    const auto figure = fixture::digital_intensity();
    ASSERT_TRUE(figure.ci_low && figure.ci_high);
    EXPECT_EQ(kind_sentences(figure),
              std::vector<std::string>{"Share at basic level or above: 58% before → 79% after (change +21 pp, " +
                                       interval_text(figure, *figure.ci_low, *figure.ci_high) +
                                       "), mean items present 4.1 → 5.3 of 12"});
    EXPECT_EQ(value_text(figure, *figure.value), "+21 pp");
    auto items_only = figure_of(IndicatorKind::digital_intensity);
    items_only.items_pre = 4.06;
    items_only.items_post = 5.25;
    EXPECT_EQ(kind_sentences(items_only), std::vector<std::string>{"Mean items present 4.1 → 5.3"});
}

TEST(FigureText, SkillsGapSaysTheFirstAndLatestRounds) {
    EXPECT_EQ(kind_sentences(fixture::skills_gap()),
              std::vector<std::string>{"Mean gap 1.45 in 2025 → 0.95 in 2026 (change -0.50)"});
    auto one_round = figure_of(IndicatorKind::skills_gap);
    one_round.value = 1.2;
    one_round.rounds = {"2026"};
    EXPECT_EQ(kind_sentences(one_round), std::vector<std::string>{"Mean gap 1.20 in 2026, the only round so far"});
}

TEST(FigureText, AgreementSaysHowManyExchangesAgree) {
    EXPECT_EQ(kind_sentences(fixture::agreement()), std::vector<std::string>{"41 of 50 exchanges agree (82%)"});
    auto single = figure_of(IndicatorKind::agreement);
    single.numerator = 1;
    single.denominator = 1;
    EXPECT_EQ(kind_sentences(single), std::vector<std::string>{"1 of 1 exchange agrees (100%)"});
}

TEST(FigureText, TestsWithTheirStatisticPAndPairs) {
    auto figure = figure_of(IndicatorKind::digital_intensity);
    figure.test = PairedTestKind::mcnemar;
    figure.statistic = 12.5;
    figure.p_value = 0.0004;
    figure.n_pairs = 38;
    EXPECT_EQ(test_text(figure), "McNemar χ² = 12.5, p < 0.001; 38 pairs");
    figure.test = PairedTestKind::paired_t;
    figure.statistic = 2.104;
    figure.p_value = 0.0415;
    figure.effect_size = -0.449;
    figure.n_pairs = 1;
    EXPECT_EQ(test_text(figure), "Paired t-test t = 2.1, p = 0.042; Cohen's d_z = -0.45; 1 pair");
}

TEST(FigureText, NullFiguresSayWhyAndPrintNoNumber) {
    auto empty = figure_of(IndicatorKind::mean);
    EXPECT_EQ(figure_note(empty), "No figure.");
    empty.note = "No answers yet.";
    EXPECT_EQ(figure_note(empty), "No answers yet.");
    empty.value = std::numeric_limits<double>::quiet_NaN();
    empty.note.clear();
    EXPECT_EQ(figure_note(empty), "No figure.");  // a NaN is no figure either
    EXPECT_EQ(figure_note(fixture::registered_organisations()), "");
    EXPECT_EQ(figure_details(empty), "");
    EXPECT_EQ(test_text(empty), "");
    for (const auto kind : {IndicatorKind::digital_intensity, IndicatorKind::skills_gap, IndicatorKind::agreement}) {
        EXPECT_TRUE(kind_sentences(figure_of(kind)).empty()) << to_string(kind);
    }
    GroupFigure group;
    group.key = "MT";
    EXPECT_EQ(group_value_text(fixture::sending_matched_needs("Needs"), group), "—");
    EXPECT_EQ(group_label(group), "MT");
    group.note = "No answers yet.";
    EXPECT_EQ(group_value_text(fixture::sending_matched_needs("Needs"), group), "No answers yet.");
    group.label = "Malta";
    EXPECT_EQ(group_label(group), "Malta");
}

}  // namespace
}  // namespace yardstick::server::reports
