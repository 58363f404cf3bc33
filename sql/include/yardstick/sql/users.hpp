#pragma once
// Staff users, their roles per programme, and their API tokens (stored as
// SHA-256 digests only).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace yardstick::sql {

struct StoredUser {
    std::int64_t id = 0;
    std::string email;
};

/// A role held by a user: admin (no programme), or manager, auditor or
/// identity-export of one programme (by slug).
struct RoleGrant {
    std::string role;
    std::optional<std::string> programme_slug;

    friend bool operator==(const RoleGrant&, const RoleGrant&) = default;
};

/// The user with `email`, created if missing; `created` says which happened.
struct EnsuredUser {
    StoredUser user;
    bool created = false;
};
EnsuredUser ensure_user(pqxx::transaction_base& tx, const std::string& email);

/// The user with `email` unless missing or disabled.
std::optional<StoredUser> find_active_user(pqxx::transaction_base& tx, const std::string& email);

/// Grants `role` (for `programme_id`, none for admin); false when the user
/// held it already.
bool grant_role(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& role,
                std::optional<std::int64_t> programme_id);

/// Every role of the user, admin first, then by programme slug.
std::vector<RoleGrant> roles_of(pqxx::transaction_base& tx, std::int64_t user_id);

/// Records a token with `scopes` (read, write, export) for the user; returns the token row id.
std::int64_t insert_api_token(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& token_digest,
                              const std::vector<std::string>& scopes);

/// Who holds a token, and what it may do.
struct TokenHolder {
    std::int64_t token_id = 0;
    StoredUser user;
    std::vector<RoleGrant> roles;
    std::vector<std::string> scopes;
};

/// The holder of a token that is not revoked, of a user who is not
/// disabled; records the token's use (at most once a minute).
std::optional<TokenHolder> find_token_holder(pqxx::transaction_base& tx, const std::string& token_digest);

/// Sets the user's password hash (Argon2id string).
void set_password_hash(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& hash);

/// Disables the user (their tokens stop working); false when there is no
/// such user or they were disabled already.
bool disable_user(pqxx::transaction_base& tx, const std::string& email);

/// A user as `yardstick user list` shows them.
struct UserSummary {
    StoredUser user;
    bool disabled = false;
    bool has_password = false;
    int live_tokens = 0;
    std::vector<RoleGrant> roles;
};
std::vector<UserSummary> list_users(pqxx::transaction_base& tx);

/// Revokes the token with this digest; false when there is none, or it was revoked already.
bool revoke_token(pqxx::transaction_base& tx, const std::string& token_digest);

/// Revokes the token with this id; false when there is none, or it was revoked already.
bool revoke_token_by_id(pqxx::transaction_base& tx, std::int64_t token_id);

/// A token as `yardstick token list` shows it (never the token itself,
/// which is not stored).
struct TokenSummary {
    std::int64_t id = 0;
    std::string email;
    std::vector<std::string> scopes;
    std::string created_at;                 ///< RFC 3339, UTC
    std::optional<std::string> last_used_at;  ///< to the minute
    std::optional<std::string> revoked_at;
};
/// Every token, or those of one user (`email`), oldest first.
std::vector<TokenSummary> list_tokens(pqxx::transaction_base& tx, const std::optional<std::string>& email);

}  // namespace yardstick::sql
