#pragma once
// CSV imports (participants, organisations, …) as RFC 4180 describes them,
// with the leniencies real spreadsheet exports need: a UTF-8 byte order mark,
// LF or CR line ends as well as CRLF, an optional final line end, and empty
// rows at the end. Everything is read into memory: imports are bounded by the
// request body limit and by `max_rows`.
//
// Problems are reported per row and column so that the import endpoint can
// answer 422 with `errors: [{"row", "field", "message"}]`, the row numbered
// as a spreadsheet shows it (header = row 1, first data record = row 2; a
// quoted line break does not start a new row).

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "yardstick/domain/result.hpp"

namespace yardstick::server::csv {

/// One data record: its spreadsheet row number and exactly as many cells as
/// the header has columns, unquoted but otherwise as written (not trimmed).
struct CsvRow {
    int row = 0;
    std::vector<std::string> cells;
};

/// A parsed file: header names (trimmed of spaces and tabs, non-empty,
/// unique) and the data records.
struct CsvTable {
    std::vector<std::string> header;
    std::vector<CsvRow> rows;
};

/// One thing wrong with a file. `field` is a column name, "header" for a
/// problem with the header row itself, or empty when the whole row is wrong.
struct CsvProblem {
    int row = 0;
    std::string field;
    std::string message;

    friend bool operator==(const CsvProblem&, const CsvProblem&) = default;
};

/// Why a file was refused: `code` is invalid_argument for content problems,
/// resource_exhausted when it has more data rows than allowed. `problems` is
/// never empty.
struct CsvRejection {
    ErrorCode code = ErrorCode::invalid_argument;
    std::vector<CsvProblem> problems;
};

/// Either the table or the reasons it could not be read.
class [[nodiscard]] CsvResult {
public:
    CsvResult(CsvTable table) : state_(std::move(table)) {}              // NOLINT(google-explicit-constructor)
    CsvResult(CsvRejection rejection) : state_(std::move(rejection)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// Precondition: ok().
    const CsvTable& table() const& { return std::get<0>(state_); }
    CsvTable&& table() && { return std::get<0>(std::move(state_)); }

    /// Precondition: !ok().
    const CsvRejection& rejection() const& { return std::get<1>(state_); }

private:
    std::variant<CsvTable, CsvRejection> state_;
};

/// Parses `text` (UTF-8, comma-separated, first row = header). Refuses, with
/// the row and where possible the column: invalid UTF-8; an empty or
/// duplicate header name; a record whose field count differs from the
/// header's; a quote that is never closed (the row where the field started);
/// text between a closing quote and the next comma. Several problems are
/// collected (up to 100) unless the structure itself is broken. More than
/// `max_rows` data records is a resource_exhausted rejection. Records at the
/// end whose cells are all empty (blank lines, ",,,") are dropped; in the
/// middle they are records like any other.
CsvResult parse_csv(std::string_view text, std::size_t max_rows);

/// Compares the header with what an import expects: each column not in
/// `required` or `optional` is reported as unknown, each `required` column not
/// in the header as missing, all with row 1 and the column name. Names are
/// compared exactly (case matters). Empty when the header is acceptable.
std::vector<CsvProblem> check_columns(const CsvTable& table, std::span<const std::string_view> required,
                                      std::span<const std::string_view> optional);

}  // namespace yardstick::server::csv
