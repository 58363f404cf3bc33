#pragma once
// From a programme's tallies to its report: applies evaluation/ to every
// indicator and group, and suppresses small groups, before any renderer sees
// a figure. Pure: no I/O, so it is unit-tested with hand-made tallies.

#include <cstdint>
#include <string>

#include "server/reports/report.hpp"
#include "server/templates/bundled_templates.hpp"
#include "yardstick/evaluation/tallies/tallies.hpp"

namespace yardstick::server::reports {

/// Everything a report is computed from, read in one snapshot.
struct ReportInputs {
    std::string programme_slug;
    std::string programme_name;
    std::string language;  ///< labels and methods notes; English where a text lacks it
    std::int64_t data_version = 0;
    std::string generated_at;
    std::string event_log_head;  ///< "SEQ:HEX"
    std::int64_t suppression_threshold = 5;
    evaluation::Tallies tallies;  ///< the indicators' and the reach's (count indicators)
};

Report build_report(const templates::ProgrammeTemplate& programme_template, const ReportInputs& inputs);

}  // namespace yardstick::server::reports
