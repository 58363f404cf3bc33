#include "server/reports/dashboard_html.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <system_error>

#include "server/forms/stylesheet.hpp"
#include "server/html/html_writer.hpp"
#include "server/html/staff_page_frame.hpp"

namespace yardstick::server::reports {
namespace {

using domain::IndicatorKind;
using html::HtmlWriter;

// Locale-independent fixed-point text: snprintf would follow LC_NUMERIC.
std::string fixed(double value, int decimals) {
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    if (error != std::errc{}) {
        return "?";
    }
    std::string text(buffer, end);
    if (text == "-0" || text.find_first_not_of("-0.") == std::string::npos) {
        text.erase(0, text.front() == '-' ? 1 : 0);  // no "-0.00"
    }
    return text;
}

// Fixed with trailing zeros dropped: 123.50 → "123.5", 0.030 → "0.03".
std::string short_decimal(double value, int decimals) {
    auto text = fixed(value, decimals);
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') {
            text.pop_back();
        }
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    return text;
}

std::string signed_text(const std::string& text) {
    return text.front() == '-' || text.find_first_not_of("0.") == std::string::npos ? text : "+" + text;
}

std::string whole_percent(double fraction) {
    return fixed(std::round(fraction * 100), 0) + "%";
}

// A change in a yes/no share is in fractions; every other paired change is on
// the item's scale.
bool change_is_share(const IndicatorFigure& figure) {
    return figure.ci_method == IntervalMethod::newcombe_paired || figure.test == PairedTestKind::mcnemar;
}

// The figure in the report's usual units: "91%", "+32" (NPS), "3.85", "+0.85".
std::string value_text(const IndicatorFigure& figure, double value) {
    switch (figure.kind) {
        case IndicatorKind::count:
            return fixed(value, 0);
        case IndicatorKind::share:
        case IndicatorKind::response_rate:
            return whole_percent(value);
        case IndicatorKind::nps:
            return signed_text(fixed(std::round(value * 100), 0));
        case IndicatorKind::paired_change:
        case IndicatorKind::digital_intensity:
            if (change_is_share(figure)) {
                return signed_text(fixed(std::round(value * 100), 0)) + " percentage points";
            }
            return signed_text(fixed(value, 2));
        case IndicatorKind::mean:
        case IndicatorKind::skills_gap:
        case IndicatorKind::agreement:
            return fixed(value, 2);
    }
    return fixed(value, 2);
}

// "95% CI 85–95%" for shares; "95% CI 20 to 44" where bounds can be negative.
std::string interval_text(const IndicatorFigure& figure, double low, double high) {
    const auto level = whole_percent(figure.ci_level.value_or(0.95)) + " CI ";
    if (is_proportion(figure.kind)) {
        return level + fixed(std::round(low * 100), 0) + "–" + whole_percent(high);
    }
    return level + value_text(figure, low) + " to " + value_text(figure, high);
}

double axis_position(double value, double axis_min, double axis_max) {
    return std::clamp((value - axis_min) / (axis_max - axis_min) * 100.0, 0.0, 100.0);
}

std::string coordinate(double x) {
    return fixed(x, 2);
}

// Inside <svg> the HTML parser follows XML-like rules: "<rect …>" without an
// end tag would open an element and swallow the next shape, so every shape
// gets its explicit end tag.
void svg_shape(HtmlWriter& html, std::string_view tag, const html::Attributes& attributes) {
    html.element(tag, attributes, "");
}

void vertical_tick(HtmlWriter& html, double x) {
    svg_shape(html, "line",
              {{"class", "whisker-cap"},
               {"x1", coordinate(x)},
               {"x2", coordinate(x)},
               {"y1", "1"},
               {"y2", "9"},
               {"stroke", "#0b0c0c"},
               {"stroke-width", "1.5"},
               {"vector-effect", "non-scaling-stroke"}});
}

// A horizontal bar from the axis' origin (0 where the axis spans it) to the
// value, and a whisker from the interval's low to its high bound. viewBox
// 0–100 wide: x is the percent of the axis.
void interval_bar(HtmlWriter& html, const std::string& words, double value, std::optional<double> low,
                  std::optional<double> high, double axis_min, double axis_max) {
    auto svg = html.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                                 {"class", "chart"},
                                 {"viewbox", "0 0 100 10"},
                                 {"preserveaspectratio", "none"},
                                 {"role", "img"},
                                 {"aria-label", words}});
    svg_shape(html, "rect",
              {{"class", "track"}, {"x", "0"}, {"y", "2"}, {"width", "100"}, {"height", "6"}, {"fill", "#e5e6e7"}});
    const double origin = axis_position(std::clamp(0.0, axis_min, axis_max), axis_min, axis_max);
    const double end = axis_position(value, axis_min, axis_max);
    svg_shape(html, "rect",
              {{"class", "bar"},
               {"x", coordinate(std::min(origin, end))},
               {"y", "2"},
               {"width", coordinate(std::abs(end - origin))},
               {"height", "6"},
               {"fill", "#0b4f8a"}});
    if (low && high) {
        const double x1 = axis_position(*low, axis_min, axis_max);
        const double x2 = axis_position(*high, axis_min, axis_max);
        svg_shape(html, "line",
                  {{"class", "whisker"},
                   {"x1", coordinate(x1)},
                   {"x2", coordinate(x2)},
                   {"y1", "5"},
                   {"y2", "5"},
                   {"stroke", "#0b0c0c"},
                   {"stroke-width", "1.5"},
                   {"vector-effect", "non-scaling-stroke"}});
        vertical_tick(html, x1);
        vertical_tick(html, x2);
    }
}

