#pragma once
// A responses.csv row's answers read back: the inverse of wide_row() for the
// instrument version the row answered. An empty cell is not answered; a
// multiple choice question is answered when any of its 0/1 columns is
// filled. Used by `yardstick recompute` (figures from a data package) and
// by the import of earlier survey rounds. Pure.

#include <map>
#include <string>
#include <vector>

#include "server/exports/export_layout.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::exports {

/// The header's columns by name.
using ColumnIndex = std::map<std::string, std::size_t>;

ColumnIndex index_columns(const std::vector<std::string>& header);

/// The row's answers to `version`. invalid_argument with one FieldError per
/// wrong cell (field: the column), such as a letter in a number column or an
/// answer to a question this version does not ask. Withheld columns are
/// ignored. Values are not checked against the instrument's rules here:
/// domain::validate_answers() does that.
Result<domain::Answers> answers_of_wide_row(const ExportLayout& layout, const domain::Instrument& version,
                                            const ColumnIndex& columns, const std::vector<std::string>& cells);

}  // namespace yardstick::server::exports
