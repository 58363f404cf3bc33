#pragma once
// The impact report as a page (`GET /api/v1/programmes/{slug}/report?format=html`):
// key figures, then each indicator with its value, interval, an inline SVG
// chart, its breakdown and its methods note.

#include <string>

#include "server/reports/report.hpp"

namespace yardstick::server::reports {

/// A complete HTML document built with HtmlWriter, so that every label from
/// the report is escaped. It has no script and no external resource, and no
/// `style` attribute (the page's CSP is `style-src 'self'`): layout comes from
/// the forms stylesheet, and the charts use SVG presentation attributes
/// (fill, x, width …), which are not CSS. Every chart is an
/// `<svg role="img" aria-label="…">` saying the figure in words; bars run on a
/// 0–100 viewBox, so an x coordinate is the percent of the axis. Suppressed
/// groups show "fewer than k answers" and none of their figures. A figure
/// that could not be computed shows its note instead of a chart.
///
/// With `live_stream` (the URL of the report's stream) the page loads the
/// dashboard script, which keeps it current; without it (a saved file, the
/// API's ?format=html) the page is static.
std::string render_dashboard(const Report& report, const std::string& live_stream = {});

}  // namespace yardstick::server::reports
