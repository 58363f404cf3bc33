#include "yardstick/sql/users.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {
EnsuredUser ensure_user(pqxx::transaction_base& tx, const std::string& email) {
    const auto inserted = tx.exec_params(
        "INSERT INTO users (email) VALUES ($1) ON CONFLICT (email) DO NOTHING RETURNING id, email", email);
    if (!inserted.empty()) {
        return {{inserted[0][0].as<std::int64_t>(), inserted[0][1].as<std::string>()}, true};
    }
    const auto row = tx.exec_params1("SELECT id, email FROM users WHERE email = $1", email);
    return {{row[0].as<std::int64_t>(), row[1].as<std::string>()}, false};
}

std::optional<StoredUser> find_active_user(pqxx::transaction_base& tx, const std::string& email) {
    const auto rows = tx.exec_params("SELECT id, email FROM users WHERE email = $1 AND disabled_at IS NULL", email);
    if (rows.empty()) {
        return std::nullopt;
    }
    return StoredUser{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>()};
}

bool grant_role(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& role,
                std::optional<std::int64_t> programme_id) {
    return tx.exec_params(
                 "INSERT INTO role_grants (user_id, role, programme_id) VALUES ($1, $2, $3) "
                 "ON CONFLICT DO NOTHING",
                 user_id, role, programme_id)
               .affected_rows() > 0;
}

std::vector<RoleGrant> roles_of(pqxx::transaction_base& tx, std::int64_t user_id) {
    const auto rows = tx.exec_params(
        "SELECT g.role, p.slug FROM role_grants g LEFT JOIN programmes p ON p.id = g.programme_id "
        "WHERE g.user_id = $1 ORDER BY p.slug NULLS FIRST, g.role",
        user_id);
    return map_rows(rows, [](const pqxx::row& row) {
        return RoleGrant{row[0].as<std::string>(), optional_field<std::string>(row[1])};
    });
}

std::int64_t insert_api_token(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& token_digest,
                              const std::vector<std::string>& scopes) {
    return tx
        .exec_params1("INSERT INTO api_tokens (user_id, token_digest, scopes) VALUES ($1, $2, $3::text[]) RETURNING id",
                      user_id, token_digest, simple_text_array(scopes))[0]
        .as<std::int64_t>();
}

std::optional<TokenHolder> find_token_holder(pqxx::transaction_base& tx, const std::string& token_digest) {
    const auto rows = tx.exec_params(
        "WITH holder AS ("
        "    SELECT t.id AS token_id, u.id, u.email, t.scopes, t.last_used_at "
        "    FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "    WHERE t.token_digest = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL), "
        "touched AS ("
        "    UPDATE api_tokens SET last_used_at = now() FROM holder "
        "    WHERE api_tokens.id = holder.token_id "
        "      AND (holder.last_used_at IS NULL OR holder.last_used_at < now() - interval '1 minute')) "
        "SELECT id, email, scopes, token_id FROM holder",
        token_digest);
    if (rows.empty()) {
        return std::nullopt;
    }
    TokenHolder holder;
    holder.user = {rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>()};
    holder.scopes = text_array(rows[0][2]);
    holder.token_id = rows[0][3].as<std::int64_t>();
    holder.roles = roles_of(tx, holder.user.id);
    return holder;
}

void set_password_hash(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& hash) {
    tx.exec_params("UPDATE users SET password_hash = $2 WHERE id = $1", user_id, hash);
}

bool disable_user(pqxx::transaction_base& tx, const std::string& email) {
    return tx.exec_params("UPDATE users SET disabled_at = now() WHERE email = $1 AND disabled_at IS NULL", email)
               .affected_rows() > 0;
}

std::vector<UserSummary> list_users(pqxx::transaction_base& tx) {
    const auto rows = tx.exec(
        "SELECT u.id, u.email, u.disabled_at IS NOT NULL, u.password_hash IS NOT NULL, "
        "       (SELECT count(*) FROM api_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL) "
        "FROM users u ORDER BY u.email");
    auto users = map_rows(rows, [](const pqxx::row& row) {
        UserSummary summary;
        summary.user = {row[0].as<std::int64_t>(), row[1].as<std::string>()};
        summary.disabled = row[2].as<bool>();
        summary.has_password = row[3].as<bool>();
        summary.live_tokens = row[4].as<int>();
        return summary;
    });
    for (auto& summary : users) {
        summary.roles = roles_of(tx, summary.user.id);
    }
    return users;
}

bool revoke_token(pqxx::transaction_base& tx, const std::string& token_digest) {
    return tx.exec_params("UPDATE api_tokens SET revoked_at = now() WHERE token_digest = $1 AND revoked_at IS NULL",
                          token_digest)
               .affected_rows() > 0;
}

bool revoke_token_by_id(pqxx::transaction_base& tx, std::int64_t token_id) {
    return tx.exec_params("UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", token_id)
               .affected_rows() > 0;
}

std::vector<TokenSummary> list_tokens(pqxx::transaction_base& tx, const std::optional<std::string>& email) {
    constexpr const char* kTime = "YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"";
    const auto rows = tx.exec_params(
        std::string("SELECT t.id, u.email, t.scopes, to_char(t.created_at AT TIME ZONE 'UTC', '") + kTime +
            "'), to_char(t.last_used_at AT TIME ZONE 'UTC', '" + kTime +
            "'), to_char(t.revoked_at AT TIME ZONE 'UTC', '" + kTime +
            "') FROM api_tokens t JOIN users u ON u.id = t.user_id "
            "WHERE $1::text IS NULL OR u.email = $1 ORDER BY t.id",
        email);
    return map_rows(rows, [](const pqxx::row& row) {
        return TokenSummary{row[0].as<std::int64_t>(),          row[1].as<std::string>(),
                            text_array(row[2]),                  row[3].as<std::string>(),
                            optional_field<std::string>(row[4]), optional_field<std::string>(row[5])};
    });
}

}  // namespace yardstick::sql
