#include "server/reports/build_report.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "server/reports/group_estimates.hpp"
#include "yardstick/evaluation/statistics/cohens_kappa.hpp"
#include "yardstick/evaluation/statistics/small_group_suppression.hpp"
#include "yardstick/evaluation/tallies/reach.hpp"
#include "yardstick/evaluation/tallies/tally_cells.hpp"

namespace yardstick::server::reports {

namespace {

using domain::Indicator;
using domain::IndicatorKind;
using domain::QuestionType;
using evaluation::Tallies;
namespace cells = evaluation::cells;

void copy_estimate(IndicatorFigure& figure, const Estimate& estimate) {
    figure.value = estimate.value;
    figure.n = estimate.n;
    figure.numerator = estimate.numerator;
    figure.denominator = estimate.denominator;
    figure.ci_low = estimate.ci_low;
    figure.ci_high = estimate.ci_high;
    figure.note = estimate.note;
}

void copy_change(IndicatorFigure& figure, const Change& change) {
    copy_estimate(figure, change.estimate);
    figure.n_pairs = change.estimate.n;
    figure.mean_pre = change.mean_pre;
    figure.mean_post = change.mean_post;
    figure.mean_difference = change.estimate.value;
    figure.test = change.test;
    figure.statistic = change.statistic;
    figure.p_value = change.p_value;
    figure.effect_size = change.effect_size;
    figure.ci_method = change.ci_method;
}

GroupFigure group_figure(const std::string& key, const Estimate& estimate) {
    GroupFigure group;
    group.key = key;
    group.value = estimate.value;
    group.n = estimate.n;
    group.numerator = estimate.numerator;
    group.denominator = estimate.denominator;
    group.ci_low = estimate.ci_low;
    group.ci_high = estimate.ci_high;
    group.note = estimate.note;
    return group;
}

/// Marks the groups disclosure control hides: fewer than k, and the next
/// smallest when only one would be hidden.
void suppress_small_groups(Breakdown& breakdown, std::int64_t threshold) {
    std::vector<evaluation::GroupCount> counts;
    for (const auto& group : breakdown.groups) {
        counts.push_back({group.key, group.n.value_or(0)});
    }
    const auto hidden = evaluation::suppressed_groups(counts, threshold);
    if (!hidden.ok()) {
        return;
    }
    for (const auto& suppressed : *hidden) {
        for (auto& group : breakdown.groups) {
            if (group.key == suppressed.key) {
                group = GroupFigure{group.key,    group.label,  std::nullopt, std::nullopt, std::nullopt,
                                    std::nullopt, std::nullopt, std::nullopt, "",           true};
            }
        }
    }
}

using GroupEstimate = std::function<Estimate(const GroupCells&)>;

std::vector<Breakdown> breakdowns_of(const Tallies& tallies, const std::string& indicator,
                                     const std::vector<std::string>& by_list, const GroupEstimate& estimate_of,
                                     std::int64_t threshold) {
    std::vector<Breakdown> breakdowns;
    for (const auto& by : by_list) {
        Breakdown breakdown;
        breakdown.by = by;
        for (const auto& key : group_keys(tallies, indicator, by)) {
            breakdown.groups.push_back(group_figure(key, estimate_of(GroupCells(tallies, indicator, by, key))));
        }
        suppress_small_groups(breakdown, threshold);
        breakdowns.push_back(std::move(breakdown));
    }
    return breakdowns;
}

std::vector<std::string> breakdown_names(const Indicator& indicator) {
    std::vector<std::string> names;
    for (const auto by : indicator.breakdowns) {
        names.emplace_back(to_string(by));
    }
    return names;
}

const domain::Question* question_of(const templates::ProgrammeTemplate& programme_template,
                                    const domain::QuestionRef& ref) {
    for (const auto& instrument : programme_template.instruments) {
        if (instrument.key == ref.instrument) {
            return domain::find_question(instrument, ref.question);
        }
    }
    return nullptr;
}

std::optional<double> top_of_scale(const domain::Question* question) {
    if (question == nullptr) {
        return std::nullopt;
    }
    switch (question->type) {
        case QuestionType::likert5:
            return 5.0;
        case QuestionType::scale:
        case QuestionType::integer:
            return question->max ? std::optional<double>(static_cast<double>(*question->max)) : std::nullopt;
        case QuestionType::decimal:
            return question->decimal_max;
        case QuestionType::boolean:
            return 1.0;
        default:
            return std::nullopt;
    }
}

void count_figure(IndicatorFigure& figure, const Indicator& indicator, const evaluation::Reach& reach) {
    std::int64_t value = 0;
    switch (indicator.counts.value_or(domain::CountedThing::engagements)) {
        case domain::CountedThing::registered_organisations:
            value = reach.organisations;
            break;
        case domain::CountedThing::engagements:
            value = reach.engagements;
            break;
        case domain::CountedThing::participants:
            value = reach.participants;
            break;
        case domain::CountedThing::distinct_sectors:
            value = reach.sectors;
            break;
        case domain::CountedThing::distinct_countries:
            value = reach.countries;
            break;
    }
    figure.value = static_cast<double>(value);
    figure.n = value;
}

void simple_figure(IndicatorFigure& figure, const Indicator& indicator, const ReportInputs& inputs,
                   const GroupEstimate& estimate_of, std::vector<std::string> by_list) {
    copy_estimate(figure, estimate_of(GroupCells(inputs.tallies, indicator.id, "", "")));
    figure.breakdowns = breakdowns_of(inputs.tallies, indicator.id, by_list, estimate_of, inputs.suppression_threshold);
}

void paired_change_figure(IndicatorFigure& figure, const Indicator& indicator, const ReportInputs& inputs,
                          const templates::ProgrammeTemplate& programme_template) {
    const auto* question = indicator.pre ? question_of(programme_template, *indicator.pre) : nullptr;
    const auto type = question != nullptr ? question->type : QuestionType::likert5;
    copy_change(figure, change_of(GroupCells(inputs.tallies, indicator.id, "", ""), type));
    figure.scale_max = top_of_scale(question);
    const GroupEstimate group_change = [type](const GroupCells& group) { return change_of(group, type).estimate; };
    figure.breakdowns = breakdowns_of(inputs.tallies, indicator.id, breakdown_names(indicator), group_change,
                                      inputs.suppression_threshold);
}

/// Digital intensity: the change in the share of SMEs at basic level or
/// above (Newcombe, McNemar) is the figure; the mean number of items before
/// and after go with it.
void digital_intensity_figure(IndicatorFigure& figure, const Indicator& indicator, const ReportInputs& inputs) {
    copy_change(figure, yes_no_change(yes_no_table(
                            GroupCells(inputs.tallies, indicator.id, std::string(cells::basic_level_group), ""))));
    figure.scale_max = 1.0;
    const GroupCells items(inputs.tallies, indicator.id, "", "");
    Change item_means;
    add_means(item_means, items, false);
    figure.items_pre = item_means.mean_pre;
    figure.items_post = item_means.mean_post;
    figure.items_total = static_cast<std::int64_t>(indicator.items.size());
}

/// Cohen's kappa of the two parties' successes within each engagement.
void agreement_figure(IndicatorFigure& figure, const Indicator& indicator, const ReportInputs& inputs) {
    const auto table = yes_no_table(GroupCells(inputs.tallies, indicator.id, "", ""));
    figure.n = table.pairs();
    if (table.pairs() <= 0) {
        figure.note = kNoPairs;
        return;
    }
    figure.numerator = table.yes_yes + table.no_no;  // engagements whose parties agree
    figure.denominator = table.pairs();
    const auto kappa = evaluation::cohens_kappa({{table.yes_yes, table.yes_no}, {table.no_yes, table.no_no}});
    if (!kappa.ok()) {
        figure.note = kappa.error().message;
    } else if (kappa->kappa) {
        figure.value = kappa->kappa;
    } else if (kappa->no_kappa_because) {
        figure.note = evaluation::explain(*kappa->no_kappa_because);
    }
}

/// Skills gaps: the mean of required − current level per round; the figure
/// is the latest round's, with the first round's before it and the change;
/// breakdowns by competence area and target group, one group per round.
void skills_gap_figure(IndicatorFigure& figure, const Indicator& indicator, const ReportInputs& inputs) {
    const auto rounds_of = [&](const GroupCells& group) {
        std::map<std::string, std::pair<evaluation::TallyValue, std::int64_t>> rounds;  // gaps, respondents
        for (const auto& [cell, value] : group.all()) {
            std::string wave;
            if (cells::parse_respondents(cell, wave)) {
                rounds[wave].second = value.count;
            } else {
                rounds[cell].first = value;
            }
        }
        return rounds;
    };
    const auto mean_gap = [](const evaluation::TallyValue& gaps) -> std::optional<double> {
        if (gaps.count <= 0) {
            return std::nullopt;
        }
        return static_cast<double>(gaps.sum) / static_cast<double>(gaps.count);
    };
    const auto overall = rounds_of(GroupCells(inputs.tallies, indicator.id, "", ""));
    std::vector<std::pair<std::string, std::pair<evaluation::TallyValue, std::int64_t>>> answered;
    for (const auto& round : overall) {
        if (round.second.first.count > 0) {
            answered.push_back(round);
        }
    }
    if (answered.empty()) {
        figure.note = kNoAnswers;
        return;
    }
    const auto& [first_wave, first] = answered.front();
    const auto& [last_wave, last] = answered.back();
    figure.value = mean_gap(last.first);
    figure.n = last.second;
    if (answered.size() > 1) {
        figure.mean_pre = mean_gap(first.first);
        figure.mean_post = mean_gap(last.first);
        figure.mean_difference = *figure.mean_post - *figure.mean_pre;
        figure.rounds = {first_wave, last_wave};
    } else {
        figure.rounds = {last_wave};
    }
    for (const auto by : {cells::competence_area, cells::target_group}) {
        Breakdown breakdown;
        breakdown.by = std::string(by);
        for (const auto& key : group_keys(inputs.tallies, indicator.id, breakdown.by)) {
            for (const auto& [wave, round] : rounds_of(GroupCells(inputs.tallies, indicator.id, breakdown.by, key))) {
                if (round.first.count <= 0) {
                    continue;
                }
                GroupFigure group;
                group.key = key + "/" + wave;
                group.label = key + ", " + wave;
                for (const auto& area : indicator.areas) {
                    if (area.key == key) {
                        group.label = domain::in_language(area.label, inputs.language) + ", " + wave;
                    }
                }
                group.value = mean_gap(round.first);
                group.n = round.second;
                breakdown.groups.push_back(std::move(group));
            }
        }
        suppress_small_groups(breakdown, inputs.suppression_threshold);
        figure.breakdowns.push_back(std::move(breakdown));
    }
}

void set_interval_method(IndicatorFigure& figure) {
    if (!figure.ci_low) {
        return;
    }
    figure.ci_level = kLevel;
    if (!figure.ci_method) {
        switch (figure.kind) {
            case IndicatorKind::share:
            case IndicatorKind::response_rate:
                figure.ci_method = IntervalMethod::wilson;
                break;
            case IndicatorKind::mean:
                figure.ci_method = IntervalMethod::t;
                break;
            case IndicatorKind::nps:
                figure.ci_method = IntervalMethod::nps;
                break;
            default:
                break;
        }
    }
}

IndicatorFigure figure_of(const Indicator& indicator, const templates::ProgrammeTemplate& programme_template,
                          const ReportInputs& inputs) {
    IndicatorFigure figure;
    figure.id = indicator.id;
    figure.label = domain::in_language(indicator.label, inputs.language);
    figure.method = domain::in_language(indicator.method, inputs.language);
    figure.kind = indicator.kind;
    switch (indicator.kind) {
        case IndicatorKind::count:
            count_figure(figure, indicator, evaluation::reach_of(inputs.tallies));
            break;
        case IndicatorKind::share:
            simple_figure(figure, indicator, inputs, share_of, breakdown_names(indicator));
            break;
        case IndicatorKind::response_rate:
            simple_figure(figure, indicator, inputs, rate_of, {std::string(to_string(domain::Breakdown::respondent))});
            break;
        case IndicatorKind::mean: {
            const auto* question =
                indicator.reads.empty() ? nullptr : question_of(programme_template, indicator.reads.front());
            const bool decimal = question != nullptr && question->type == QuestionType::decimal;
            const GroupEstimate mean = [decimal](const GroupCells& group) { return mean_of(group, decimal); };
            simple_figure(figure, indicator, inputs, mean, breakdown_names(indicator));
            figure.scale_max = top_of_scale(question);
            break;
        }
        case IndicatorKind::nps:
            simple_figure(figure, indicator, inputs, nps_of, breakdown_names(indicator));
            break;
        case IndicatorKind::paired_change:
            paired_change_figure(figure, indicator, inputs, programme_template);
            break;
        case IndicatorKind::digital_intensity:
            digital_intensity_figure(figure, indicator, inputs);
            break;
        case IndicatorKind::skills_gap:
            skills_gap_figure(figure, indicator, inputs);
            break;
        case IndicatorKind::agreement:
            agreement_figure(figure, indicator, inputs);
            break;
    }
    set_interval_method(figure);
    return figure;
}

}  // namespace

Report build_report(const templates::ProgrammeTemplate& programme_template, const ReportInputs& inputs) {
    Report report;
    report.programme_slug = inputs.programme_slug;
    report.programme_name = inputs.programme_name;
    report.language = inputs.language;
    report.data_version = inputs.data_version;
    report.event_log_head = inputs.event_log_head;
    report.generated_at = inputs.generated_at;
    report.suppression_threshold = inputs.suppression_threshold;
    for (const auto& indicator : programme_template.indicators) {
        report.indicators.push_back(figure_of(indicator, programme_template, inputs));
    }
    return report;
}

}  // namespace yardstick::server::reports
