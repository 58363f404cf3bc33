#include "server/auth/staff_authenticator.hpp"

#include <pqxx/pqxx>

#include "server/security/tokens.hpp"
#include "yardstick/sql/users.hpp"

namespace yardstick::server::auth {

boost::asio::awaitable<Result<http::Principal>> authenticate_staff(DatabasePool* pool, std::string token) {
    const Error invalid{ErrorCode::unauthenticated, "The bearer token is not valid.", {}};
    // Junk never reaches the database.
    if (!security::is_well_formed_token(token)) {
        co_return invalid;
    }
    auto lookup = [digest = security::token_digest(token)](
                      pqxx::connection& connection) -> Result<std::optional<sql::TokenHolder>> {
        pqxx::work tx(connection);
        auto holder = sql::find_token_holder(tx, digest);
        tx.commit();  // the token's last use
        return holder;
    };
    auto user = co_await pool->run(std::move(lookup));
    if (!user.ok()) {
        co_return user.error();
    }
    if (!*user) {
        co_return invalid;
    }
    http::Principal principal{(*user)->user.id, (*user)->user.email, {}, (*user)->scopes};
    for (const auto& grant : (*user)->roles) {
        principal.roles.push_back({grant.role, grant.programme_slug.value_or("")});
    }
    co_return principal;
}

}  // namespace yardstick::server::auth
