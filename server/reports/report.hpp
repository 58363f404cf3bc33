#pragma once
// The impact report of one programme as plain values: what a funder reads,
// computed by evaluation/ from the tallies and already reduced for disclosure
// (small groups marked `suppressed`) before any renderer sees it. Renderers
// (report_json, dashboard_html) only choose how to show these values; they
// never compute a statistic, so JSON, CSV and HTML cannot disagree.
//
// Units: shares, rates, intervals and the NPS are fractions (0.91, not 91);
// means are on the item's own scale (e.g. 1–5). A figure that could not be
// computed (no answers, no pairs, no variation) is absent, and `note` says why.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yardstick/domain/indicator.hpp"

namespace yardstick::server::reports {

/// How an interval was computed (the JSON's `ci_method`).
enum class IntervalMethod {
    wilson,           ///< Wilson score interval of a share or rate
    t,                ///< Student's t interval of a mean or a mean change
    newcombe_paired,  ///< Newcombe's interval for a change in a paired share
    nps,              ///< Wald interval of the net promoter score (Rocks 2016)
};

/// Which test compared the before and after answers (the JSON's `test`).
enum class PairedTestKind {
    wilcoxon_signed_rank,  ///< statistic V = R+, effect size the rank-biserial r
    mcnemar,               ///< statistic χ² (1 df), no effect size
    paired_t,              ///< statistic t, effect size Cohen's d_z
};

std::string_view to_string(IntervalMethod method) noexcept;
std::string_view to_string(PairedTestKind test) noexcept;

/// One group of a breakdown: e.g. the sending organisations of one country.
/// When `suppressed`, the renderers show only `key` (and the label) and never
/// the figures, even if they are filled in here.
struct GroupFigure {
    std::string key;                          ///< the group's code (country "IT", size "small", wave "post")
    std::string label;                        ///< what a reader sees; the key when empty
    std::optional<double> value;              ///< the group's figure, in the indicator's units
    std::optional<std::int64_t> n;            ///< answers (or pairs) in the group
    std::optional<std::int64_t> numerator;    ///< successes, for shares and rates
    std::optional<std::int64_t> denominator;  ///< valid answers (or invitations), for shares and rates
    std::optional<double> ci_low;
    std::optional<double> ci_high;
    std::string note;         ///< why `value` or the interval is absent
    bool suppressed = false;  ///< fewer answers than the report's threshold (or protecting one)
};

/// The indicator split by one characteristic (`by`: respondent, country,
/// sector, size or wave), groups in the order they are shown.
struct Breakdown {
    std::string by;
    std::vector<GroupFigure> groups;
};

/// One indicator's figure. Which members are meaningful depends on `kind`:
/// - count: `value` (the number counted) and `n` (the same number);
/// - share, response_rate: `numerator` / `denominator`, Wilson interval;
/// - mean: t interval; `scale_max` for the chart;
/// - nps: score in [−1, 1], its Wald interval;
/// - paired_change: `n_pairs`, `mean_pre`, `mean_post`,
///   `mean_difference` (= `value`), the test, its `statistic`, `p_value` and
///   `effect_size`, an interval of the change where there is one, and
///   `scale_max` (the item's top answer) for the pre/post chart;
/// - digital_intensity: the paired change in the share of SMEs at basic
///   level or above (`mean_pre`, `mean_post`, Newcombe, McNemar), with the
///   mean number of items present before and after;
/// - skills_gap: the latest round's mean gap (required − current level), the
///   first and latest rounds' in `mean_pre`/`mean_post`, breakdowns by area
///   and target group per round;
/// - agreement: Cohen's kappa, `numerator` engagements agreeing of `denominator`.
struct IndicatorFigure {
    std::string id;     ///< the indicator's id in the template (`sending_matched_needs`)
    std::string label;  ///< its name in the report's language
    domain::IndicatorKind kind = domain::IndicatorKind::count;
    std::optional<double> value;
    std::optional<std::int64_t> n;  ///< answers, or respondents, the figure rests on
    std::optional<std::int64_t> numerator;
    std::optional<std::int64_t> denominator;
    std::optional<double> ci_low;
    std::optional<double> ci_high;
    std::optional<IntervalMethod> ci_method;
    std::optional<double> ci_level;  ///< e.g. 0.95
    std::optional<std::int64_t> n_pairs;
    std::optional<double> mean_pre;
    std::optional<double> mean_post;
    std::optional<double> mean_difference;
    std::optional<PairedTestKind> test;
    std::optional<double> statistic;
    std::optional<double> p_value;  ///< two-sided
    std::optional<double> effect_size;
    std::optional<double> scale_max;  ///< top of the item's scale (5 on a 1–5 Likert), for charts only
    std::optional<double> items_pre;  ///< digital_intensity: mean items present before, of `items_total`
    std::optional<double> items_post;
    std::optional<std::int64_t> items_total;
    std::vector<std::string> rounds;  ///< skills_gap: the rounds `mean_pre` and `mean_post` are from
    std::string note;                 ///< why a figure above is absent; empty when none is
    std::string method;               ///< the short methods note shown with the figure
    std::vector<Breakdown> breakdowns;
};

/// Share and rate kinds: fractions with a numerator and a denominator.
bool is_proportion(domain::IndicatorKind kind) noexcept;
/// Kinds that compare the same respondents before and after.
bool is_paired(domain::IndicatorKind kind) noexcept;
/// Kinds whose report shows breakdowns: those a template may break down
/// (share, mean, nps, paired_change), response rates (by respondent) and
/// skills gaps (by area and target group).
bool has_breakdowns(domain::IndicatorKind kind) noexcept;
/// Kinds whose figure carries a confidence interval.
bool has_interval(domain::IndicatorKind kind) noexcept;

/// A programme's report at one point of its event log.
struct Report {
    std::string programme_slug;
    std::string programme_name;
    std::string language;                    ///< of the labels and methods notes ("en", "fr", …)
    std::int64_t data_version = 0;           ///< the tallies' checkpoint: the last event counted
    std::string generated_at;                ///< RFC 3339, UTC ("2026-11-25T02:30:00Z")
    /// The event log's chain head the figures cover ("SEQ:HEX"), for
    /// `yardstick verify --expect-head`.
    std::string event_log_head;
    std::int64_t suppression_threshold = 5;  ///< k: groups with fewer answers are not shown
    std::vector<IndicatorFigure> indicators;
};

}  // namespace yardstick::server::reports
