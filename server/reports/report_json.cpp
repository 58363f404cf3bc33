#include "server/reports/report_json.hpp"

#include <optional>
#include <string_view>
#include <vector>

#include "server/csv/csv_writer.hpp"

namespace yardstick::server::reports {
namespace {

using nlohmann::json;

json number(const std::optional<double>& value) {
    if (!value || !std::isfinite(*value)) {
        return nullptr;
    }
    return *value;
}

json count(const std::optional<std::int64_t>& value) {
    if (!value) {
        return nullptr;
    }
    return *value;
}

void interval_members(json& out, const std::optional<double>& low, const std::optional<double>& high,
                      const std::optional<IntervalMethod>& method, const std::optional<double>& level) {
    out["ci_low"] = number(low);
    out["ci_high"] = number(high);
    out["ci_method"] = method ? json(to_string(*method)) : json(nullptr);
    out["ci_level"] = number(level);
}

json group_to_json(const GroupFigure& group, domain::IndicatorKind kind) {
    // A suppressed group keeps only its key: even its label could be a name.
    if (group.suppressed) {
        return {{"key", group.key}, {"suppressed", true}};
    }
    json out = {{"key", group.key}};
    if (!group.label.empty()) {
        out["label"] = group.label;
    }
    out["value"] = number(group.value);
    out["n"] = count(group.n);
    if (is_proportion(kind)) {
        out["numerator"] = count(group.numerator);
        out["denominator"] = count(group.denominator);
    }
    if (has_interval(kind)) {
        out["ci_low"] = number(group.ci_low);
        out["ci_high"] = number(group.ci_high);
    }
    if (!group.note.empty()) {
        out["note"] = group.note;
    }
    out["suppressed"] = false;
    return out;
}

json indicator_to_json(const IndicatorFigure& figure) {
    json out = {{"id", figure.id},
                {"label", figure.label},
                {"kind", domain::to_string(figure.kind)},
                {"value", number(figure.value)},
                {"n", count(figure.n)}};
    if (is_proportion(figure.kind)) {
        out["numerator"] = count(figure.numerator);
        out["denominator"] = count(figure.denominator);
    }
    if (has_interval(figure.kind)) {
        interval_members(out, figure.ci_low, figure.ci_high, figure.ci_method, figure.ci_level);
    }
    if (is_paired(figure.kind)) {
        out["n_pairs"] = count(figure.n_pairs);
        out["mean_pre"] = number(figure.mean_pre);
        out["mean_post"] = number(figure.mean_post);
        out["mean_difference"] = number(figure.mean_difference);
        out["test"] = figure.test ? json(to_string(*figure.test)) : json(nullptr);
        out["statistic"] = number(figure.statistic);
        out["p_value"] = number(figure.p_value);
        out["effect_size"] = number(figure.effect_size);
    }
    if (figure.kind == domain::IndicatorKind::digital_intensity) {
        out["mean_items_pre"] = number(figure.items_pre);
        out["mean_items_post"] = number(figure.items_post);
        out["items"] = count(figure.items_total);
    }
    if (figure.kind == domain::IndicatorKind::skills_gap) {
        out["rounds"] = figure.rounds;
        out["mean_first_round"] = number(figure.mean_pre);
        out["mean_last_round"] = number(figure.mean_post);
        out["mean_difference"] = number(figure.mean_difference);
    }
    if (figure.kind == domain::IndicatorKind::agreement) {
        out["agreeing"] = count(figure.numerator);
        out["pairs"] = count(figure.denominator);
    }
    if (!figure.note.empty()) {
        out["note"] = figure.note;
    }
    if (!figure.method.empty()) {
        out["method"] = figure.method;
    }
    if (has_breakdowns(figure.kind)) {
        json breakdowns = json::array();
        for (const auto& breakdown : figure.breakdowns) {
            json groups = json::array();
            for (const auto& group : breakdown.groups) {
                groups.push_back(group_to_json(group, figure.kind));
            }
            breakdowns.push_back({{"by", breakdown.by}, {"groups", std::move(groups)}});
        }
        out["breakdowns"] = std::move(breakdowns);
    }
    return out;
}

std::string integer(const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string();
}

}  // namespace

json report_to_json(const Report& report) {
    json indicators = json::array();
    for (const auto& figure : report.indicators) {
        indicators.push_back(indicator_to_json(figure));
    }
    return {{"programme", report.programme_slug},
            {"data_version", report.data_version},
            {"generated_at", report.generated_at},
            {"event_log_head", report.event_log_head},
            {"indicators", std::move(indicators)}};
}

std::string report_to_csv(const Report& report) {
    std::string out;
    csv::append_csv_row(out, {"indicator", "group_by", "group", "value", "n", "numerator", "denominator", "ci_low", "ci_high",
                    "p_value", "suppressed"});
    for (const auto& figure : report.indicators) {
        csv::append_csv_row(out, {figure.id, "", "", csv::shortest_decimal(figure.value), integer(figure.n), integer(figure.numerator),
                        integer(figure.denominator), csv::shortest_decimal(figure.ci_low), csv::shortest_decimal(figure.ci_high),
                        csv::shortest_decimal(figure.p_value), "false"});
        for (const auto& breakdown : figure.breakdowns) {
            for (const auto& group : breakdown.groups) {
                if (group.suppressed) {
                    csv::append_csv_row(out, {figure.id, breakdown.by, group.key, "", "", "", "", "", "", "", "true"});
                    continue;
                }
                csv::append_csv_row(out, {figure.id, breakdown.by, group.key, csv::shortest_decimal(group.value), integer(group.n),
                                integer(group.numerator), integer(group.denominator), csv::shortest_decimal(group.ci_low),
                                csv::shortest_decimal(group.ci_high), "", "false"});
            }
        }
    }
    return out;
}

}  // namespace yardstick::server::reports
