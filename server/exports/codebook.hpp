#pragma once
// codebook.json of a data package: what every column of every file means.
// Every version of every instrument in full (each question's and choice's
// text in every language), which columns each version's questions fill,
// the SPSS and Stata variable names and value codes of each column, how
// missing answers are written, and the indicators the report computes, with
// the template instruments they read: what `yardstick recompute` rebuilds
// the report from. Pure: no I/O.

#include <vector>

#include <nlohmann/json.hpp>

#include "server/exports/export_layout.hpp"
#include "server/templates/bundled_templates.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/sql/instruments.hpp"

namespace yardstick::server::exports {

/// One published instrument version: as stored, and parsed.
struct PublishedVersion {
    sql::StoredInstrument stored;
    domain::Instrument instrument;
};

/// The codebook. `language`: of the SPSS and Stata labels it lists.
nlohmann::json codebook_json(const std::vector<PublishedVersion>& versions, const ExportLayout& layout,
                             const templates::ProgrammeTemplate& programme_template, const std::string& language);

/// The template part of a codebook read back: its key, instruments and
/// indicators (checked as the bundled ones are). invalid_argument naming the
/// member when the codebook does not hold a sound template.
Result<templates::ProgrammeTemplate> template_of_codebook(const nlohmann::json& codebook);

}  // namespace yardstick::server::exports
