#include "server/reports/dashboard_html.hpp"
#include "server/reports/dashboard_script.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <variant>

#include "server/forms/stylesheet.hpp"
#include "server/html/html_writer.hpp"
#include "server/html/staff_page_frame.hpp"
#include "server/reports/breakdown_table.hpp"
#include "server/reports/figure_chart.hpp"
#include "server/reports/figure_text.hpp"

namespace yardstick::server::reports {
namespace {

using domain::IndicatorKind;
using html::HtmlWriter;

// x on the 0–100 viewBox.
double axis_position(const ChartAxis& axis, double value) {
    return axis.fraction(value) * 100.0;
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

// An accessible chart: the SVG says the figure in words (`words`). viewBox
// 0–100 wide, stretched to the page's width: x is the percent of the axis.
[[nodiscard]] HtmlWriter::Element open_chart(HtmlWriter& html, std::string_view css_class, std::string_view view_box,
                                             const std::string& words) {
    return html.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                             {"class", std::string(css_class)},
                             {"viewbox", std::string(view_box)},
                             {"preserveaspectratio", "none"},
                             {"role", "img"},
                             {"aria-label", words}});
}

/// A rectangle's SVG presentation attributes, as written.
struct SvgRect {
    std::string_view css_class;
    std::string x;
    std::string_view y;
    std::string width;
    std::string_view height;
    std::string_view fill;
};

void rectangle(HtmlWriter& html, const SvgRect& rect) {
    svg_shape(html, "rect",
              {{"class", std::string(rect.css_class)},
               {"x", rect.x},
               {"y", std::string(rect.y)},
               {"width", rect.width},
               {"height", std::string(rect.height)},
               {"fill", std::string(rect.fill)}});
}

// A horizontal bar from the axis' origin (0 where the axis spans it) to the
// value, and a whisker from the interval's low to its high bound.
void interval_bar(HtmlWriter& html, const IntervalBarChart& chart) {
    auto svg = open_chart(html, "chart", "0 0 100 10", chart.words);
    rectangle(html, {.css_class = "track", .x = "0", .y = "2", .width = "100", .height = "6", .fill = "#e5e6e7"});
    const double origin = axis_position(chart.axis, std::clamp(0.0, chart.axis.min, chart.axis.max));
    const double end = axis_position(chart.axis, chart.value);
    rectangle(html, {.css_class = "bar",
                     .x = coordinate(std::min(origin, end)),
                     .y = "2",
                     .width = coordinate(std::abs(end - origin)),
                     .height = "6",
                     .fill = "#0b4f8a"});
    if (chart.low && chart.high) {
        const double x1 = axis_position(chart.axis, *chart.low);
        const double x2 = axis_position(chart.axis, *chart.high);
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

// Before and after (or a first and a latest round), one bar each from the
// axis' start, and the legend with the two figures under them.
void two_bars(HtmlWriter& html, const TwoBarChart& chart) {
    {
        auto svg = open_chart(html, "chart pre-post", "0 0 100 20", chart.words);
        rectangle(html, {.css_class = "bar pre",
                         .x = "0",
                         .y = "1",
                         .width = coordinate(axis_position(chart.axis, chart.first)),
                         .height = "8",
                         .fill = "#b1b4b6"});
        rectangle(html, {.css_class = "bar post",
                         .x = "0",
                         .y = "11",
                         .width = coordinate(axis_position(chart.axis, chart.second)),
                         .height = "8",
                         .fill = "#0b4f8a"});
    }
    html.element("p", {{"class", "chart-legend"}}, chart.legend);
}

void chart(HtmlWriter& html, const IndicatorFigure& figure) {
    const auto drawn = chart_of(figure);
    if (const auto* bar = std::get_if<IntervalBarChart>(&drawn)) {
        interval_bar(html, *bar);
    } else if (const auto* bars = std::get_if<TwoBarChart>(&drawn)) {
        two_bars(html, *bars);
    }
}

// Labels and methods notes are in the report's language, the chrome in English.
html::Attributes in_language(const Report& report, html::Attributes attributes) {
    attributes.push_back({"lang", report.language, !report.language.empty()});
    return attributes;
}

void breakdown(HtmlWriter& html, const Report& report, const IndicatorFigure& figure, const Breakdown& groups) {
    const auto shown =
        breakdown_table(figure, groups, "fewer than " + std::to_string(report.suppression_threshold) + " answers");
    auto table =
        html.open("table", {{"class", shown.shape == TableShape::round_grid ? "breakdown rounds" : "breakdown"}});
    html.element("caption", shown.caption);
    {
        auto head = html.open("thead");
        auto row = html.open("tr");
        for (const auto& heading : shown.headings) {
            html.element("th", {{"scope", "col"}}, heading);
        }
    }
    auto body = html.open("tbody");
    for (const auto& row : shown.rows) {
        const bool suppressed = row.suppressed();
        auto line = html.open("tr", {{"class", "suppressed", suppressed}});
        html.element("th", {{"scope", "row"}}, row.label);
        for (const auto& cell : row.cells) {
            html.element("td",
                         {{"class", "suppressed", cell.suppressed && !suppressed},
                          {"colspan", std::to_string(cell.span), cell.span > 1}},
                         cell.text);
        }
    }
}

void key_figures(HtmlWriter& html, const Report& report) {
    auto list = html.open("ul", {{"class", "key-figures"}});
    for (const auto& figure : report.indicators) {
        if (figure.kind != IndicatorKind::count) {
            continue;
        }
        auto item = html.open("li", {{"class", "key-figure"}});
        const auto value = finite(figure.value);
        html.element("span", {{"class", "big-number"}}, value ? value_text(figure, *value) : "—");
        if (!value) {
            html.element("p", {{"class", "note"}}, figure_note(figure));
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
    const auto value = finite(figure.value);
    if (value) {
        auto line = html.open("p", {{"class", "figure"}});
        html.element("span", {{"class", "figure-value"}}, value_text(figure, *value));
        html.text(" " + figure_details(figure));
    }
    if (const auto note = figure_note(figure); !note.empty()) {
        html.element("p", {{"class", "note"}}, note);
    }
    for (const auto& sentence : kind_sentences(figure)) {
        html.element("p", {{"class", "figure-detail"}}, sentence);
    }
    chart(html, figure);
    if (const auto test = test_text(figure); !test.empty()) {
        html.element("p", {{"class", "test"}}, test);
    }
    for (const auto& groups : figure.breakdowns) {
        breakdown(html, report, figure, groups);
    }
    if (!figure.method.empty()) {
        html.element("p", in_language(report, {{"class", "method"}}), figure.method);
    }
}

}  // namespace

std::string render_dashboard(const Report& report, const std::string& live_stream) {
    const auto title = "Impact report — " + report.programme_name;
    html::PageExtras extras;
    if (!live_stream.empty()) {
        extras.script_url = dashboard_script_url();
        extras.main_attributes = {{"data-stream", live_stream}, {"data-version", std::to_string(report.data_version)}};
    }
    return html::staff_page(title, forms::stylesheet_url(), "dashboard", [&](HtmlWriter& html) {
        html.element("h1", title);
        // Announced when the live page brings a new version.
        html.element("p", {{"class", "report-version"}, {"aria-live", "polite", !live_stream.empty()}},
                     "Data version " + std::to_string(report.data_version) + " · generated " + report.generated_at +
                         " · event log head " + report.event_log_head);
        key_figures(html, report);
        for (const auto& figure : report.indicators) {
            if (figure.kind != IndicatorKind::count) {
                indicator_section(html, report, figure);
            }
        }
    }, extras);
}

}  // namespace yardstick::server::reports
