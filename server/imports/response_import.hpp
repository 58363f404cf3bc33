#pragma once
// Importing responses collected elsewhere (an earlier survey round, another
// tool) from a responses.csv of the export's shape: each row becomes a
// response of this programme, through the participants' own path — the
// engagement's invitation for the row's respondent and wave (issued when
// there is none), the answers validated against the instrument version it
// asks (collection::prepare_submission), and sql::submit_responses with its
// response.submitted event — so that the reports count imported answers
// exactly as answers given through the forms. All in the caller's
// transaction: the caller commits only when no row has a problem.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/dbtransaction>
#include <pqxx/transaction_base>

#include "server/collection/collection.hpp"
#include "server/collection/instrument_cache.hpp"
#include "server/csv/csv_table.hpp"
#include "yardstick/domain/result.hpp"
#include "yardstick/sql/programmes.hpp"

namespace yardstick::server::imports {

/// One problem: the row as a spreadsheet numbers it (the header is 1; 0:
/// the file as a whole) and the field (column) that is wrong.
using RowProblem = std::pair<int, FieldError>;

/// The id of the engagement a row's `engagement` cell names, or nothing.
using EngagementResolver = std::function<std::optional<std::int64_t>(const std::string& cell)>;

/// What an import did, or would have done: its problems, when it has any,
/// mean the caller must not commit.
struct ImportTally {
    std::int64_t responses = 0;
    std::int64_t invitations_issued = 0;
    std::vector<RowProblem> problems;
};

/// The columns a responses import needs; every other column must be one of
/// the export's (its metadata columns are read or ignored, its answer
/// columns must be the programme's).
const std::vector<std::string>& required_response_columns();

/// Imports the rows of `table` (a responses.csv) into `programme` in `tx`.
/// `file`: how problems name the file when not responses.csv ("" for none).
ImportTally import_response_rows(pqxx::dbtransaction& tx, const sql::StoredProgramme& programme,
                                 const csv::CsvTable& table, const EngagementResolver& engagement_of,
                                 const collection::LinkSettings& links, collection::InstrumentCache& instruments,
                                 const std::string& actor);

/// The engagement a cell names in this programme: its id, or its reference.
EngagementResolver engagements_of_programme(pqxx::transaction_base& tx, std::int64_t programme_id);

}  // namespace yardstick::server::imports
