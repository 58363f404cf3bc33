#pragma once
// Which chart a figure gets, on which axis, and what it says in words: decided
// once here, drawn by the dashboard as inline SVG (dashboard_html.cpp) and by
// the PDF with cairo (pdf/charts.cpp), so that both show the same chart.

#include <optional>
#include <string>
#include <variant>

#include "server/reports/report.hpp"

namespace yardstick::server::reports {

/// Skills levels run from 0 to 5, so a mean gap (required − current) is drawn
/// on 0…5; a negative gap (levels above those required) draws an empty bar.
inline constexpr double kSkillsGapScaleMax = 5;

/// How an axis' values read.
enum class AxisUnit {
    percent,  ///< fractions, labelled 0%…100%
    nps,      ///< −1…1, labelled −100…+100
    scale,    ///< the item's own scale, labelled as they are
};

struct ChartAxis {
    double min = 0;
    double max = 1;  ///< > min
    AxisUnit unit = AxisUnit::percent;

    /// Where `value` lies along the axis, from 0 (min) to 1 (max), kept on the axis.
    [[nodiscard]] double fraction(double value) const;
};

/// One bar from the axis' origin (0, or the axis' end nearest to it) to the
/// value, with a whisker over the interval where there is one.
struct IntervalBarChart {
    ChartAxis axis;
    double value = 0;
    std::optional<double> low;  ///< both bounds or neither, finite
    std::optional<double> high;
    std::string words;  ///< the chart in a sentence, for screen readers
};

/// Two bars from the axis' start, one above the other: before and after, or
/// a skills gap's first and latest round.
struct TwoBarChart {
    ChartAxis axis;
    std::string first_name;  ///< "Before", or the first round
    std::string second_name;
    double first = 0;
    double second = 0;
    std::string words;   ///< the chart in a sentence, for screen readers
    std::string legend;  ///< printed under the bars: "Before 2.90, after 3.80 (scale up to 5)"
};

using FigureChart = std::variant<std::monostate, IntervalBarChart, TwoBarChart>;

/// The figure's chart: shares and rates on 0–100%, the NPS on −100…+100 and
/// means on 0…scale_max as interval bars; paired changes as before/after bars
/// (in percent for yes/no items and digital intensity, on 0…scale_max
/// otherwise); a skills gap's first and latest rounds on 0…5. None
/// (monostate) when the figure has no finite value, when the kind has no
/// chart (count, agreement), or when the scale is unknown.
FigureChart chart_of(const IndicatorFigure& figure);

}  // namespace yardstick::server::reports
