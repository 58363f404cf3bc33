#pragma once
// A MobiliseSME-like report built by hand for the renderers' tests. Every
// statistic comes from evaluation/ (never typed in), so the tests check the
// renderers against what the statistics really return.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "server/reports/report.hpp"
#include "yardstick/evaluation/statistics/cohens_kappa.hpp"
#include "yardstick/evaluation/statistics/difference_histogram.hpp"
#include "yardstick/evaluation/statistics/mcnemar_test.hpp"
#include "yardstick/evaluation/statistics/paired_share_change.hpp"
#include "yardstick/evaluation/statistics/signed_rank_test.hpp"
#include "yardstick/evaluation/statistics/small_group_suppression.hpp"
#include "yardstick/evaluation/statistics/wilson_interval.hpp"

namespace yardstick::server::reports::fixture {

inline constexpr std::int64_t kThreshold = 5;

/// A share's group: successes out of answers, with its Wilson interval.
inline GroupFigure share_group(std::string key, std::int64_t successes, std::int64_t answers) {
    const auto wilson = evaluation::wilson_interval(successes, answers);
    EXPECT_TRUE(wilson.ok());
    GroupFigure group;
    group.key = std::move(key);
    group.value = wilson->estimate;
    group.n = answers;
    group.numerator = successes;
    group.denominator = answers;
    group.ci_low = wilson->low;
    group.ci_high = wilson->high;
    return group;
}

/// Marks the groups suppressed_groups() names, as the report does before rendering.
inline Breakdown suppress(std::string by, std::vector<GroupFigure> groups) {
    std::vector<evaluation::GroupCount> counts;
    for (const auto& group : groups) {
        counts.push_back({group.key, group.n.value_or(0)});
    }
    const auto hidden = evaluation::suppressed_groups(counts, kThreshold);
    EXPECT_TRUE(hidden.ok());
    for (auto& group : groups) {
        for (const auto& suppressed : *hidden) {
            if (suppressed.key == group.key) {
                group.suppressed = true;
            }
        }
    }
    return {std::move(by), std::move(groups)};
}

/// 1–5 Likert pre/post differences of 28 participants.
inline evaluation::DifferenceHistogram confidence_differences() {
    return {{-2, 2}, {-1, 5}, {0, 4}, {1, 8}, {2, 6}, {3, 3}};
}

inline IndicatorFigure registered_organisations() {
    IndicatorFigure figure;
    figure.id = "registered_organisations";
    figure.label = "Registered organisations";
    figure.kind = domain::IndicatorKind::count;
    figure.value = 400;
    figure.n = 400;
    figure.method = "Every organisation registered on the programme.";
    return figure;
}

/// A share or a rate: successes out of answers (or invitations), with its Wilson interval.
inline IndicatorFigure proportion_figure(std::string id, std::string label, domain::IndicatorKind kind,
                                         std::int64_t successes, std::int64_t trials) {
    const auto wilson = evaluation::wilson_interval(successes, trials);
    EXPECT_TRUE(wilson.ok());
    IndicatorFigure figure;
    figure.id = std::move(id);
    figure.label = std::move(label);
    figure.kind = kind;
    figure.value = wilson->estimate;
    figure.n = trials;
    figure.numerator = successes;
    figure.denominator = trials;
    figure.ci_low = wilson->low;
    figure.ci_high = wilson->high;
    figure.ci_method = IntervalMethod::wilson;
    figure.ci_level = 0.95;
    return figure;
}

inline IndicatorFigure sending_matched_needs(std::string label) {
    auto figure = proportion_figure("sending_matched_needs", std::move(label), domain::IndicatorKind::share, 49, 54);
    figure.method = "Share answering 4 or 5 on a 1–5 scale; Wilson score interval.";
    // IT is shown; MT (3 answers) is below k, and FR, the smallest other
    // group, is hidden too so that the total does not give MT away.
    figure.breakdowns.push_back(
        suppress("country", {share_group("IT", 28, 30), share_group("FR", 18, 21), share_group("MT", 3, 3)}));
    figure.breakdowns.push_back(
        suppress("sector", {share_group("Food, \"artisan\"", 22, 25), share_group("Other", 27, 29)}));
    return figure;
}

inline IndicatorFigure confidence_change() {
    const auto wilcoxon = evaluation::wilcoxon_signed_rank(confidence_differences());
    EXPECT_TRUE(wilcoxon.ok() && wilcoxon->test && wilcoxon->rank_biserial);
    IndicatorFigure figure;
    figure.id = "digital_confidence_change";
    figure.label = "Confidence with digital tools";
    figure.kind = domain::IndicatorKind::paired_change;
    figure.n = wilcoxon->pairs;
    figure.n_pairs = wilcoxon->pairs;
    figure.mean_pre = 2.9;
    figure.mean_post = 3.8;
    figure.mean_difference = 0.9;
    figure.value = 0.9;
    figure.test = PairedTestKind::wilcoxon_signed_rank;
    figure.statistic = wilcoxon->positive_rank_sum;
    figure.p_value = wilcoxon->test->p_value;
    figure.effect_size = wilcoxon->rank_biserial;
    figure.scale_max = 5;
    figure.method = "Same participants before and after; Wilcoxon signed-rank test.";
    return figure;
}

inline IndicatorFigure hosting_satisfaction_without_answers() {
    IndicatorFigure figure;
    figure.id = "hosting_satisfaction";
    figure.label = "Hosting companies' satisfaction";
    figure.kind = domain::IndicatorKind::mean;
    figure.n = 0;
    figure.ci_method = IntervalMethod::t;
    figure.ci_level = 0.95;
    figure.scale_max = 5;
    figure.note = "No hosting company has answered yet.";
    figure.method = "Mean of a 1–5 answer; t interval.";
    return figure;
}

/// Invited sending and hosting companies who answered: 70 of 95, broken down by respondent.
inline IndicatorFigure response_rate() {
    auto figure = proportion_figure("response_rate", "Response rate", domain::IndicatorKind::response_rate, 70, 95);
    figure.method = "Submitted of invited (AAPOR RR1); Wilson score interval.";
    figure.breakdowns.push_back(
        suppress("respondent", {share_group("sending", 40, 50), share_group("hosting", 30, 45)}));
    return figure;
}

/// SMEs with at least 4 of the 12 Digital Intensity Index items, before and
/// after: 22 of 38 (58%) before, 30 of 38 (79%) after.
inline evaluation::PairedYesNoTable basic_level_pairs() {
    return {.yes_yes = 20, .yes_no = 2, .no_yes = 10, .no_no = 6};
}

inline IndicatorFigure digital_intensity() {
    const auto shares = evaluation::paired_share_change(basic_level_pairs());
    const auto mcnemar = evaluation::mcnemar_test(basic_level_pairs());
    EXPECT_TRUE(shares.ok() && mcnemar.ok() && mcnemar->test);
    IndicatorFigure figure;
    figure.id = "digital_intensity";
    figure.label = "SMEs at basic digital intensity or above";
    figure.kind = domain::IndicatorKind::digital_intensity;
    figure.value = shares->change;
    figure.n = shares->pairs;
    figure.n_pairs = shares->pairs;
    figure.mean_pre = shares->share_before;
    figure.mean_post = shares->share_after;
    figure.mean_difference = shares->change;
    figure.ci_low = shares->interval.low;
    figure.ci_high = shares->interval.high;
    figure.ci_method = IntervalMethod::newcombe_paired;
    figure.ci_level = 0.95;
    figure.test = PairedTestKind::mcnemar;
    figure.statistic = mcnemar->test->chi_square;
    figure.p_value = mcnemar->test->p_value;
    figure.scale_max = 1;
    figure.items_pre = 4.1;
    figure.items_post = 5.3;
    figure.items_total = 12;
    figure.method = "Share with at least 4 of the 12 items, same SMEs paired (McNemar test).";
    return figure;
}

/// A skills gap group: the area's (or target group's) mean gap in one round.
inline GroupFigure round_group(const std::string& key, const std::string& label, const std::string& round,
                               double mean_gap, std::int64_t respondents) {
    GroupFigure group;
    group.key = key + "/" + round;
    group.label = label + ", " + round;
    group.value = mean_gap;
    group.n = respondents;
    return group;
}

/// Mean gaps in rounds 2025 and 2026 (plain means, so typed in); the Internet of Things has 3
/// respondents in 2026 (< k), so its 2025 group (the smallest other) is
/// hidden too.
inline IndicatorFigure skills_gap() {
    IndicatorFigure figure;
    figure.id = "skills_gap";
    figure.label = "Skills gap by competence area";
    figure.kind = domain::IndicatorKind::skills_gap;
    figure.value = 0.95;
    figure.n = 40;
    figure.mean_pre = 1.45;
    figure.mean_post = 0.95;
    figure.mean_difference = -0.5;
    figure.rounds = {"2025", "2026"};
    figure.method = "Mean of (required level − current level) per round.";
    figure.breakdowns.push_back(suppress("area", {round_group("big_data", "Big Data", "2025", 1.6, 20),
                                                  round_group("big_data", "Big Data", "2026", 1.1, 20),
                                                  round_group("iot", "Internet of Things", "2025", 1.3, 18),
                                                  round_group("iot", "Internet of Things", "2026", 0.7, 3)}));
    figure.breakdowns.push_back(suppress(
        "target_group",
        {round_group("managers", "managers", "2025", 1.5, 22), round_group("managers", "managers", "2026", 1.0, 21),
         round_group("staff", "staff", "2025", 1.4, 18), round_group("staff", "staff", "2026", 0.9, 19)}));
    return figure;
}

/// Sending and hosting companies agreeing on the match in 41 of 50 exchanges.
inline std::vector<std::vector<std::int64_t>> agreement_table() {
    return {{30, 4}, {5, 11}};
}

inline IndicatorFigure agreement() {
    const auto kappa = evaluation::cohens_kappa(agreement_table());
    EXPECT_TRUE(kappa.ok() && kappa->kappa);
    IndicatorFigure figure;
    figure.id = "matched_needs_agreement";
    figure.label = "Sending and hosting companies agreeing on the match";
    figure.kind = domain::IndicatorKind::agreement;
    figure.value = kappa->kappa;
    figure.n = 50;
    figure.numerator = 41;
    figure.denominator = 50;
    figure.method = "Share of exchanges in agreement and Cohen's kappa.";
    return figure;
}

inline Report mobilise_sme(std::string share_label = "Sending organisations whose needs were matched") {
    Report report;
    report.programme_slug = "mobilise-sme";
    report.programme_name = "MobiliseSME";
    report.language = "en";
    report.data_version = 1234;
    report.generated_at = "2026-11-25T02:30:00Z";
    report.suppression_threshold = kThreshold;
    report.indicators = {registered_organisations(), sending_matched_needs(std::move(share_label)), confidence_change(),
                         hosting_satisfaction_without_answers()};
    return report;
}

/// mobilise_sme() and a figure of each kind it lacks: a response rate, digital
/// intensity, a skills gap and an agreement.
inline Report every_kind() {
    auto report = mobilise_sme();
    report.indicators.push_back(response_rate());
    report.indicators.push_back(digital_intensity());
    report.indicators.push_back(skills_gap());
    report.indicators.push_back(agreement());
    return report;
}

}  // namespace yardstick::server::reports::fixture
