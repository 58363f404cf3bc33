#include "server/reports/figure_chart.hpp"

#include <algorithm>

#include "server/reports/figure_text.hpp"

namespace yardstick::server::reports {

using domain::IndicatorKind;

namespace {

constexpr ChartAxis kPercentAxis{.min = 0, .max = 1, .unit = AxisUnit::percent};
constexpr ChartAxis kNpsAxis{.min = -1, .max = 1, .unit = AxisUnit::nps};

ChartAxis scale_axis(double scale_max) {
    return {.min = 0, .max = scale_max, .unit = AxisUnit::scale};
}

// "Label: 91%, 95% confidence interval 85% to 95%, n = 54".
std::string interval_words(const IndicatorFigure& figure, double value, std::optional<double> low,
                           std::optional<double> high) {
    std::string words = figure.label + ": " + value_text(figure, value);
    if (low && high) {
        words += ", " + whole_percent(figure.ci_level.value_or(0.95)) + " confidence interval " +
                 value_text(figure, *low) + " to " + value_text(figure, *high);
    }
    if (figure.n) {
        words += ", n = " + std::to_string(*figure.n);
    }
    return words;
}

IntervalBarChart interval_bar(const IndicatorFigure& figure, const ChartAxis& axis, double value) {
    auto low = finite(figure.ci_low);
    auto high = finite(figure.ci_high);
    if (!low || !high) {
        low = high = std::nullopt;
    }
    return {.axis = axis, .value = value, .low = low, .high = high, .words = interval_words(figure, value, low, high)};
}

// Before and after in percent: a yes/no item, or digital intensity's share at basic level.
TwoBarChart share_before_after(const IndicatorFigure& figure, double pre, double post) {
    const auto before = whole_percent(pre);
    const auto after = whole_percent(post);
    const bool basic_level = figure.kind == IndicatorKind::digital_intensity;
    return {.axis = kPercentAxis,
            .first_name = "Before",
            .second_name = "After",
            .first = pre,
            .second = post,
            .words = figure.label + ": " + before + (basic_level ? " at basic level or above" : "") + " before, " +
                     after + " after",
            .legend = (basic_level ? "At basic level or above: before " : "Before ") + before + ", after " + after};
}

// Before and after on the item's scale.
TwoBarChart mean_before_after(const IndicatorFigure& figure, double pre, double post, double scale_max) {
    const auto before = fixed(pre, 2);
    const auto after = fixed(post, 2);
    const auto scale = short_decimal(scale_max, 2);
    return {.axis = scale_axis(scale_max),
            .first_name = "Before",
            .second_name = "After",
            .first = pre,
            .second = post,
            .words = figure.label + ": mean before " + before + ", after " + after + " on a scale up to " + scale,
            .legend = "Before " + before + ", after " + after + " (scale up to " + scale + ")"};
}

FigureChart paired_chart(const IndicatorFigure& figure) {
    const auto pre = finite(figure.mean_pre);
    const auto post = finite(figure.mean_post);
    if (!pre || !post) {
        return {};
    }
    if (change_is_share(figure)) {
        return share_before_after(figure, *pre, *post);
    }
    const auto scale_max = finite(figure.scale_max);
    if (!scale_max || *scale_max <= 0) {
        return {};
    }
    return mean_before_after(figure, *pre, *post, *scale_max);
}

// The first and latest rounds' mean gaps, or the latest alone.
FigureChart skills_gap_chart(const IndicatorFigure& figure, double latest) {
    const auto scale = short_decimal(kSkillsGapScaleMax, 2);
    const auto first = finite(figure.mean_pre);
    const auto last = finite(figure.mean_post);
    if (figure.rounds.size() == 2 && first && last) {
        return TwoBarChart{.axis = scale_axis(kSkillsGapScaleMax),
                           .first_name = figure.rounds[0],
                           .second_name = figure.rounds[1],
                           .first = *first,
                           .second = *last,
                           .words = figure.label + ": mean gap " + fixed(*first, 2) + " in " + figure.rounds[0] + ", " +
                                    fixed(*last, 2) + " in " + figure.rounds[1] + " on a scale up to " + scale,
                           .legend = figure.rounds[0] + ": " + fixed(*first, 2) + ", " + figure.rounds[1] + ": " +
                                     fixed(*last, 2) + " (scale up to " + scale + ")"};
    }
    auto bar = interval_bar(figure, scale_axis(kSkillsGapScaleMax), latest);
    bar.words = figure.label + ": mean gap " + fixed(latest, 2) +
                (figure.rounds.empty() ? "" : " in " + figure.rounds.back()) + " on a scale up to " + scale;
    return bar;
}

}  // namespace

double ChartAxis::fraction(double value) const {
    return std::clamp((value - min) / (max - min), 0.0, 1.0);
}

FigureChart chart_of(const IndicatorFigure& figure) {
    const auto value = finite(figure.value);
    if (!value) {
        return {};
    }
    switch (figure.kind) {
        case IndicatorKind::share:
        case IndicatorKind::response_rate:
            return interval_bar(figure, kPercentAxis, *value);
        case IndicatorKind::nps:
            return interval_bar(figure, kNpsAxis, *value);
        case IndicatorKind::mean: {
            const auto scale_max = finite(figure.scale_max);
            if (!scale_max || *scale_max <= 0) {
                return {};
            }
            return interval_bar(figure, scale_axis(*scale_max), *value);
        }
        case IndicatorKind::paired_change:
        case IndicatorKind::digital_intensity:
            return paired_chart(figure);
        case IndicatorKind::skills_gap:
            return skills_gap_chart(figure, *value);
        case IndicatorKind::count:
        case IndicatorKind::agreement:
            return {};
    }
    return {};
}

}  // namespace yardstick::server::reports
