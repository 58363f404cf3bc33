#pragma once
// The impact report as a printable document (A4 portrait PDF) for funders and
// auditors: a title page, the key figures, one section per indicator with the
// same figures and charts as the HTML dashboard (dashboard_html.hpp), and a
// methods annex. Text is set with pango, shapes drawn with cairo.
//
// The words and digits come from figure_text.hpp, the charts' choice from
// figure_chart.hpp and the breakdown tables' cells from breakdown_table.hpp,
// all shared with the dashboard; pdf/ holds the typesetting layer (document,
// typesetter, blocks, page flow) and the cairo charts and tables; report_pdf.cpp
// composes the pages.

#include <string>

#include "server/reports/report.hpp"

namespace yardstick::server::reports {

/// The PDF's bytes: "%PDF-" … "%%EOF", 595 × 842 pt pages, metadata title
/// "Impact report — <programme>", creator "Yardstick", creation date the
/// report's `generated_at`. Pages:
///  1. title: programme, data version, generated at, suppression threshold;
///  2. key figures: counts, shares and rates as big numbers with n and interval;
///  3. one section per other indicator (a section moves to the next page when
///     it does not fit on this one but would on an empty one): value, interval
///     and n, or the `note` when the value is absent; the kind's sentences
///     (digital intensity's shares at basic level and items present, a skills
///     gap's first and latest rounds, how many exchanges agree); a bar with
///     interval whiskers (0–100% for shares and rates, −100…+100 for the NPS,
///     0…scale_max for means), or two bars: before/after for paired changes
///     (0–100% for yes/no items and digital intensity, else 0…scale_max) and a
///     skills gap's rounds (0…5); the test; the breakdown tables (a skills gap's
///     as area × round and target group × round), where a suppressed group
///     shows only its label and "suppressed (fewer than k)"; the methods note;
///  4. methods annex: each indicator's methods note, then how intervals, tests,
///     digital intensity, skills gaps, agreement and disclosure control work.
/// Every page but the title has the programme and its number in the footer.
/// Labels are set as plain text, never as pango markup ("&" and "<" print as
/// they are); bytes that are not UTF-8 print as U+FFFD. Fonts: DejaVu Sans
/// (Debian's fonts-dejavu-core), else fontconfig's "Sans".
///
/// Safe to call from several threads at once: each call has its own cairo
/// surface and its own pango font map and context (pango is thread-safe for
/// objects that are not shared; fontconfig and cairo are thread-safe).
/// Throws std::runtime_error when cairo fails (e.g. out of memory).
std::string render_report_pdf(const Report& report);

}  // namespace yardstick::server::reports
