#include "yardstick/sql/users.hpp"

#include <pqxx/pqxx>

namespace yardstick::sql {

EnsuredUser ensure_user(pqxx::transaction_base& tx, const std::string& email, const std::string& role) {
    const auto inserted = tx.exec_params(
        "INSERT INTO users (email, role) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING RETURNING id, email, role",
        email, role);
    if (!inserted.empty()) {
        return {{inserted[0][0].as<std::int64_t>(), inserted[0][1].as<std::string>(), inserted[0][2].as<std::string>()},
                true};
    }
    const auto row = tx.exec_params1("SELECT id, email, role FROM users WHERE email = $1", email);
    return {{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()}, false};
}

std::int64_t insert_api_token(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& token_digest) {
    return tx
        .exec_params1("INSERT INTO api_tokens (user_id, token_digest) VALUES ($1, $2) RETURNING id", user_id,
                      token_digest)[0]
        .as<std::int64_t>();
}

std::optional<StoredUser> find_user_by_token(pqxx::transaction_base& tx, const std::string& token_digest) {
    const auto rows = tx.exec_params(
        "SELECT u.id, u.email, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_digest = $1 AND t.revoked_at IS NULL",
        token_digest);
    if (rows.empty()) {
        return std::nullopt;
    }
    return StoredUser{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>()};
}

}  // namespace yardstick::sql
