#pragma once
// Staff users and their API tokens (stored as SHA-256 digests only).

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

namespace yardstick::sql {

struct StoredUser {
    std::int64_t id = 0;
    std::string email;
    std::string role;  ///< admin, manager, auditor
};

/// The user with `email`, created with `role` if missing. An existing user
/// keeps their role; `created` says which happened.
struct EnsuredUser {
    StoredUser user;
    bool created = false;
};
EnsuredUser ensure_user(pqxx::transaction_base& tx, const std::string& email, const std::string& role);

/// Records a token for the user; returns the token row id.
std::int64_t insert_api_token(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& token_digest);

/// The user a token that is not revoked belongs to.
std::optional<StoredUser> find_user_by_token(pqxx::transaction_base& tx, const std::string& token_digest);

}  // namespace yardstick::sql
