#pragma once
// The PDF's last pages: each indicator's methods note, then how the report's
// intervals, tests, agreement and disclosure control work, for auditors.

#include "server/reports/pdf/page_flow.hpp"
#include "server/reports/pdf/typesetter.hpp"
#include "server/reports/report.hpp"

namespace yardstick::server::reports::pdf {

/// Starts a new page headed "Methods" and flows the annex from there.
void methods_annex(PageFlow& flow, const Typesetter& typesetter, const Report& report);

}  // namespace yardstick::server::reports::pdf
