#include "server/reports/pdf/charts.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "server/reports/figure_text.hpp"

namespace yardstick::server::reports::pdf {

namespace {

constexpr double kBarHeight = 12;
constexpr double kTickLength = 3;

/// A chart axis placed on the page, with its labelled ticks.
struct PageAxis {
    ChartAxis axis;
    double left = kMarginX;
    double width = kContentWidth;

    /// The page's x for a value, kept on the axis.
    [[nodiscard]] double x(double value) const { return left + axis.fraction(value) * width; }
};

std::vector<std::pair<double, std::string>> ticks(const ChartAxis& axis) {
    switch (axis.unit) {
        case AxisUnit::percent:
            return {{0, "0%"}, {0.25, "25%"}, {0.5, "50%"}, {0.75, "75%"}, {1, "100%"}};
        case AxisUnit::nps:
            return {{-1, "-100"}, {-0.5, "-50"}, {0, "0"}, {0.5, "+50"}, {1, "+100"}};
        case AxisUnit::scale:
            break;
    }
    return {{axis.min, short_decimal(axis.min, 2)},
            {(axis.min + axis.max) / 2, short_decimal((axis.min + axis.max) / 2, 2)},
            {axis.max, short_decimal(axis.max, 2)}};
}

// Adds the axis under a chart's bars (which end `top` points below the block's
// top): its labels to the block's texts, its tick marks to the block's shapes.
// Returns the height it takes.
double add_axis(const Typesetter& typesetter, const PageAxis& axis, double top, Block& block) {
    constexpr double kLabelWidth = 40;
    double label_height = 0;
    std::vector<double> tick_xs;
    for (const auto& [value, label] : ticks(axis.axis)) {
        // The end labels stay within the axis, so within the page's margins.
        auto style = kAxisLabel;
        double left = axis.x(value) - kLabelWidth / 2;
        if (value <= axis.axis.min) {
            style.alignment = PANGO_ALIGN_LEFT;
            left = axis.x(value);
        } else if (value >= axis.axis.max) {
            style.alignment = PANGO_ALIGN_RIGHT;
            left = axis.x(value) - kLabelWidth;
        }
        auto text = typesetter.set(label, style, kLabelWidth, left);
        text.dy = top + kTickLength + 1;
        label_height = std::max(label_height, text.height());
        block.texts.push_back(std::move(text));
        tick_xs.push_back(axis.x(value));
    }
    block.shapes = [shapes = std::move(block.shapes), tick_xs, top](cairo_t* cairo, double block_top) {
        if (shapes) {
            shapes(cairo, block_top);
        }
        for (const double x : tick_xs) {
            stroke_line(cairo, kMuted, 0.5, x, block_top + top, x, block_top + top + kTickLength);
        }
    };
    return kTickLength + 1 + label_height;
}

// The dashboard's interval bar: a bar from the axis' origin (0 where the axis
// spans it) to the value, and a whisker with caps from the interval's low to
// its high bound.
Block interval_bar(const Typesetter& typesetter, const IntervalBarChart& chart) {
    const PageAxis axis{.axis = chart.axis, .left = kMarginX, .width = kContentWidth};
    const double origin = axis.x(std::clamp(0.0, chart.axis.min, chart.axis.max));
    const double end = axis.x(chart.value);
    std::optional<std::pair<double, double>> whisker;
    if (chart.low && chart.high) {
        whisker = {axis.x(*chart.low), axis.x(*chart.high)};
    }
    Block block;
    block.shapes = [left = axis.left, width = axis.width, origin, end, whisker](cairo_t* cairo, double top) {
        fill_rectangle(cairo, kTrack, left, top, width, kBarHeight);
        fill_rectangle(cairo, kAccent, std::min(origin, end), top, std::abs(end - origin), kBarHeight);
        if (whisker) {
            const double middle = top + kBarHeight / 2;
            stroke_line(cairo, kInk, 1.25, whisker->first, middle, whisker->second, middle);
            stroke_line(cairo, kInk, 1.25, whisker->first, middle - 5, whisker->first, middle + 5);
            stroke_line(cairo, kInk, 1.25, whisker->second, middle - 5, whisker->second, middle + 5);
        }
    };
    block.height = kBarHeight + add_axis(typesetter, axis, kBarHeight, block) + 10;
    return block;
}

// Two bars from the axis' start, each named on the left (before/after, or
// the rounds), and the legend with both figures under the axis.
Block two_bars(const Typesetter& typesetter, const TwoBarChart& chart) {
    constexpr double kGap = 5;
    constexpr double kNameSpace = 6;
    // As wide as the longer name (a round can be longer than "Before"), at most a quarter of the width.
    double name_width = 44;
    for (const auto* name : {&chart.first_name, &chart.second_name}) {
        name_width = std::max(name_width, typesetter.set(*name, kSmall, kContentWidth / 4).width() + kNameSpace);
    }
    name_width = std::min(name_width, kContentWidth / 4);
    const PageAxis axis{.axis = chart.axis, .left = kMarginX + name_width, .width = kContentWidth - name_width};
    Block block;
    for (const auto& [name, row] : {std::pair{&chart.first_name, 0}, std::pair{&chart.second_name, 1}}) {
        auto text = typesetter.set(*name, kSmall, name_width - kNameSpace);
        text.dy = row * (kBarHeight + kGap) + (kBarHeight - text.height()) / 2;
        block.texts.push_back(std::move(text));
    }
    block.shapes = [left = axis.left, first_end = axis.x(chart.first), second_end = axis.x(chart.second)](
                       cairo_t* cairo, double top) {
        fill_rectangle(cairo, kBefore, left, top, first_end - left, kBarHeight);
        fill_rectangle(cairo, kAccent, left, top + kBarHeight + kGap, second_end - left, kBarHeight);
    };
    const double bars = 2 * kBarHeight + kGap;
    auto legend = typesetter.set(chart.legend, kSmall, kContentWidth);
    legend.dy = bars + add_axis(typesetter, axis, bars, block) + 4;
    block.height = legend.dy + legend.height() + 8;
    block.texts.push_back(std::move(legend));
    return block;
}

}  // namespace

std::optional<Block> chart_block(const Typesetter& typesetter, const IndicatorFigure& figure) {
    const auto chart = chart_of(figure);
    if (const auto* bar = std::get_if<IntervalBarChart>(&chart)) {
        return interval_bar(typesetter, *bar);
    }
    if (const auto* bars = std::get_if<TwoBarChart>(&chart)) {
        return two_bars(typesetter, *bars);
    }
    return std::nullopt;
}

}  // namespace yardstick::server::reports::pdf
