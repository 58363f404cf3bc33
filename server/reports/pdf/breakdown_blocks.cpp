#include "server/reports/pdf/breakdown_blocks.hpp"

#include <algorithm>
#include <string>

#include "server/reports/breakdown_table.hpp"

namespace yardstick::server::reports::pdf {

namespace {

constexpr double kLabelColumn = 190;
constexpr double kCellPadding = 4;

// Group, value, interval, n; or the row's label and a column per round.
std::vector<double> column_widths(const BreakdownTable& table) {
    if (table.shape == TableShape::group_list) {
        constexpr double kValueColumn = 75;
        constexpr double kIntervalColumn = 160;
        return {kLabelColumn, kValueColumn, kIntervalColumn,
                kContentWidth - kLabelColumn - kValueColumn - kIntervalColumn};
    }
    const auto rounds = static_cast<double>(std::max<std::size_t>(table.headings.size(), 2) - 1);
    std::vector<double> widths{kLabelColumn};
    widths.resize(table.headings.size(), (kContentWidth - kLabelColumn) / rounds);
    return widths;
}

// One line of the table; a cell spanning several columns takes their widths.
Block table_row(const Typesetter& typesetter, const std::vector<double>& widths, const std::string& label,
                const std::vector<TableCell>& cells, const TextStyle& style, const Colour& rule) {
    Block block;
    double x = kMarginX;
    std::size_t column = 0;
    const auto add = [&](const std::string& text, int span) {
        double width = 0;
        for (int covered = 0; covered < span && column < widths.size(); ++covered) {
            width += widths[column++];
        }
        auto set = typesetter.set(text, style, std::max(width - kCellPadding, 1.0), x);
        set.dy = kCellPadding;
        block.height = std::max(block.height, set.height());
        block.texts.push_back(std::move(set));
        x += width;
    };
    add(label, 1);
    for (const auto& cell : cells) {
        add(cell.text, cell.span);
    }
    block.height += 2 * kCellPadding;
    block.shapes = [rule, bottom = block.height](cairo_t* cairo, double top) {
        stroke_line(cairo, rule, 0.5, kMarginX, top + bottom, kMarginX + kContentWidth, top + bottom);
    };
    return block;
}

std::vector<TableCell> heading_cells(const BreakdownTable& table) {
    std::vector<TableCell> cells;
    for (std::size_t at = 1; at < table.headings.size(); ++at) {
        cells.push_back({.text = table.headings[at], .suppressed = false, .span = 1});
    }
    return cells;
}

}  // namespace

std::vector<std::vector<Block>> breakdown_blocks(const Typesetter& typesetter, const Report& report,
                                                 const IndicatorFigure& figure, const Breakdown& breakdown) {
    const auto k = std::to_string(report.suppression_threshold);
    const auto table = breakdown_table(figure, breakdown, "suppressed (fewer than " + k + ")");
    const auto widths = column_widths(table);
    std::vector<std::vector<Block>> groups(1);
    groups[0].push_back(paragraph(typesetter, table.caption, kSubheading, 2));
    groups[0].push_back(
        table_row(typesetter, widths, table.headings.front(), heading_cells(table), kTableHeading, kInk));
    for (const auto& row : table.rows) {
        auto line = table_row(typesetter, widths, row.label, row.cells, kTableCell, kTrack);
        if (groups.size() == 1 && groups[0].size() == 2) {
            groups[0].push_back(std::move(line));
        } else {
            groups.push_back(blocks(std::move(line)));
        }
    }
    const auto footnote = "Suppressed: fewer than " + k +
                          " answers, or hidden so that a smaller group cannot be worked out from the others.";
    groups.push_back(blocks(table.any_suppressed ? paragraph(typesetter, footnote, kSmall, 12) : spacer(10)));
    return groups;
}

}  // namespace yardstick::server::reports::pdf
