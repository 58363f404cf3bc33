#pragma once
// Staff passwords, hashed with Argon2id (libsodium's crypto_pwhash_str, at
// its "interactive" cost: about 64 MiB and a few tenths of a second, so
// that guessing offline is slow and logging in is not). The hash string
// carries its own salt and parameters; the password itself is never kept.

#include <string>
#include <string_view>

#include "yardstick/domain/result.hpp"

namespace yardstick::server::security {

/// Shortest password accepted, in bytes of UTF-8.
inline constexpr std::size_t kMinPasswordLength = 12;

/// The Argon2id hash of `password` ("$argon2id$v=19$m=…"); invalid_argument
/// (field "password") when it is shorter than kMinPasswordLength.
Result<std::string> hash_password(std::string_view password);

/// Whether `password` matches `hash` (a hash_password() result).
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace yardstick::server::security
