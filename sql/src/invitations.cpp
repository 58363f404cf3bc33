#include "yardstick/sql/invitations.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {

IssuedInvitation insert_invitation(pqxx::transaction_base& tx, const NewInvitation& invitation) {
    const auto row = tx.exec_params1(
        "INSERT INTO invitations (programme_id, engagement_id, participant_id, respondent, wave, instrument_id, "
        "    token_digest, token_sealed, issued_at, expires_at, issued_by) "
        "SELECT $1, $2, $3, $4, $5, $6, $7, $8, at, at + make_interval(days => $9), $11 "
        "FROM (SELECT coalesce($10::timestamptz, now()) AS at) issued "
        "RETURNING id, rfc3339(issued_at), rfc3339(expires_at)",
        invitation.programme_id, invitation.engagement_id, invitation.participant_id, invitation.respondent,
        invitation.wave, invitation.instrument_id, invitation.token_digest, pqxx::binarystring(invitation.token_sealed),
        invitation.valid_days, invitation.issued_at, invitation.issued_by);
    return {row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()};
}

std::optional<FormInvitation> find_invitation_by_digest(pqxx::transaction_base& tx, const std::string& token_digest,
                                                        bool for_update) {
    // Prepared once per connection: planning this join costs more than running it,
    // and every form view, draft and submission starts here.
    const std::string query =
        "SELECT i.id, i.programme_id, p.slug, i.engagement_id, i.participant_id, pa.language, i.respondent, "
        "       i.wave, i.instrument_id, i.status, rfc3339(i.expires_at), i.expires_at <= now(), "
        "       EXISTS (SELECT 1 FROM wave_closures w WHERE w.programme_id = i.programme_id AND w.wave = i.wave), "
        "       i.draft_answers::text, r.id, r.latest_version, i.draft_page, i.consent_version, "
        "       (SELECT rfc3339(w.closed_at) FROM wave_closures w "
        "        WHERE w.programme_id = i.programme_id AND w.wave = i.wave), "
        "       coalesce(p.settings->>'contact', ''), rfc3339(v.submitted_at), i.draft_personal_sealed, "
        "       k.wrapped_key "
        "FROM invitations i "
        "JOIN programmes p ON p.id = i.programme_id "
        "JOIN participants pa ON pa.id = i.participant_id "
        "LEFT JOIN person_keys k ON k.participant_id = i.participant_id "
        "LEFT JOIN responses r ON r.invitation_id = i.id "
        "LEFT JOIN response_versions v ON v.response_id = r.id AND v.version = r.latest_version "
        "WHERE i.token_digest = $1";
    const char* name = for_update ? "ys_invitation_by_digest_for_update" : "ys_invitation_by_digest";
    tx.conn().prepare(name, for_update ? query + " FOR UPDATE OF i" : query);
    const auto rows = tx.exec_prepared(name, token_digest);
    if (rows.empty()) {
        return std::nullopt;
    }
    const auto& row = rows[0];
    FormInvitation form;
    form.id = row[0].as<std::int64_t>();
    form.programme_id = row[1].as<std::int64_t>();
    form.programme_slug = row[2].as<std::string>();
    form.engagement_id = row[3].as<std::int64_t>();
    form.participant_id = row[4].as<std::int64_t>();
    form.participant_language = row[5].as<std::string>();
    form.respondent = row[6].as<std::string>();
    form.wave = row[7].as<std::string>();
    form.instrument_id = row[8].as<std::int64_t>();
    form.status = row[9].as<std::string>();
    form.expires_at = row[10].as<std::string>();
    form.expired = row[11].as<bool>();
    form.wave_closed = row[12].as<bool>();
    form.draft_answers_json = row[13].as<std::string>();
    form.response_id = optional_field<std::int64_t>(row[14]);
    form.latest_version = optional_field<int>(row[15]);
    form.draft_page = row[16].as<std::string>();
    form.consent_version = optional_field<int>(row[17]);
    form.wave_closed_at = optional_field<std::string>(row[18]);
    form.programme_contact = row[19].as<std::string>();
    form.submitted_at = optional_field<std::string>(row[20]);
    form.draft_personal_sealed = optional_bytes(row[21]);
    form.wrapped_key = optional_bytes(row[22]);
    return form;
}

