#pragma once
// The figures' charts drawn with cairo: the chart figure_chart.hpp chooses
// (an interval bar, or two bars), as one block with its axis and legend.

#include <optional>

#include "server/reports/figure_chart.hpp"
#include "server/reports/pdf/blocks.hpp"
#include "server/reports/pdf/typesetter.hpp"

namespace yardstick::server::reports::pdf {

/// The figure's chart across the content width, with the dashboard's colours;
/// nothing when the figure has none (chart_of() gives std::monostate).
std::optional<Block> chart_block(const Typesetter& typesetter, const IndicatorFigure& figure);

}  // namespace yardstick::server::reports::pdf
