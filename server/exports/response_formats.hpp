#pragma once
// One exported response written as each export format writes it: a row of
// responses.csv (wide), the rows of responses-long.csv (one per answer), a
// line of responses.ndjson (with its version history). Pure, so that every
// format is unit-tested without a database.

#include <string>
#include <vector>

#include "server/exports/export_layout.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/sql/exports.hpp"

namespace yardstick::server::exports {

/// A response ready to write: what the database gave, its people as
/// pseudonyms, and its answers parsed.
struct ExportRecord {
    sql::ExportedResponse response;
    std::string participant;   ///< pseudonym
    std::string organisation;  ///< pseudonym
    domain::Answers answers;
};

/// The header row of responses.csv (CRLF-terminated).
std::string wide_header(const ExportLayout& layout);
/// The record's row of responses.csv: metadata, then each answer column (a
/// question not answered, or withheld, is empty; a boolean is 1 or 0; a
/// multiple choice gives 1 or 0 per choice when answered).
std::string wide_row(const ExportLayout& layout, const ExportRecord& record);

/// The header row of responses-long.csv.
std::string long_header();
/// The record's rows of responses-long.csv: one per answer, in column order
/// (a multiple choice: one per chosen value); withheld answers are left out.
std::string long_rows(const ExportLayout& layout, const ExportRecord& record);

/// The record as one line of responses.ndjson: the metadata, the latest
/// answers, and every version (`versions`, oldest first) with its answers.
std::string ndjson_line(const ExportLayout& layout, const ExportRecord& record,
                        const std::vector<sql::ExportedVersion>& versions);

/// An answer as a CSV cell: booleans 1/0, numbers as written, text as is.
std::string answer_cell(const domain::AnswerValue& value);

}  // namespace yardstick::server::exports
