#include "yardstick/sql/personal_data.hpp"

#include <pqxx/pqxx>

namespace yardstick::sql {

std::optional<PersonalData> read_personal_data(pqxx::transaction_base& tx, std::int64_t programme_id,
                                               std::int64_t participant_id) {
    const auto rows = tx.exec_params(
        R"(WITH person AS (
               SELECT * FROM participants WHERE programme_id = $1 AND id = $2),
           their_invitations AS (
               SELECT i.* FROM invitations i JOIN person p ON p.id = i.participant_id)
           SELECT
             (SELECT jsonb_build_object('id', p.id, 'reference', p.reference, 'organisation_id', p.organisation_id,
                                        'role', p.role, 'language', p.language, 'added_at', rfc3339(p.created_at),
                                        'name_sealed', encode(p.name_sealed, 'hex'),
                                        'email_sealed', encode(p.email_sealed, 'hex'),
                                        'wrapped_key', encode(k.wrapped_key, 'hex'),
                                        'erased_at', rfc3339(k.erased_at))
              FROM person p LEFT JOIN person_keys k ON k.participant_id = p.id)::text,
             (SELECT coalesce(jsonb_agg(jsonb_build_object(
                         'id', i.id, 'engagement_id', i.engagement_id, 'respondent', i.respondent, 'wave', i.wave,
                         'instrument', ins.key, 'instrument_version', ins.version, 'status', i.status,
                         'issued_at', rfc3339(i.issued_at), 'expires_at', rfc3339(i.expires_at),
                         'opened_at', rfc3339(i.opened_at), 'draft_answers', i.draft_answers,
                         'draft_personal_sealed', encode(i.draft_personal_sealed, 'hex'),
                         'draft_saved_at', rfc3339(i.draft_saved_at)) ORDER BY i.id), '[]'::jsonb)
              FROM their_invitations i JOIN instruments ins ON ins.id = i.instrument_id)::text,
             (SELECT coalesce(jsonb_agg(jsonb_build_object(
                         'response_id', r.id, 'invitation_id', r.invitation_id,
                         'first_submitted_at', rfc3339(r.first_submitted_at),
                         'withdrawn_at', rfc3339(r.withdrawn_at),
                         'versions', (SELECT jsonb_agg(jsonb_build_object(
                                                 'version', v.version, 'instrument', ins.key,
                                                 'instrument_version', ins.version,
                                                 'consent_version', v.consent_version, 'answers', v.answers,
                                                 'personal_sealed', encode(v.personal_sealed, 'hex'),
                                                 'submitted_at', rfc3339(v.submitted_at)) ORDER BY v.version)
                                      FROM response_versions v JOIN instruments ins ON ins.id = v.instrument_id
                                      WHERE v.response_id = r.id)) ORDER BY r.id), '[]'::jsonb)
              FROM responses r JOIN their_invitations i ON i.id = r.invitation_id)::text,
             (SELECT coalesce(jsonb_agg(jsonb_build_object(
                         'seq', o.seq, 'type', e.type, 'occurred_at', rfc3339(e.occurred_at), 'actor', e.actor,
                         'data', e.data) ORDER BY e.id), '[]'::jsonb)
              FROM events e LEFT JOIN event_order o ON o.event_id = e.id
              WHERE e.programme_id = $1
                AND (e.data ->> 'participant_id' = $2::text
                     OR e.actor IN (SELECT 'invitation:' || id FROM their_invitations)
                     OR e.data ->> 'invitation_id' IN (SELECT id::text FROM their_invitations)))::text)",
        programme_id, participant_id);
    if (rows.empty() || rows[0][0].is_null()) {
        return std::nullopt;
    }
    return PersonalData{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>(),
                        rows[0][3].as<std::string>()};
}

}  // namespace yardstick::sql
