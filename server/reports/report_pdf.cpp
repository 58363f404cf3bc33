#include "server/reports/report_pdf.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "server/reports/figure_text.hpp"
#include "server/reports/pdf/blocks.hpp"
#include "server/reports/pdf/breakdown_blocks.hpp"
#include "server/reports/pdf/charts.hpp"
#include "server/reports/pdf/document.hpp"
#include "server/reports/pdf/methods_annex.hpp"
#include "server/reports/pdf/page_flow.hpp"
#include "server/reports/pdf/typesetter.hpp"

namespace yardstick::server::reports {
namespace pdf {
namespace {

using domain::IndicatorKind;

// ---------------------------------------------------------------- title and key figures

void title_page(PageFlow& flow, const Typesetter& typesetter, const Report& report) {
    flow.place(spacer(180));
    flow.place(paragraph(typesetter, report.programme_name, kCoverTitle, 8));
    flow.place(paragraph(typesetter, "Impact report", kCoverSubtitle, 24));
    flow.place(horizontal_rule(kAccent, 2, 18));
    const std::string threshold = std::to_string(report.suppression_threshold);
    flow.place(paragraph(typesetter, "Data version " + std::to_string(report.data_version), kBody, 4));
    flow.place(paragraph(typesetter, "Generated at " + report.generated_at, kBody, 4));
    flow.place(paragraph(typesetter, "Event log head " + report.event_log_head, kSmall, 4));
    flow.place(paragraph(
        typesetter,
        "Suppression threshold k = " + threshold + ": groups with fewer than " + threshold + " answers are not shown",
        kBody, 4));
    flow.new_page();
}

bool is_key_figure(const IndicatorFigure& figure) {
    return figure.kind == IndicatorKind::count || is_proportion(figure.kind);
}

constexpr double kCardGap = 24;
constexpr double kCardWidth = (kContentWidth - kCardGap) / 2;

// One key figure: the big number (or a dash), its label, and its interval and
// n, or the note saying why it is missing.
std::vector<PlacedText> key_figure_card(const Typesetter& typesetter, const IndicatorFigure& figure, double x) {
    const auto value = finite(figure.value);
    std::vector<PlacedText> texts;
    texts.push_back(typesetter.set(value ? value_text(figure, *value) : "—", kBigNumber, kCardWidth, x));
    texts.push_back(typesetter.set(figure.label, kBodyBold, kCardWidth, x));
    const auto details = !value                                ? figure_note(figure)
                         : figure.kind == IndicatorKind::count ? std::string()
                                                               : figure_details(figure);
    if (!details.empty()) {
        texts.push_back(typesetter.set(details, kSmall, kCardWidth, x));
    }
    double dy = 10;  // below the card's top rule
    for (auto& text : texts) {
        text.dy = dy;
        dy += text.height() + 3;
    }
    return texts;
}

Block key_figure_row(const Typesetter& typesetter, const std::vector<const IndicatorFigure*>& figures) {
    Block block;
    std::vector<double> lefts;
    double x = kMarginX;
    for (const auto* figure : figures) {
        for (auto& text : key_figure_card(typesetter, *figure, x)) {
            block.height = std::max(block.height, text.dy + text.height());
            block.texts.push_back(std::move(text));
        }
        lefts.push_back(x);
        x += kCardWidth + kCardGap;
    }
    block.height += 22;
    block.shapes = [lefts](cairo_t* cairo, double top) {
        for (const double left : lefts) {
            stroke_line(cairo, kAccent, 2, left, top + 1, left + kCardWidth, top + 1);
        }
    };
    return block;
}

void key_figures_page(PageFlow& flow, const Typesetter& typesetter, const Report& report) {
    flow.place(paragraph(typesetter, "Key figures", kPageHeading, 18));
    std::vector<const IndicatorFigure*> row;
    for (const auto& figure : report.indicators) {
        if (!is_key_figure(figure)) {
            continue;
        }
        row.push_back(&figure);
        if (row.size() == 2) {
            flow.place(key_figure_row(typesetter, row));
            row.clear();
        }
    }
    if (!row.empty()) {
        flow.place(key_figure_row(typesetter, row));
    }
    flow.new_page();
}

// ---------------------------------------------------------------- indicator sections

// The value large, then what goes with it (interval and n) on the same baseline.
Block figure_line(const Typesetter& typesetter, const IndicatorFigure& figure, double value) {
    Block block;
    auto number = typesetter.set(value_text(figure, value), kFigureValue, kContentWidth);
    const auto details = figure_details(figure);
    block.height = number.height();
    if (!details.empty()) {
        const double x = kMarginX + number.width() + 10;
        auto rest = typesetter.set(details, kBody, kMarginX + kContentWidth - x, x);
        rest.dy = number.baseline() - rest.baseline();
        block.height = std::max(block.height, rest.dy + rest.height());
        block.texts.push_back(std::move(rest));
    }
    block.texts.push_back(std::move(number));
    block.height += 8;
    return block;
}

// The section's head (heading, figure, note, sentences, chart, test) stays
// together; each breakdown row and the methods note may move on alone.
void indicator_section(PageFlow& flow, const Typesetter& typesetter, const Report& report,
                       const IndicatorFigure& figure) {
    std::vector<std::vector<Block>> groups(1);
    auto& head = groups[0];
    head.push_back(horizontal_rule(kTrack, 0.75, 10));
    head.push_back(paragraph(typesetter, figure.label, kSectionHeading, 6));
    if (const auto value = finite(figure.value)) {
        head.push_back(figure_line(typesetter, figure, *value));
    }
    if (const auto note = figure_note(figure); !note.empty()) {
        head.push_back(paragraph(typesetter, note, kBody, 8));
    }
    for (const auto& sentence : kind_sentences(figure)) {
        head.push_back(paragraph(typesetter, sentence, kBody, 8));
    }
    if (auto chart = chart_block(typesetter, figure)) {
        head.push_back(std::move(*chart));
    }
    if (const auto test = test_text(figure); !test.empty()) {
        head.push_back(paragraph(typesetter, test, kBody, 8));
    }
    for (const auto& breakdown : figure.breakdowns) {
        for (auto& group : breakdown_blocks(typesetter, report, figure, breakdown)) {
            groups.push_back(std::move(group));
        }
    }
    if (!figure.method.empty()) {
        groups.push_back(blocks(paragraph(typesetter, figure.method, kMethodNote, 10)));
    }
    groups.back().push_back(spacer(14));
    flow.place_section(groups);
}

}  // namespace
}  // namespace pdf

std::string render_report_pdf(const Report& report) {
    pdf::Document document({.title = "Impact report — " + report.programme_name, .created_at = report.generated_at});
    // After the document: the fonts must still be there when finish() writes them.
    const pdf::Typesetter typesetter(document.cairo());
    pdf::PageFlow flow(document.cairo(), typesetter, report.programme_name + " · Impact report");

    pdf::title_page(flow, typesetter, report);
    pdf::key_figures_page(flow, typesetter, report);
    for (const auto& figure : report.indicators) {
        if (figure.kind != domain::IndicatorKind::count) {
            pdf::indicator_section(flow, typesetter, report, figure);
        }
    }
    pdf::methods_annex(flow, typesetter, report);
    flow.finish();
    return document.finish();
}

}  // namespace yardstick::server::reports
