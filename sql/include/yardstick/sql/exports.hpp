#pragma once
// What the auditors' exports read: every version of every instrument, and the
// submitted responses (their latest version, and on request every version)
// with who and where they come from, in batches by response id so that an
// export of any size streams in constant memory from one snapshot.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "yardstick/sql/instruments.hpp"

namespace yardstick::sql {

/// Every version of every instrument of the programme, in the order they
/// were published.
std::vector<StoredInstrument> list_instrument_versions(pqxx::transaction_base& tx, std::int64_t programme_id);

/// Which responses an export holds. Empty strings: no filter. `from` and
/// `to` bound the latest version's submission time (inclusive, exclusive),
/// as PostgreSQL reads a timestamptz ("2026-11-01", RFC 3339).
struct ExportFilter {
    std::string instrument;
    std::string wave;
    std::string from;
    std::string to;
};

/// One submitted response as exported: its latest version and where it
/// comes from (participant and organisation by id: the caller pseudonymises).
struct ExportedResponse {
    std::int64_t response_id = 0;
    std::string instrument;
    int instrument_version = 0;
    std::int64_t instrument_id = 0;
    std::string wave;
    std::string respondent;
    std::int64_t participant_id = 0;
    std::int64_t organisation_id = 0;
    std::string country;
    std::string sector;
    std::string size;
    std::int64_t engagement_id = 0;
    int version = 1;
    std::string submitted_at;  ///< RFC 3339 UTC, microseconds
    std::string answers_json;
};

/// One batch: of the next `limit` responses after `after_id` (by id), those
/// that pass the filter; `last_id` is where the next batch starts, and fewer
/// than `limit` scanned means the end.
struct ExportBatch {
    std::vector<ExportedResponse> responses;
    std::int64_t scanned = 0;
    std::int64_t last_id = 0;
};
ExportBatch read_exported_responses(pqxx::transaction_base& tx, std::int64_t programme_id,
                                   const ExportFilter& filter, std::int64_t after_id, std::int64_t limit);

/// One version of a response.
struct ExportedVersion {
    std::int64_t response_id = 0;
    int version = 1;
    int instrument_version = 1;
    std::string submitted_at;
    std::string answers_json;
};

/// Every version of these responses, by response and version.
std::vector<ExportedVersion> read_response_versions(pqxx::transaction_base& tx,
                                                    const std::vector<std::int64_t>& response_ids);

}  // namespace yardstick::sql
