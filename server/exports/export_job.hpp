#pragma once
// The auditors' response exports as streamed database work: one
// repeatable-read snapshot, read in batches of responses by id and written
// as they come, so memory does not grow with the export.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/app/streamed_work.hpp"
#include "server/security/master_key.hpp"
#include "yardstick/sql/exports.hpp"

namespace yardstick::server::exports {

enum class ExportFormat { wide_csv, long_csv, ndjson, spss_sav, stata_dta };

/// The format of an export file name: responses.csv, responses-long.csv,
/// responses.ndjson, responses.sav, responses.dta; nothing for another name.
std::optional<ExportFormat> export_format_of(std::string_view file);

/// "text/csv; charset=utf-8", "application/x-ndjson",
/// "application/x-spss-sav" or "application/x-stata-dta".
std::string content_type_of(ExportFormat format);

/// The programme's stable pseudonym of a participant ("P-…") or an
/// organisation ("O-…"): a keyed hash of the programme and the id, the same
/// in every export of the programme, meaningless outside it.
std::string pseudonym(const security::MasterKey& key, std::int64_t programme_id, std::string_view kind,
                      std::int64_t id);

/// Whether `text` is a time the filters take: a date (YYYY-MM-DD) or an
/// RFC 3339 timestamp with its offset.
bool is_filter_time(std::string_view text);

/// Writes the export of the programme's responses that pass the filter
/// through `emit`, from the snapshot `tx` (repeatable read). `language`: of
/// the variable and value labels (SPSS, Stata).
Status write_responses(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& language,
                       const sql::ExportFilter& filter, ExportFormat format, const security::MasterKey& key,
                       const EmitPiece& emit);

/// The work writing the export of the programme's responses that pass the
/// filter. `language`: of the variable and value labels (SPSS, Stata).
/// `key` (for pseudonyms) must outlive the work.
StreamedWork export_responses(std::int64_t programme_id, std::string language, sql::ExportFilter filter,
                              ExportFormat format, const security::MasterKey* key);

}  // namespace yardstick::server::exports
