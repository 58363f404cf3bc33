#include "yardstick/sql/staff_sessions.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {

std::optional<PasswordHolder> find_password_holder(pqxx::transaction_base& tx, const std::string& email) {
    const auto rows = tx.exec_params(
        "SELECT id, email, password_hash FROM users "
        "WHERE email = $1 AND disabled_at IS NULL AND password_hash IS NOT NULL",
        email);
    if (rows.empty()) {
        return std::nullopt;
    }
    return PasswordHolder{{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>()},
                          rows[0][2].as<std::string>()};
}

std::int64_t start_staff_session(pqxx::transaction_base& tx, const NewStaffSession& session) {
    return tx
        .exec_params1(
            "INSERT INTO staff_sessions (user_id, api_token_id, session_digest, csrf_token, client_address) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id",
            session.user_id, session.api_token_id, session.session_digest, session.csrf_token,
            session.client_address)[0]
        .as<std::int64_t>();
}

std::optional<SessionHolder> find_session_holder(pqxx::transaction_base& tx, const std::string& session_digest,
                                                 const SessionExpiry& expiry) {
    // One statement finds the session, checks every way it may have ended,
    // and records this request as its last.
    const auto rows = tx.exec_params(
        "UPDATE staff_sessions s SET last_seen_at = now() "
        "FROM users u "
        "WHERE s.session_digest = $1 AND s.ended_at IS NULL AND u.id = s.user_id AND u.disabled_at IS NULL "
        "  AND s.last_seen_at > now() - make_interval(secs => $2) "
        "  AND s.created_at > now() - make_interval(secs => $3) "
        "  AND (s.api_token_id IS NULL OR EXISTS ("
        "       SELECT 1 FROM api_tokens t WHERE t.id = s.api_token_id AND t.revoked_at IS NULL)) "
        "RETURNING s.id, s.csrf_token, u.id, u.email, "
        "  coalesce((SELECT t.scopes FROM api_tokens t WHERE t.id = s.api_token_id), "
        "           ARRAY['read', 'write', 'export']), "
        "  coalesce(s.api_token_id, 0)",
        session_digest, static_cast<double>(expiry.idle.count()), static_cast<double>(expiry.lifetime.count()));
    if (rows.empty()) {
        return std::nullopt;
    }
    SessionHolder session;
    session.session_id = rows[0][0].as<std::int64_t>();
    session.csrf_token = rows[0][1].as<std::string>();
    session.holder.user = {rows[0][2].as<std::int64_t>(), rows[0][3].as<std::string>()};
    session.holder.scopes = text_array(rows[0][4]);
    session.holder.token_id = rows[0][5].as<std::int64_t>();
    session.holder.roles = roles_of(tx, session.holder.user.id);
    return session;
}

bool end_staff_session(pqxx::transaction_base& tx, std::int64_t session_id) {
    return tx.exec_params("UPDATE staff_sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL",
                          session_id)
               .affected_rows() > 0;
}

}  // namespace yardstick::sql
