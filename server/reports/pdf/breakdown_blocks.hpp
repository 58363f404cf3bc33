#pragma once
// A breakdown as table rows on the PDF's pages: the cells breakdown_table.hpp
// gives, in columns, with the suppression footnote when a group is hidden.

#include <vector>

#include "server/reports/pdf/blocks.hpp"
#include "server/reports/pdf/typesetter.hpp"
#include "server/reports/report.hpp"

namespace yardstick::server::reports::pdf {

/// The table in groups of blocks that are each kept together: the caption,
/// the heading row and the first row together, then one row each, then the
/// footnote saying what "suppressed" covers (when a group is) or a space.
/// A suppressed group's row shows its label and "suppressed (fewer than k)".
std::vector<std::vector<Block>> breakdown_blocks(const Typesetter& typesetter, const Report& report,
                                                 const IndicatorFigure& figure, const Breakdown& breakdown);

}  // namespace yardstick::server::reports::pdf
