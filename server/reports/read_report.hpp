#pragma once
// Reading a programme's report: its tallies, data version and chain head in
// one snapshot, turned into figures by build_report(). Reading never moves
// the data version; who read which report is logged apart, as report.viewed.

#include <string>

#include <pqxx/transaction_base>

#include "server/reports/report.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::reports {

/// The languages a report speaks (its labels and methods notes).
bool is_report_language(const std::string& language) noexcept;

/// The report of the programme `slug` in `language`, as of the tallies'
/// snapshot in `tx` (use a repeatable-read transaction). not_found for an
/// unknown programme; internal for a template this server lacks.
Result<Report> read_report(pqxx::transaction_base& tx, const std::string& slug, const std::string& language);

/// Appends `report.viewed` in `tx` (commit it before handing the report
/// over): who (`actor`), which format and language, and the data version and
/// chain head the report covered.
void record_report_view(pqxx::transaction_base& tx, const Report& report, const std::string& actor,
                        const std::string& format);

/// The current time as RFC 3339 UTC, to the second ("2026-11-25T03:40:00Z").
std::string utc_now_rfc3339();

}  // namespace yardstick::server::reports
