#pragma once
// A breakdown as the cells of a table, the same in the dashboard and the PDF:
// which rows and columns, what each cell says, and which cells disclosure
// control empties. Renderers only lay the cells out.

#include <string>
#include <string_view>
#include <vector>

#include "server/reports/report.hpp"

namespace yardstick::server::reports {

/// How the groups are laid out.
enum class TableShape {
    group_list,  ///< a row per group: Group, Value, Interval, n
    round_grid,  ///< skills gaps: a row per area (or target group), a column per round
};

struct TableCell {
    std::string text;
    bool suppressed = false;  ///< says only that the group is too small
    int span = 1;             ///< columns it covers
};

struct TableRow {
    std::string label;  ///< the row's heading: the group's label (or key)
    std::vector<TableCell> cells;

    /// Every cell suppressed: the row shows nothing but that.
    [[nodiscard]] bool suppressed() const;
};

struct BreakdownTable {
    std::string caption;  ///< "By country", "By competence area and round"
    TableShape shape = TableShape::group_list;
    std::vector<std::string> headings;  ///< one per column, the rows' own heading first
    std::vector<TableRow> rows;
    bool any_suppressed = false;
};

/// The breakdown's table. A suppressed group shows `suppressed_text` (the
/// renderer's wording, e.g. "fewer than 5 answers") and none of its figures:
/// in a group list one cell spanning the value, interval and n columns, in a
/// round grid its own cell. A skills gap whose groups are keyed
/// "<key>/<round>" (build_report.cpp) becomes a round grid, rows in the order
/// of their first group and rounds in key order, as build_report lists them.
BreakdownTable breakdown_table(const IndicatorFigure& figure, const Breakdown& breakdown,
                               std::string_view suppressed_text);

}  // namespace yardstick::server::reports
