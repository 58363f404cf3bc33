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
                      pqxx::connection& connection) -> Result<std::optional<sql::StoredUser>> {
        pqxx::read_transaction tx(connection);
        return sql::find_user_by_token(tx, digest);
    };
    auto user = co_await pool->run(std::move(lookup));
    if (!user.ok()) {
        co_return user.error();
    }
    if (!*user) {
        co_return invalid;
    }
    co_return http::Principal{(*user)->id, (*user)->email, (*user)->role};
}

}  // namespace yardstick::server::auth
