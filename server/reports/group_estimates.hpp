#pragma once
// One group's figures (or the overall figure's) from its tally cells: a
// share, a rate, a mean, an NPS, or a before/after change with its test.
// The statistics are evaluation/'s; this decides which apply and reads the
// cells they need. Pure, like build_report.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/reports/report.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/evaluation/statistics/paired_t_test.hpp"
#include "yardstick/evaluation/statistics/paired_yes_no_table.hpp"
#include "yardstick/evaluation/tallies/tallies.hpp"

namespace yardstick::server::reports {

/// The confidence level of every interval in a report.
inline constexpr double kLevel = 0.95;

inline constexpr std::string_view kNoAnswers = "No answers yet.";
inline constexpr std::string_view kNoPairs = "No pairs yet: nobody has answered both before and after.";
inline constexpr std::string_view kNoInvitations = "No invitations yet.";

/// The cells of one group (or of the overall figure) of one indicator.
class GroupCells {
public:
    GroupCells(const evaluation::Tallies& tallies, std::string indicator, std::string group_by, std::string group_key);

    evaluation::TallyValue cell(std::string_view name) const;
    std::int64_t count(std::string_view name) const { return cell(name).count; }
    /// Every cell of the group, for histograms and rounds.
    std::vector<std::pair<std::string, evaluation::TallyValue>> all() const;

private:
    const evaluation::Tallies& tallies_;
    std::string indicator_;
    std::string group_by_;
    std::string group_key_;
};

/// The groups a breakdown has data for, in key order.
std::vector<std::string> group_keys(const evaluation::Tallies& tallies, const std::string& indicator,
                                    const std::string& by);

/// The figures every kind shares: value, n and an interval.
struct Estimate {
    std::optional<double> value;
    std::optional<std::int64_t> n;
    std::optional<std::int64_t> numerator;
    std::optional<std::int64_t> denominator;
    std::optional<double> ci_low;
    std::optional<double> ci_high;
    std::string note;
};

Estimate share_of(const GroupCells& group);
Estimate rate_of(const GroupCells& group);
/// `decimal`: the tallies are in fixed point (evaluation::kDecimalScale).
Estimate mean_of(const GroupCells& group, bool decimal);
Estimate nps_of(const GroupCells& group);

/// A paired change, as the whole figure or as one group's.
struct Change {
    Estimate estimate;
    std::optional<double> mean_pre;
    std::optional<double> mean_post;
    std::optional<PairedTestKind> test;
    std::optional<double> statistic;
    std::optional<double> p_value;
    std::optional<double> effect_size;
    std::optional<IntervalMethod> ci_method;
};

evaluation::PairedYesNoTable yes_no_table(const GroupCells& group);
/// A yes/no item before and after: the change in the share answering yes,
/// with Newcombe's interval, and McNemar's test.
Change yes_no_change(const evaluation::PairedYesNoTable& table);
/// Means before and after from their tally cells.
void add_means(Change& change, const GroupCells& group, bool decimal);
/// The change of an item of this type: yes/no, decimal, or a whole-number scale.
Change change_of(const GroupCells& group, domain::QuestionType type);

}  // namespace yardstick::server::reports
