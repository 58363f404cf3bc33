#include "server/reports/breakdown_table.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

#include "server/reports/figure_text.hpp"

namespace yardstick::server::reports {

namespace {

// What a breakdown's `by` reads as in a caption.
std::string readable(std::string_view by) {
    if (by == "area") {
        return "competence area";
    }
    std::string text(by);
    std::replace(text.begin(), text.end(), '_', ' ');
    return text;
}

std::string capitalised(std::string text) {
    if (!text.empty()) {
        text.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(text.front())));
    }
    return text;
}

TableCell suppressed_cell(std::string_view suppressed_text, int span) {
    return {.text = std::string(suppressed_text), .suppressed = true, .span = span};
}

TableCell text_cell(std::string text) {
    return {.text = std::move(text), .suppressed = false, .span = 1};
}

BreakdownTable group_list(const IndicatorFigure& figure, const Breakdown& breakdown, std::string_view suppressed_text) {
    BreakdownTable table{.caption = "By " + readable(breakdown.by),
                         .shape = TableShape::group_list,
                         .headings = {"Group", "Value", "Interval", "n"},
                         .rows = {},
                         .any_suppressed = false};
    for (const auto& group : breakdown.groups) {
        TableRow row{.label = group_label(group), .cells = {}};
        if (group.suppressed) {
            // Nothing about the group's size beyond "below k" may show.
            row.cells.push_back(suppressed_cell(suppressed_text, 3));
            table.any_suppressed = true;
        } else {
            const auto low = finite(group.ci_low);
            const auto high = finite(group.ci_high);
            row.cells.push_back(text_cell(group_value_text(figure, group)));
            row.cells.push_back(text_cell(low && high ? interval_text(figure, *low, *high) : ""));
            row.cells.push_back(text_cell(group.n ? std::to_string(*group.n) : ""));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

/// A skills gap group's key "<key>/<round>" split in two.
struct RoundKey {
    std::string row;
    std::string round;
};

bool split_round_key(const std::string& key, RoundKey& parts) {
    const auto slash = key.rfind('/');
    if (slash == std::string::npos) {
        return false;
    }
    parts = {.row = key.substr(0, slash), .round = key.substr(slash + 1)};
    return true;
}

// "Big Data, 2025" → "Big Data": the label without the round build_report appended.
std::string row_label(const GroupFigure& group, const RoundKey& parts) {
    const auto suffix = ", " + parts.round;
    if (group.label.size() > suffix.size() && group.label.ends_with(suffix)) {
        return group.label.substr(0, group.label.size() - suffix.size());
    }
    return parts.row;
}

TableCell round_cell(const IndicatorFigure& figure, const GroupFigure& group, std::string_view suppressed_text) {
    if (group.suppressed) {
        return suppressed_cell(suppressed_text, 1);
    }
    auto text = group_value_text(figure, group);
    if (group.n) {
        text += " (n = " + std::to_string(*group.n) + ")";
    }
    return text_cell(std::move(text));
}

BreakdownTable round_grid(const IndicatorFigure& figure, const Breakdown& breakdown, std::string_view suppressed_text,
                          const std::vector<RoundKey>& keys) {
    const std::set<std::string> rounds = [&keys] {
        std::set<std::string> names;
        for (const auto& key : keys) {
            names.insert(key.round);
        }
        return names;
    }();
    BreakdownTable table{.caption = "By " + readable(breakdown.by) + " and round",
                         .shape = TableShape::round_grid,
                         .headings = {capitalised(readable(breakdown.by))},
                         .rows = {},
                         .any_suppressed = false};
    table.headings.insert(table.headings.end(), rounds.begin(), rounds.end());
    std::vector<std::string> row_keys;  // in the order of their first group
    for (std::size_t at = 0; at < keys.size(); ++at) {
        const auto row =
            static_cast<std::size_t>(std::find(row_keys.begin(), row_keys.end(), keys[at].row) - row_keys.begin());
        if (row == row_keys.size()) {
            row_keys.push_back(keys[at].row);
            table.rows.push_back({.label = row_label(breakdown.groups[at], keys[at]),
                                  .cells = std::vector<TableCell>(rounds.size(), text_cell(""))});
        }
        const auto column = static_cast<std::size_t>(std::distance(rounds.begin(), rounds.find(keys[at].round)));
        table.rows[row].cells[column] = round_cell(figure, breakdown.groups[at], suppressed_text);
        table.any_suppressed = table.any_suppressed || breakdown.groups[at].suppressed;
    }
    return table;
}

}  // namespace

bool TableRow::suppressed() const {
    return !cells.empty() &&
           std::all_of(cells.begin(), cells.end(), [](const TableCell& cell) { return cell.suppressed; });
}

BreakdownTable breakdown_table(const IndicatorFigure& figure, const Breakdown& breakdown,
                               std::string_view suppressed_text) {
    if (figure.kind == domain::IndicatorKind::skills_gap && !breakdown.groups.empty()) {
        std::vector<RoundKey> keys(breakdown.groups.size());
        bool all_split = true;
        for (std::size_t at = 0; at < keys.size() && all_split; ++at) {
            all_split = split_round_key(breakdown.groups[at].key, keys[at]);
        }
        if (all_split) {
            return round_grid(figure, breakdown, suppressed_text, keys);
        }
    }
    return group_list(figure, breakdown, suppressed_text);
}

}  // namespace yardstick::server::reports
