#pragma once
// Staff browser sessions (/login, /logout): stored by the SHA-256 digest of
// the cookie's value, ended by logout, by expiry, by disabling the user, or
// (for a session signed in with an API token) by revoking the token.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

#include "yardstick/sql/users.hpp"

namespace yardstick::sql {

/// A user who may sign in with a password: enabled, with a password set.
struct PasswordHolder {
    StoredUser user;
    std::string password_hash;
};
std::optional<PasswordHolder> find_password_holder(pqxx::transaction_base& tx, const std::string& email);

struct NewStaffSession {
    std::int64_t user_id = 0;
    std::optional<std::int64_t> api_token_id;  ///< signed in with this token rather than a password
    std::string session_digest;                ///< SHA-256 hex of the cookie's value
    std::string csrf_token;
    std::string client_address;
};
/// Records a new session; returns its id.
std::int64_t start_staff_session(pqxx::transaction_base& tx, const NewStaffSession& session);

/// How long a session lasts: `idle` after its last request, `lifetime` after
/// it started, whichever comes first.
struct SessionExpiry {
    std::chrono::seconds idle{30 * 60};
    std::chrono::seconds lifetime{12 * 60 * 60};
};

/// The live session with this digest, with its holder (roles, and the scopes
/// of its token, or every scope for a password sign-in); records the request
/// as the session's last. nullopt when there is none, or it ended, expired,
/// or its user was disabled or its token revoked.
struct SessionHolder {
    std::int64_t session_id = 0;
    std::string csrf_token;
    TokenHolder holder;  ///< token_id is 0 for a password sign-in
};
std::optional<SessionHolder> find_session_holder(pqxx::transaction_base& tx, const std::string& session_digest,
                                                 const SessionExpiry& expiry);

/// Ends the session; false when it had ended already or does not exist.
bool end_staff_session(pqxx::transaction_base& tx, std::int64_t session_id);

}  // namespace yardstick::sql
