// Breakdowns as table cells, shared by the dashboard and the PDF: a row per
// group with a spanning cell for a suppressed one, and for skills gaps a grid
// of areas (or target groups) by round that leaves a missing round empty.
#include "server/reports/breakdown_table.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report_fixture.hpp"

namespace yardstick::server::reports {
namespace {

std::vector<std::string> texts(const TableRow& row) {
    std::vector<std::string> found;
    for (const auto& cell : row.cells) {
        found.push_back(cell.text);
    }
    return found;
}

TEST(BreakdownTable, ListsGroupsWithASpanningCellForASuppressedOne) {
    const auto figure = fixture::sending_matched_needs("Needs");
    const auto table = breakdown_table(figure, figure.breakdowns[0], "hidden");
    EXPECT_EQ(table.caption, "By country");
    EXPECT_EQ(table.shape, TableShape::group_list);
    EXPECT_EQ(table.headings, (std::vector<std::string>{"Group", "Value", "Interval", "n"}));
    ASSERT_EQ(table.rows.size(), 3U);
    EXPECT_EQ(table.rows[0].label, "IT");
    EXPECT_EQ(table.rows[0].cells.size(), 3U);
    EXPECT_EQ(table.rows[0].cells[2].text, "30");
    EXPECT_FALSE(table.rows[0].suppressed());
    EXPECT_EQ(table.rows[1].label, "FR");
    ASSERT_EQ(table.rows[1].cells.size(), 1U);
    EXPECT_EQ(table.rows[1].cells[0].text, "hidden");
    EXPECT_EQ(table.rows[1].cells[0].span, 3);
    EXPECT_TRUE(table.rows[1].suppressed());
    EXPECT_TRUE(table.any_suppressed);
}

TEST(BreakdownTable, SkillsGapIsAGridOfAreasByRound) {
    auto figure = fixture::skills_gap();
    auto& areas = figure.breakdowns[0];
    areas.groups.push_back(fixture::round_group("ai", "Artificial Intelligence", "2026", 2.05, 12));
    const auto table = breakdown_table(figure, areas, "hidden");
    EXPECT_EQ(table.caption, "By competence area and round");
    EXPECT_EQ(table.shape, TableShape::round_grid);
    EXPECT_EQ(table.headings, (std::vector<std::string>{"Competence area", "2025", "2026"}));
    ASSERT_EQ(table.rows.size(), 3U);
    EXPECT_EQ(table.rows[0].label, "Big Data");
    EXPECT_EQ(texts(table.rows[0]), (std::vector<std::string>{"1.60 (n = 20)", "1.10 (n = 20)"}));
    EXPECT_EQ(table.rows[1].label, "Internet of Things");
    EXPECT_EQ(texts(table.rows[1]), (std::vector<std::string>{"hidden", "hidden"}));
    EXPECT_TRUE(table.rows[1].suppressed());
    // A round an area has no answers in stays empty.
    EXPECT_EQ(table.rows[2].label, "Artificial Intelligence");
    EXPECT_EQ(texts(table.rows[2]), (std::vector<std::string>{"", "2.05 (n = 12)"}));
    EXPECT_FALSE(table.rows[2].suppressed());
}

TEST(BreakdownTable, SkillsGapGroupsWithoutARoundStayAList) {
    auto figure = fixture::skills_gap();
    Breakdown plain{.by = "area", .groups = {fixture::share_group("big_data", 3, 10)}};
    const auto table = breakdown_table(figure, plain, "hidden");
    EXPECT_EQ(table.shape, TableShape::group_list);
    EXPECT_EQ(table.caption, "By competence area");
}

}  // namespace
}  // namespace yardstick::server::reports
