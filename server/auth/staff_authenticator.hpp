#pragma once
// Staff credentials: who a bearer token or a session cookie belongs to,
// looked up by the SHA-256 digest of its secret (the secret itself is never
// stored).

#include <boost/asio/awaitable.hpp>

#include "server/app/database_pool.hpp"
#include "server/http/application.hpp"
#include "server/http/types.hpp"
#include "yardstick/domain/result.hpp"
#include "yardstick/sql/staff_sessions.hpp"

namespace yardstick::server::auth {

/// The staff user of a token that is not revoked, or of a session that has
/// not ended or expired (`expiry`); unauthenticated otherwise.
boost::asio::awaitable<Result<http::Principal>> authenticate_staff(DatabasePool* pool, http::Credential credential,
                                                                   sql::SessionExpiry expiry);

/// The principal of a token's or session's holder.
http::Principal principal_of(const sql::TokenHolder& holder);

}  // namespace yardstick::server::auth
