#include "server/reports/group_estimates.hpp"

#include <set>

#include "yardstick/evaluation/statistics/mcnemar_test.hpp"
#include "yardstick/evaluation/statistics/mean_interval.hpp"
#include "yardstick/evaluation/statistics/net_promoter_score.hpp"
#include "yardstick/evaluation/statistics/paired_share_change.hpp"
#include "yardstick/evaluation/statistics/signed_rank_test.hpp"
#include "yardstick/evaluation/statistics/wilson_interval.hpp"
#include "yardstick/evaluation/tallies/contributions.hpp"
#include "yardstick/evaluation/tallies/tally_cells.hpp"

namespace yardstick::server::reports {

using domain::QuestionType;
using evaluation::Tallies;
namespace cells = evaluation::cells;

GroupCells::GroupCells(const Tallies& tallies, std::string indicator, std::string group_by, std::string group_key)
    : tallies_(tallies),
      indicator_(std::move(indicator)),
      group_by_(std::move(group_by)),
      group_key_(std::move(group_key)) {}

evaluation::TallyValue GroupCells::cell(std::string_view name) const {
    return evaluation::value_of(tallies_, {indicator_, group_by_, group_key_, std::string(name)});
}

std::vector<std::pair<std::string, evaluation::TallyValue>> GroupCells::all() const {
    std::vector<std::pair<std::string, evaluation::TallyValue>> found;
    const evaluation::TallyKey first{indicator_, group_by_, group_key_, ""};
    for (auto it = tallies_.lower_bound(first); it != tallies_.end() && it->first.indicator == indicator_ &&
                                                it->first.group_by == group_by_ && it->first.group_key == group_key_;
         ++it) {
        found.emplace_back(it->first.cell, it->second);
    }
    return found;
}

/// The groups a breakdown has data for, in key order.
std::vector<std::string> group_keys(const Tallies& tallies, const std::string& indicator, const std::string& by) {
    std::set<std::string> keys;
    for (auto it = tallies.lower_bound({indicator, by, "", ""});
         it != tallies.end() && it->first.indicator == indicator && it->first.group_by == by; ++it) {
        if (it->second.count != 0) {
            keys.insert(it->first.group_key);
        }
    }
    return {keys.begin(), keys.end()};
}

static Estimate proportion(std::int64_t successes, std::int64_t trials, std::string_view none) {
    Estimate estimate;
    estimate.n = trials;
    if (trials <= 0) {
        estimate.note = none;
        return estimate;
    }
    estimate.numerator = successes;
    estimate.denominator = trials;
    if (const auto interval = evaluation::wilson_interval(successes, trials, kLevel); interval.ok()) {
        estimate.value = interval->estimate;
        estimate.ci_low = interval->low;
        estimate.ci_high = interval->high;
    } else {
        estimate.note = interval.error().message;
    }
    return estimate;
}

Estimate share_of(const GroupCells& group) {
    const auto successes = group.count(cells::success);
    return proportion(successes, successes + group.count(cells::failure), kNoAnswers);
}

Estimate rate_of(const GroupCells& group) {
    return proportion(group.count(cells::responded), group.count(cells::invited), kNoInvitations);
}

/// Whole numbers as they are; decimal questions' tallies are in fixed point.
static double unscaled(double value, bool decimal) {
    return decimal ? value / static_cast<double>(evaluation::kDecimalScale) : value;
}

Estimate mean_of(const GroupCells& group, bool decimal) {
    const auto answers = group.cell(cells::answers);
    Estimate estimate;
    estimate.n = answers.count;
    if (answers.count <= 0) {
        estimate.note = kNoAnswers;
        return estimate;
    }
    const auto mean = evaluation::mean_interval(answers.count, answers.sum, answers.sum_of_squares, kLevel);
    if (!mean.ok()) {
        estimate.note = mean.error().message;
        return estimate;
    }
    estimate.value = unscaled(mean->mean, decimal);
    if (mean->interval) {
        estimate.ci_low = unscaled(mean->interval->low, decimal);
        estimate.ci_high = unscaled(mean->interval->high, decimal);
    } else if (mean->no_interval_because) {
        estimate.note = evaluation::explain(*mean->no_interval_because);
    }
    return estimate;
}

Estimate nps_of(const GroupCells& group) {
    const auto promoters = group.count(cells::promoter);
    const auto passives = group.count(cells::passive);
    const auto detractors = group.count(cells::detractor);
    Estimate estimate;
    estimate.n = promoters + passives + detractors;
    if (*estimate.n <= 0) {
        estimate.note = kNoAnswers;
        return estimate;
    }
    if (const auto score = evaluation::net_promoter_score(promoters, passives, detractors, kLevel); score.ok()) {
        estimate.value = score->score;
        estimate.ci_low = score->interval.low;
        estimate.ci_high = score->interval.high;
    } else {
        estimate.note = score.error().message;
    }
    return estimate;
}

evaluation::PairedYesNoTable yes_no_table(const GroupCells& group) {
    return {group.count(cells::yes_yes), group.count(cells::yes_no), group.count(cells::no_yes),
            group.count(cells::no_no)};
}

static evaluation::DifferenceHistogram histogram_of(const GroupCells& group) {
    evaluation::DifferenceHistogram histogram;
    for (const auto& [cell, value] : group.all()) {
        std::int64_t difference = 0;
        if (cells::parse_difference(cell, difference) && value.count != 0) {
            histogram[difference] = value.count;
        }
    }
    return histogram;
}

/// A yes/no item before and after: the change in the share answering yes,
/// with Newcombe's interval, and McNemar's test.
Change yes_no_change(const evaluation::PairedYesNoTable& table) {
    Change change;
    change.estimate.n = table.pairs();
    if (table.pairs() <= 0) {
        change.estimate.note = kNoPairs;
        return change;
    }
    if (const auto shares = evaluation::paired_share_change(table, kLevel); shares.ok()) {
        change.estimate.value = shares->change;
        change.estimate.ci_low = shares->interval.low;
        change.estimate.ci_high = shares->interval.high;
        change.mean_pre = shares->share_before;
        change.mean_post = shares->share_after;
        change.ci_method = IntervalMethod::newcombe_paired;
    } else {
        change.estimate.note = shares.error().message;
    }
    if (const auto mcnemar = evaluation::mcnemar_test(table); mcnemar.ok()) {
        if (mcnemar->test) {
            change.test = PairedTestKind::mcnemar;
            change.statistic = mcnemar->test->chi_square;
            change.p_value = mcnemar->test->p_value;
        } else if (mcnemar->no_test_because && change.estimate.note.empty()) {
            change.estimate.note = evaluation::explain(*mcnemar->no_test_because);
        }
    }
    return change;
}

/// Means before and after from their tally cells.
void add_means(Change& change, const GroupCells& group, bool decimal) {
    const auto before = group.cell(cells::before);
    const auto after = group.cell(cells::after);
    if (before.count > 0) {
        change.mean_pre = unscaled(static_cast<double>(before.sum) / static_cast<double>(before.count), decimal);
    }
    if (after.count > 0) {
        change.mean_post = unscaled(static_cast<double>(after.sum) / static_cast<double>(after.count), decimal);
    }
}

/// The mean change and its t interval; with the paired t-test as the test
/// when `t_test` (numeric items), else only the interval.
static void add_t_figures(Change& change, const evaluation::PairedMeanChange& mean_change, bool decimal, bool t_test) {
    change.estimate.value = unscaled(mean_change.mean_difference, decimal);
    if (mean_change.interval) {
        change.estimate.ci_low = unscaled(mean_change.interval->low, decimal);
        change.estimate.ci_high = unscaled(mean_change.interval->high, decimal);
        change.ci_method = IntervalMethod::t;
    }
    if (t_test && mean_change.test) {
        change.test = PairedTestKind::paired_t;
        change.statistic = mean_change.test->t;
        change.p_value = mean_change.test->p_value;
        change.effect_size = mean_change.cohens_dz;
    }
    if (!mean_change.test && mean_change.no_test_because && change.estimate.note.empty()) {
        change.estimate.note = evaluation::explain(*mean_change.no_test_because);
    }
}

/// A scale or whole-number item before and after, from the histogram of
/// differences: Wilcoxon's signed-rank test for Likert and scale items, the
/// paired t-test for counts and amounts.
static Change scale_change(const GroupCells& group, QuestionType type) {
    Change change;
    const auto histogram = histogram_of(group);
    std::int64_t pairs = 0;
    for (const auto& [difference, count] : histogram) {
        pairs += count;
    }
    change.estimate.n = pairs;
    if (pairs <= 0) {
        change.estimate.note = kNoPairs;
        return change;
    }
    add_means(change, group, false);
    const bool ranks = type == QuestionType::likert5 || type == QuestionType::scale;
    if (const auto mean_change = evaluation::paired_t_test(histogram, kLevel); mean_change.ok()) {
        add_t_figures(change, *mean_change, false, !ranks);
    }
    if (ranks) {
        if (const auto signed_rank = evaluation::wilcoxon_signed_rank(histogram); signed_rank.ok()) {
            change.effect_size = signed_rank->rank_biserial;
            if (signed_rank->test) {
                change.test = PairedTestKind::wilcoxon_signed_rank;
                change.statistic = signed_rank->positive_rank_sum;
                change.p_value = signed_rank->test->p_value;
            } else if (signed_rank->no_test_because) {
                change.estimate.note = evaluation::explain(*signed_rank->no_test_because);
            }
        }
    }
    return change;
}

/// A decimal item before and after, from the sums of the differences.
static Change decimal_change(const GroupCells& group) {
    Change change;
    const auto differences = group.cell(cells::difference);
    change.estimate.n = differences.count;
    if (differences.count <= 0) {
        change.estimate.note = kNoPairs;
        return change;
    }
    add_means(change, group, true);
    if (const auto mean_change =
            evaluation::paired_t_test(differences.count, differences.sum, differences.sum_of_squares, kLevel);
        mean_change.ok()) {
        add_t_figures(change, *mean_change, true, true);
    }
    return change;
}

Change change_of(const GroupCells& group, QuestionType type) {
    if (type == QuestionType::boolean) {
        return yes_no_change(yes_no_table(group));
    }
    if (type == QuestionType::decimal) {
        return decimal_change(group);
    }
    return scale_change(group, type);
}

}  // namespace yardstick::server::reports