// Before and after on the item's scale (0 to scale_max), one bar each.
void pre_post_bars(HtmlWriter& html, const std::string& words, double pre, double post, double scale_max) {
    auto svg = html.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                                 {"class", "chart pre-post"},
                                 {"viewbox", "0 0 100 20"},
                                 {"preserveaspectratio", "none"},
                                 {"role", "img"},
                                 {"aria-label", words}});
    svg_shape(html, "rect",
              {{"class", "bar pre"},
               {"x", "0"},
               {"y", "1"},
               {"width", coordinate(axis_position(pre, 0, scale_max))},
               {"height", "8"},
               {"fill", "#b1b4b6"}});
    svg_shape(html, "rect",
              {{"class", "bar post"},
               {"x", "0"},
               {"y", "11"},
               {"width", coordinate(axis_position(post, 0, scale_max))},
               {"height", "8"},
               {"fill", "#0b4f8a"}});
}

// "Wilcoxon signed-rank V = 123.5, p = 0.003; rank-biserial r = 0.62; 28 pairs".
std::string test_text(const IndicatorFigure& figure) {
    std::string statistic_name;
    std::string effect_name;
    switch (*figure.test) {
        case PairedTestKind::wilcoxon_signed_rank:
            statistic_name = "Wilcoxon signed-rank V";
            effect_name = "rank-biserial r";
            break;
        case PairedTestKind::mcnemar:
            statistic_name = "McNemar χ²";
            break;
        case PairedTestKind::paired_t:
            statistic_name = "Paired t-test t";
            effect_name = "Cohen's d_z";
            break;
    }
    std::string text = statistic_name;
    if (figure.statistic) {
        text += " = " + short_decimal(*figure.statistic, 2);
    }
    if (figure.p_value) {
        text += *figure.p_value < 0.001 ? ", p < 0.001" : ", p = " + short_decimal(*figure.p_value, 3);
    }
    if (figure.effect_size && !effect_name.empty()) {
        text += "; " + effect_name + " = " + fixed(*figure.effect_size, 2);
    }
    if (figure.n_pairs) {
        text += "; " + std::to_string(*figure.n_pairs) + (*figure.n_pairs == 1 ? " pair" : " pairs");
    }
    return text;
}

std::string in_words(const IndicatorFigure& figure) {
    std::string words = figure.label + ": " + value_text(figure, *figure.value);
    if (figure.ci_low && figure.ci_high) {
        const auto level = whole_percent(figure.ci_level.value_or(0.95));
        words += ", " + level + " confidence interval " + value_text(figure, *figure.ci_low) + " to " +
                 value_text(figure, *figure.ci_high);
    }
    if (figure.n) {
        words += ", n = " + std::to_string(*figure.n);
    }
    return words;
}

void chart(HtmlWriter& html, const IndicatorFigure& figure) {
    if (is_paired(figure.kind)) {
        if (figure.mean_pre && figure.mean_post && figure.scale_max && *figure.scale_max > 0) {
            const auto scale = short_decimal(*figure.scale_max, 2);
            const auto words = figure.label + ": mean before " + fixed(*figure.mean_pre, 2) + ", after " +
                               fixed(*figure.mean_post, 2) + " on a scale up to " + scale;
            pre_post_bars(html, words, *figure.mean_pre, *figure.mean_post, *figure.scale_max);
            html.element("p", {{"class", "chart-legend"}},
                         "Before " + fixed(*figure.mean_pre, 2) + ", after " + fixed(*figure.mean_post, 2) +
                             " (scale up to " + scale + ")");
        }
        return;
    }
    if (is_proportion(figure.kind)) {
        interval_bar(html, in_words(figure), *figure.value, figure.ci_low, figure.ci_high, 0, 1);
    } else if (figure.kind == IndicatorKind::nps) {
        interval_bar(html, in_words(figure), *figure.value, figure.ci_low, figure.ci_high, -1, 1);
    } else if (figure.kind == IndicatorKind::mean && figure.scale_max && *figure.scale_max > 0) {
        interval_bar(html, in_words(figure), *figure.value, figure.ci_low, figure.ci_high, 0, *figure.scale_max);
    }
}

