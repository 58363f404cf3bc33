#pragma once
// The report's figures as text, shared by every renderer (dashboard_html,
// report_pdf): how many decimals, percent or percentage points, how an
// interval, a test and a p-value read, what stands in for a missing figure,
// and the sentences that say a figure's kind in words. Renderers choose the
// layout, these functions the words and digits, so that the page and the PDF
// never print one figure two ways.
//
// Rounding is half away from zero on the number as written, i.e. on the
// shortest decimal that reads back as the same double: 0.905 → "91%" and
// 0.285 → "29%" (0.285 × 100 is 28.499999999999996 in binary, which plain
// std::round would make 28), 0.125 → "0.13", −0.125 → "-0.13". No text reads
// "-0": a value that rounds to zero prints without its sign. A value that is
// not finite (NaN, ±∞) prints as "—".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/reports/report.hpp"

namespace yardstick::server::reports {

// ---- numbers

/// `value` to exactly `decimals` decimals (≥ 0), locale-independent: "3.80", "-0.40", "400".
std::string fixed(double value, int decimals);
/// As fixed(), with trailing zeros and a trailing point dropped: 123.50 → "123.5", 5.00 → "5".
std::string short_decimal(double value, int decimals);
/// As fixed(), with "+" before a positive value: "+0.90", "-0.40", "0.00".
std::string with_sign(double value, int decimals);
/// A fraction as a whole percent: 0.905 → "91%".
std::string whole_percent(double fraction);
/// A change in a share (a difference of fractions) in whole percentage points: 0.21 → "+21 pp".
std::string percentage_points(double change);
/// A two-sided p-value as reported: "p < 0.001", else three decimals without trailing zeros ("p = 0.03").
std::string p_value_text(double p_value);
/// A value that can be printed or drawn: present and finite.
std::optional<double> finite(std::optional<double> value) noexcept;

// ---- one figure

/// Whether a paired change is a change in a yes/no share (in fractions,
/// shown in percentage points) rather than a change on the item's scale.
bool change_is_share(const IndicatorFigure& figure) noexcept;
/// `value` (the figure's value or one of its bounds or groups) in the figure's
/// units: "400" (count), "91%" (share, rate), "+32" (NPS), "3.85" (mean, skills
/// gap, kappa), "+0.85" (scale change), "+21 pp" (change in a share).
std::string value_text(const IndicatorFigure& figure, double value);
/// "95% CI 85–95%" for shares and rates; "95% CI -30 to +4" where bounds can be negative.
std::string interval_text(const IndicatorFigure& figure, double low, double high);
/// What stands beside a value: "95% CI 85–95% · n = 54" (either part when the
/// other is missing, empty when both are); for a skills gap the round it is
/// from, for an agreement what the value is.
std::string figure_details(const IndicatorFigure& figure);
/// What stands instead of, or under, the value: the figure's note, or "No
/// figure." when the value is missing without one; empty when nothing is missing.
std::string figure_note(const IndicatorFigure& figure);
/// "Wilcoxon signed-rank V = 123.5, p = 0.003; rank-biserial r = 0.62; 28 pairs";
/// empty when the figure has no test.
std::string test_text(const IndicatorFigure& figure);
/// The sentences a figure's kind adds under its value, each a line:
/// - digital_intensity: "Share at basic level or above: 58% before → 79% after
///   (change +21 pp, 95% CI +5 to +35 pp), mean items present 4.1 → 5.3 of 12";
/// - skills_gap: "Mean gap 1.45 in 2025 → 0.95 in 2026 (change -0.50)";
/// - agreement: "41 of 50 exchanges agree (82%)";
/// none for other kinds, and none for the parts that are missing.
std::vector<std::string> kind_sentences(const IndicatorFigure& figure);

// ---- one group of a breakdown

/// A group's value in the figure's units, else its note, else "—". Callers
/// show no figure of a suppressed group, so never call this for one.
std::string group_value_text(const IndicatorFigure& figure, const GroupFigure& group);
/// What a reader sees as the group's name: its label, else its key.
std::string group_label(const GroupFigure& group);

}  // namespace yardstick::server::reports
