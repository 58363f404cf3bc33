#include "yardstick/sql/register_exports.hpp"

#include <pqxx/pqxx>

namespace yardstick::sql {

namespace {

#define YS_UTC(column) "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

/// Each table's query: its rows of the programme after $2, by id, at most $3.
const char* query_of(RegisterTable table) {
    switch (table) {
        case RegisterTable::organisations:
            return "SELECT id, country, sector, size, " YS_UTC("created_at") R"(
                    FROM organisations WHERE programme_id = $1 AND id > $2 ORDER BY id LIMIT $3)";
        case RegisterTable::participants:
            return "SELECT id, organisation_id, role, language, " YS_UTC("created_at") R"(
                    FROM participants WHERE programme_id = $1 AND id > $2 ORDER BY id LIMIT $3)";
        case RegisterTable::engagements:
            return R"(SELECT id, kind, status, sending_organisation_id, hosting_organisation_id, participant_id,
                           starts_on, ends_on, duration_days, volunteer_organisation_id, mentor_participant_id,
                           sme_organisation_id, respondent_participant_id, round, )" YS_UTC("created_at") R"(
                    FROM engagements WHERE programme_id = $1 AND id > $2 ORDER BY id LIMIT $3)";
        case RegisterTable::invitations:
            // A withdrawn response is in no file: its invitation says so.
            return R"(SELECT v.id, v.engagement_id, v.participant_id, v.respondent, v.wave, i.key, i.version,
                           CASE WHEN r.withdrawn_at IS NULL THEN v.status ELSE 'withdrawn' END,
                           )" YS_UTC("v.issued_at") ", " YS_UTC("v.expires_at") R"(,
                           CASE WHEN r.withdrawn_at IS NULL THEN r.id END
                    FROM invitations v JOIN instruments i ON i.id = v.instrument_id
                    LEFT JOIN responses r ON r.invitation_id = v.id
                    WHERE v.programme_id = $1 AND v.id > $2 ORDER BY v.id LIMIT $3)";
        case RegisterTable::organisation_identities:
            return R"(SELECT id, name, reference FROM organisations
                    WHERE programme_id = $1 AND id > $2 ORDER BY id LIMIT $3)";
        case RegisterTable::participant_identities:
            // Sealed, as hex, with the wrapped key last: the caller opens
            // them. Erased participants have no identity left to export.
            return R"(SELECT p.id, p.organisation_id, encode(p.name_sealed, 'hex'), encode(p.email_sealed, 'hex'),
                           p.reference, encode(k.wrapped_key, 'hex')
                    FROM participants p JOIN person_keys k ON k.participant_id = p.id AND k.wrapped_key IS NOT NULL
                    WHERE p.programme_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3)";
    }
    return "";
}

#undef YS_UTC

}  // namespace

const std::vector<std::string>& register_columns(RegisterTable table) {
    static const std::vector<std::string> organisations = {"id", "country", "sector", "size", "registered_at"};
    static const std::vector<std::string> participants = {"id", "organisation_id", "role", "language", "added_at"};
    static const std::vector<std::string> engagements = {
        "id",           "kind",          "status",   "sending_organisation_id",   "hosting_organisation_id",
        "participant_id", "starts_on",   "ends_on",  "duration_days",             "volunteer_organisation_id",
        "mentor_participant_id", "sme_organisation_id", "respondent_participant_id", "round", "created_at"};
    static const std::vector<std::string> invitations = {
        "id",     "engagement_id", "participant_id", "respondent", "wave",       "instrument",
        "instrument_version", "status", "issued_at", "expires_at", "response_id"};
    static const std::vector<std::string> organisation_identities = {"id", "name", "reference"};
    static const std::vector<std::string> participant_identities = {"id", "organisation_id", "name", "email",
                                                                    "reference"};
    switch (table) {
        case RegisterTable::organisation_identities:
            return organisation_identities;
        case RegisterTable::participant_identities:
            return participant_identities;
        case RegisterTable::organisations:
            return organisations;
        case RegisterTable::participants:
            return participants;
        case RegisterTable::engagements:
            return engagements;
        case RegisterTable::invitations:
            return invitations;
    }
    return organisations;
}

RegisterBatch read_register_rows(pqxx::transaction_base& tx, RegisterTable table, std::int64_t programme_id,
                                 std::int64_t after_id, std::int64_t limit) {
    const auto result = tx.exec_params(query_of(table), programme_id, after_id, limit);
    RegisterBatch batch;
    batch.rows.reserve(result.size());
    for (const auto& row : result) {
        std::vector<std::optional<std::string>> cells;
        cells.reserve(row.size());
        for (const auto& field : row) {
            cells.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
        }
        batch.last_id = row[0].as<std::int64_t>();
        batch.rows.push_back(std::move(cells));
    }
    return batch;
}

}  // namespace yardstick::sql
