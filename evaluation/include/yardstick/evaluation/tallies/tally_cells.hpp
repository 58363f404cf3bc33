#pragma once
// The names of the tally cells: what count_response() and count_pair() write
// and the report reads back. One place, so writer and reader cannot drift.

#include <cstdint>
#include <string>
#include <string_view>

namespace yardstick::evaluation::cells {

// share, agreement's parties
inline constexpr std::string_view success = "success";
inline constexpr std::string_view failure = "failure";
// mean: one cell with count, sum and sum of squares
inline constexpr std::string_view answers = "answers";
// nps
inline constexpr std::string_view promoter = "promoter";
inline constexpr std::string_view passive = "passive";
inline constexpr std::string_view detractor = "detractor";
// response_rate
inline constexpr std::string_view invited = "invited";
inline constexpr std::string_view responded = "responded";
// paired_change and digital_intensity: the answers before and after (count,
// sum, sum of squares), the differences of decimal pairs (the same), and the
// 2×2 table of yes/no pairs
inline constexpr std::string_view before = "pre";
inline constexpr std::string_view after = "post";
inline constexpr std::string_view difference = "d";
inline constexpr std::string_view yes_yes = "yes_yes";
inline constexpr std::string_view yes_no = "yes_no";
inline constexpr std::string_view no_yes = "no_yes";
inline constexpr std::string_view no_no = "no_no";
// digital_intensity: the basic-level table is kept under this group_by
inline constexpr std::string_view basic_level_group = "basic_level";
// skills_gap: cells are rounds (waves); groups by competence area and by the
// respondent's answer to the target-group question
inline constexpr std::string_view competence_area = "area";
inline constexpr std::string_view target_group = "target_group";

/// The skills gap's count of respondents in a round: "respondents@2019".
std::string respondents_in(std::string_view wave);
/// The round a respondents cell counts, or nothing for another cell.
bool parse_respondents(std::string_view cell, std::string& wave);

/// The histogram cell of one whole-number difference after − before: "d=-2".
std::string difference_of(std::int64_t difference);
/// The difference a histogram cell holds, or nothing for another cell.
bool parse_difference(std::string_view cell, std::int64_t& difference);

}  // namespace yardstick::evaluation::cells