// Labels and methods notes are in the report's language, the chrome in English.
html::Attributes in_language(const Report& report, html::Attributes attributes) {
    attributes.push_back({"lang", report.language, !report.language.empty()});
    return attributes;
}

void breakdown_table(HtmlWriter& html, const Report& report, const IndicatorFigure& figure,
                     const Breakdown& breakdown) {
    auto table = html.open("table", {{"class", "breakdown"}});
    html.element("caption", "By " + breakdown.by);
    {
        auto head = html.open("thead");
        auto row = html.open("tr");
        for (const auto* heading : {"Group", "Value", "Interval", "n"}) {
            html.element("th", {{"scope", "col"}}, heading);
        }
    }
    auto body = html.open("tbody");
    for (const auto& group : breakdown.groups) {
        auto row = html.open("tr", {{"class", "suppressed", group.suppressed}});
        html.element("th", {{"scope", "row"}}, group.label.empty() ? group.key : group.label);
        if (group.suppressed) {
            // Nothing about the group's size beyond "below k" may show.
            html.element("td", {{"colspan", "3"}},
                         "fewer than " + std::to_string(report.suppression_threshold) + " answers");
            continue;
        }
        html.element("td", group.value ? value_text(figure, *group.value) : group.note.empty() ? "—" : group.note);
        html.element("td", group.ci_low && group.ci_high ? interval_text(figure, *group.ci_low, *group.ci_high) : "");
        html.element("td", group.n ? std::to_string(*group.n) : "");
    }
}

void key_figures(HtmlWriter& html, const Report& report) {
    auto list = html.open("ul", {{"class", "key-figures"}});
    for (const auto& figure : report.indicators) {
        if (figure.kind != IndicatorKind::count) {
            continue;
        }
        auto item = html.open("li", {{"class", "key-figure"}});
        if (figure.value) {
            html.element("span", {{"class", "big-number"}}, value_text(figure, *figure.value));
        } else {
            html.element("span", {{"class", "big-number"}}, "—");
            html.element("p", {{"class", "note"}}, figure.note);
        }
        html.element("span", in_language(report, {{"class", "key-figure-label"}}), figure.label);
        if (!figure.method.empty()) {
            html.element("p", in_language(report, {{"class", "method"}}), figure.method);
        }
    }
}

void indicator_section(HtmlWriter& html, const Report& report, const IndicatorFigure& figure) {
    auto section = html.open("section", {{"class", "indicator"}, {"id", "indicator-" + figure.id}});
    html.element("h2", in_language(report, {}), figure.label);
    if (figure.value) {
        auto line = html.open("p", {{"class", "figure"}});
        html.element("span", {{"class", "figure-value"}}, value_text(figure, *figure.value));
        std::string rest;
        if (figure.ci_low && figure.ci_high) {
            rest = interval_text(figure, *figure.ci_low, *figure.ci_high);
        }
        if (figure.n) {
            rest += (rest.empty() ? "" : " · ") + std::string("n = ") + std::to_string(*figure.n);
        }
        html.text(" " + rest);
    }
    if (!figure.note.empty()) {
        html.element("p", {{"class", "note"}}, figure.note);
    }
    if (figure.value) {
        chart(html, figure);
    }
    if (is_paired(figure.kind) && figure.test) {
        html.element("p", {{"class", "test"}}, test_text(figure));
    }
    for (const auto& breakdown : figure.breakdowns) {
        breakdown_table(html, report, figure, breakdown);
    }
    if (!figure.method.empty()) {
        html.element("p", in_language(report, {{"class", "method"}}), figure.method);
    }
}

}  // namespace

std::string render_dashboard(const Report& report) {
    const auto title = "Impact report — " + report.programme_name;
    return html::staff_page(title, forms::stylesheet_url(), "dashboard", [&](HtmlWriter& html) {
        html.element("h1", title);
        html.element("p", {{"class", "report-version"}},
                     "Data version " + std::to_string(report.data_version) + " · generated " + report.generated_at);
        key_figures(html, report);
        for (const auto& figure : report.indicators) {
            if (figure.kind != IndicatorKind::count) {
                indicator_section(html, report, figure);
            }
        }
    });
}

}  // namespace yardstick::server::reports
