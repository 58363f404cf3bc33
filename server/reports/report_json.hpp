#pragma once
// The report as `GET /api/v1/programmes/{slug}/report` returns it: JSON by
// default, CSV with ?format=csv (issue 6).

#include <nlohmann/json.hpp>
#include <string>

#include "server/reports/report.hpp"

namespace yardstick::server::reports {

/// {"programme", "data_version", "generated_at", "indicators": [...]}. Each
/// indicator has id, label, kind, value and n, plus only the members its kind
/// uses (see IndicatorFigure); a member the kind uses but the data could not
/// give is null, and `note` says why. Suppressed groups are written as
/// {"key", "suppressed": true} and nothing else. Non-finite numbers, which
/// evaluation/ never returns, would be written as null rather than NaN.
nlohmann::json report_to_json(const Report& report);

/// RFC 4180 CSV (CRLF line ends) with the header
/// indicator,group_by,group,value,n,numerator,denominator,ci_low,ci_high,p_value,suppressed
/// and one row per indicator (group_by and group empty) followed by one row
/// per group of each breakdown. Absent figures are empty cells; suppressed
/// groups have every figure empty and `true`. Decimals are written with the
/// fewest digits that read back to the same double, with `.` as separator.
std::string report_to_csv(const Report& report);

}  // namespace yardstick::server::reports
