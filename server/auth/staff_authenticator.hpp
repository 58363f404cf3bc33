#pragma once
// Staff bearer tokens: who a token belongs to, looked up by its SHA-256
// digest (the token itself is never stored).

#include <string>

#include <boost/asio/awaitable.hpp>

#include "server/app/database_pool.hpp"
#include "server/http/types.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::auth {

/// The staff user of a token that is not revoked; unauthenticated otherwise.
boost::asio::awaitable<Result<http::Principal>> authenticate_staff(DatabasePool* pool, std::string token);

}  // namespace yardstick::server::auth
