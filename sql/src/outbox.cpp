#include "yardstick/sql/outbox.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {

std::int64_t queue_message(pqxx::transaction_base& tx, const NewMessage& message) {
    const auto id = tx.exec_params1(
                          "INSERT INTO outbox_messages (programme_id, invitation_id, participant_id, kind, "
                          "    reminder_number, created_at, next_attempt_at) "
                          "VALUES ($1, $2, $3, $4, $5, $6::timestamptz, now()) RETURNING id",
                          message.programme_id, message.invitation_id, message.participant_id, message.kind,
                          message.reminder_number, message.created_at)[0]
                        .as<std::int64_t>();
    tx.exec("NOTIFY yardstick_outbox");
    return id;
}

std::optional<DueMessage> claim_due_message(pqxx::transaction_base& tx) {
    const auto rows = tx.exec(
        "SELECT m.id, m.programme_id, p.slug, p.name, coalesce(p.settings->>'contact', ''), m.invitation_id, "
        "       m.participant_id, m.kind, m.reminder_number, rfc3339(m.created_at), m.attempts, pa.language, "
        "       i.respondent, i.wave, rfc3339(i.expires_at), k.wrapped_key, pa.name_sealed, pa.email_sealed, "
        "       i.token_sealed, "
        "       i.status = 'submitted' OR i.cancelled_at IS NOT NULL OR i.expires_at <= now() "
        "         OR EXISTS (SELECT 1 FROM wave_closures w WHERE w.programme_id = i.programme_id AND w.wave = i.wave) "
        "FROM outbox_messages m "
        "JOIN programmes p ON p.id = m.programme_id "
        "JOIN invitations i ON i.id = m.invitation_id "
        "JOIN participants pa ON pa.id = m.participant_id "
        "LEFT JOIN person_keys k ON k.participant_id = m.participant_id "
        "WHERE m.status = 'pending' AND m.next_attempt_at <= now() "
        "ORDER BY m.next_attempt_at, m.id "
        "LIMIT 1 "
        "FOR UPDATE OF m SKIP LOCKED");
    if (rows.empty()) {
        return std::nullopt;
    }
    const auto& row = rows[0];
    DueMessage message;
    message.id = row[0].as<std::int64_t>();
    message.programme_id = row[1].as<std::int64_t>();
    message.programme_slug = row[2].as<std::string>();
    message.programme_name = row[3].as<std::string>();
    message.programme_contact = row[4].as<std::string>();
    message.invitation_id = row[5].as<std::int64_t>();
    message.participant_id = row[6].as<std::int64_t>();
    message.kind = row[7].as<std::string>();
    message.reminder_number = optional_field<int>(row[8]);
    message.created_at = row[9].as<std::string>();
    message.attempts = row[10].as<int>();
    message.language = row[11].as<std::string>();
    message.respondent = row[12].as<std::string>();
    message.wave = row[13].as<std::string>();
    message.expires_at = row[14].as<std::string>();
    message.wrapped_key = optional_bytes(row[15]);
    message.name_sealed = optional_bytes(row[16]);
    message.email_sealed = optional_bytes(row[17]);
    message.token_sealed = optional_bytes(row[18]);
    message.link_ended = row[19].as<bool>();
    return message;
}

void mark_sent(pqxx::transaction_base& tx, std::int64_t id) {
    tx.exec_params(
        "UPDATE outbox_messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, "
        "    last_attempt_at = now(), last_error = NULL "
        "WHERE id = $1",
        id);
}

void mark_attempt_failed(pqxx::transaction_base& tx, std::int64_t id, const std::string& error,
                         std::int64_t retry_after_ms, bool give_up) {
    tx.exec_params(
        "UPDATE outbox_messages SET attempts = attempts + 1, last_attempt_at = now(), last_error = $2, "
        "    status = CASE WHEN $4 THEN 'failed' ELSE status END, "
        "    next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) "
        "WHERE id = $1",
        id, error, retry_after_ms, give_up);
}

void cancel_message(pqxx::transaction_base& tx, std::int64_t id, const std::string& reason) {
    tx.exec_params("UPDATE outbox_messages SET status = 'cancelled', cancelled_reason = $2 WHERE id = $1", id,
                   reason);
}

std::optional<std::int64_t> next_message_due_in_ms(pqxx::transaction_base& tx) {
    const auto row = tx.exec1(
        "SELECT greatest(0, ceil(extract(epoch FROM min(next_attempt_at) - now()) * 1000))::bigint "
        "FROM outbox_messages WHERE status = 'pending'");
    return optional_field<std::int64_t>(row[0]);
}

}  // namespace yardstick::sql
