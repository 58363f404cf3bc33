#pragma once
// The register as a data package holds it: every organisation, participant,
// engagement and invitation of a programme, read in batches by id so that a
// package of any size is written in constant memory from one snapshot. Tokens
// are never read, nor are names, e-mail addresses and references: the caller
// pseudonymises the ids that point at people and organisations. Only the
// two identity tables, for exports with identities, read names and (sealed)
// e-mail addresses.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace yardstick::sql {

enum class RegisterTable {
    organisations,
    participants,
    engagements,
    invitations,
    organisation_identities,  ///< names and references: only for exports with identities
    participant_identities,   ///< names, e-mail addresses and references: only for exports with identities
};

/// The columns of a table's rows, in order: always the row's id first.
/// Organisations: id, country, sector, size, registered_at. Participants:
/// id, organisation_id, role, language, added_at. Engagements: id, kind,
/// status, sending_organisation_id, hosting_organisation_id, participant_id,
/// starts_on, ends_on, duration_days, volunteer_organisation_id,
/// mentor_participant_id, sme_organisation_id, respondent_participant_id,
/// round, created_at. Invitations: id, engagement_id, participant_id,
/// respondent, wave, instrument, instrument_version, status, issued_at,
/// expires_at, response_id. Organisation identities: id, name, reference.
/// Participant identities: id, organisation_id, name, email, reference (as
/// read: name and email sealed, in hex, and a sixth cell, the wrapped key in
/// hex, for the caller to open them with; erased participants are left out).
const std::vector<std::string>& register_columns(RegisterTable table);

/// One batch of rows, as text (times in RFC 3339 UTC with microseconds,
/// dates as YYYY-MM-DD); nullopt for SQL NULL.
struct RegisterBatch {
    std::vector<std::vector<std::optional<std::string>>> rows;
    std::int64_t last_id = 0;  ///< where the next batch starts; no rows: the end
};
RegisterBatch read_register_rows(pqxx::transaction_base& tx, RegisterTable table, std::int64_t programme_id,
                                 std::int64_t after_id, std::int64_t limit);

}  // namespace yardstick::sql
