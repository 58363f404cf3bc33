#pragma once
// A MobiliseSME-like report built by hand for the renderers' tests. Every
// statistic comes from evaluation/ (never typed in), so the tests check the
// renderers against what the statistics really return.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "server/reports/report.hpp"
#include "yardstick/evaluation/statistics/difference_histogram.hpp"
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

inline IndicatorFigure sending_matched_needs(std::string label) {
    const auto wilson = evaluation::wilson_interval(49, 54);
    EXPECT_TRUE(wilson.ok());
    IndicatorFigure figure;
    figure.id = "sending_matched_needs";
    figure.label = std::move(label);
    figure.kind = domain::IndicatorKind::share;
    figure.value = wilson->estimate;
    figure.n = 54;
    figure.numerator = 49;
    figure.denominator = 54;
    figure.ci_low = wilson->low;
    figure.ci_high = wilson->high;
    figure.ci_method = IntervalMethod::wilson;
    figure.ci_level = 0.95;
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

}  // namespace yardstick::server::reports::fixture
