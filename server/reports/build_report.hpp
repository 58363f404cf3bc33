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

/// The reach figures of the programme's register (count indicators).
struct ReachCounts {
    std::int64_t organisations = 0;
    std::int64_t engagements = 0;
    std::int64_t participants = 0;
    std::int64_t sectors = 0;
    std::int64_t countries = 0;
};

/// Everything a report is computed from, read in one snapshot.
struct ReportInputs {
    std::string programme_slug;
    std::string programme_name;
    std::string language;  ///< labels and methods notes; English where a text lacks it
    std::int64_t data_version = 0;
    std::string generated_at;
    std::int64_t suppression_threshold = 5;
    ReachCounts reach;
    evaluation::Tallies tallies;
};

Report build_report(const templates::ProgrammeTemplate& programme_template, const ReportInputs& inputs);

}  // namespace yardstick::server::reports