bool mark_invitation_opened(pqxx::transaction_base& tx, std::int64_t invitation_id) {
    return tx.exec_params(
                 "UPDATE invitations SET status = 'opened', opened_at = now() "
                 "WHERE id = $1 AND status = 'issued'",
                 invitation_id)
               .affected_rows() > 0;
}

void save_draft(pqxx::transaction_base& tx, std::int64_t invitation_id, const std::string& answers_json,
                const std::optional<std::string>& personal_sealed) {
    tx.exec_params(
        "UPDATE invitations SET draft_answers = $2::jsonb, draft_personal_sealed = decode($3, 'hex'), draft_saved_at = now(), "
        "    opened_at = coalesce(opened_at, now()), "
        "    status = CASE WHEN status = 'submitted' THEN status ELSE 'draft' END "
        "WHERE id = $1",
        invitation_id, answers_json, hex_or_null(personal_sealed));
}

namespace {

constexpr const char* kStoredInvitationColumns =
    "SELECT id, engagement_id, participant_id, respondent, wave, instrument_id, "
    "       CASE WHEN status <> 'submitted' AND expires_at <= now() THEN 'expired' ELSE status END, "
    "       rfc3339(issued_at), rfc3339(expires_at), token_digest, token_sealed "
    "FROM invitations ";

StoredInvitation stored_invitation_of(const pqxx::row& row) {
    StoredInvitation stored;
    stored.id = row[0].as<std::int64_t>();
    stored.engagement_id = row[1].as<std::int64_t>();
    stored.participant_id = row[2].as<std::int64_t>();
    stored.respondent = row[3].as<std::string>();
    stored.wave = row[4].as<std::string>();
    stored.instrument_id = row[5].as<std::int64_t>();
    stored.status = row[6].as<std::string>();
    stored.issued_at = row[7].as<std::string>();
    stored.expires_at = row[8].as<std::string>();
    stored.token_digest = row[9].as<std::string>();
    stored.token_sealed = optional_bytes(row[10]);
    return stored;
}

}  // namespace

std::vector<StoredInvitation> list_invitations(pqxx::transaction_base& tx, std::int64_t programme_id,
                                               std::int64_t after_id, std::int64_t limit) {
    const auto rows = tx.exec_params(std::string(kStoredInvitationColumns) +
                                         "WHERE programme_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                                     programme_id, after_id, limit);
    std::vector<StoredInvitation> invitations;
    invitations.reserve(rows.size());
    for (const auto& row : rows) {
        invitations.push_back(stored_invitation_of(row));
    }
    return invitations;
}

std::optional<StoredInvitation> find_invitation_for(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                    std::int64_t engagement_id, const std::string& respondent,
                                                    const std::string& wave) {
    const auto rows = tx.exec_params(std::string(kStoredInvitationColumns) +
                                         "WHERE programme_id = $1 AND engagement_id = $2 AND respondent = $3 "
                                         "AND wave = $4",
                                     programme_id, engagement_id, respondent, wave);
    if (rows.empty()) {
        return std::nullopt;
    }
    return stored_invitation_of(rows[0]);
}

void save_form_progress(pqxx::transaction_base& tx, std::int64_t invitation_id, const std::string& page,
                        std::optional<int> consent_version) {
    tx.exec_params(
        "UPDATE invitations SET draft_page = $2, consent_version = coalesce($3, consent_version) "
        "WHERE id = $1",
        invitation_id, page, consent_version);
}

bool close_wave(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& wave,
                const std::string& closed_by, const std::optional<std::string>& at) {
    return tx.exec_params(
                 "INSERT INTO wave_closures (programme_id, wave, closed_by, closed_at) "
                 "VALUES ($1, $2, $3, coalesce($4::timestamptz, now())) "
                 "ON CONFLICT DO NOTHING",
                 programme_id, wave, closed_by, at)
               .affected_rows() > 0;
}

std::optional<std::string> wave_closed_at(pqxx::transaction_base& tx, std::int64_t programme_id,
                                          const std::string& wave) {
    const auto rows = tx.exec_params(
        "SELECT rfc3339(closed_at) FROM wave_closures WHERE programme_id = $1 AND wave = $2", programme_id, wave);
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows[0][0].as<std::string>();
}

}  // namespace yardstick::sql
