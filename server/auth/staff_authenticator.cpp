#include "server/auth/staff_authenticator.hpp"

#include <pqxx/pqxx>

#include "server/security/tokens.hpp"
#include "yardstick/sql/users.hpp"

namespace yardstick::server::auth {

http::Principal principal_of(const sql::TokenHolder& holder) {
    http::Principal principal{holder.user.id, holder.user.email, {}, holder.scopes, std::nullopt, {}};
    for (const auto& grant : holder.roles) {
        principal.roles.push_back({grant.role, grant.programme_slug.value_or("")});
    }
    return principal;
}

boost::asio::awaitable<Result<http::Principal>> authenticate_staff(DatabasePool* pool, http::Credential credential,
                                                                   sql::SessionExpiry expiry) {
    const bool session = credential.kind == http::Credential::Kind::session_cookie;
    const Error invalid{ErrorCode::unauthenticated,
                        session ? "The session has ended or expired: sign in again at /login."
                                : "The bearer token is not valid.",
                        {}};
    // Junk never reaches the database.
    if (!security::is_well_formed_token(credential.secret)) {
        co_return invalid;
    }
    auto lookup = [digest = security::token_digest(credential.secret), session,
                   expiry](pqxx::connection& connection) -> Result<std::optional<http::Principal>> {
        pqxx::work tx(connection);
        std::optional<http::Principal> principal;
        if (session) {
            if (const auto found = sql::find_session_holder(tx, digest, expiry)) {
                principal = principal_of(found->holder);
                principal->session_id = found->session_id;
                principal->csrf_token = found->csrf_token;
            }
        } else if (const auto holder = sql::find_token_holder(tx, digest)) {
            principal = principal_of(*holder);
        }
        tx.commit();  // the token's or session's last use
        return principal;
    };
    auto principal = co_await pool->run(std::move(lookup));
    if (!principal.ok()) {
        co_return principal.error();
    }
    if (!*principal) {
        co_return invalid;
    }
    co_return std::move(**principal);
}

}  // namespace yardstick::server::auth
