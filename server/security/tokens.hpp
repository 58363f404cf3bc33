#pragma once
// The secrets behind personal links (`/f/<token>`) and staff bearer tokens.
// A token is handed out once; the database keeps only its SHA-256 digest, so
// a leaked table does not leak working links. Lookup is by digest equality in
// SQL, which also means no constant-time comparison is needed here: an
// attacker timing the lookup learns about digests, not about tokens.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace yardstick::server::security {

/// Length of a token: 32 bytes in base64url without padding.
inline constexpr std::size_t kTokenLength = 43;

/// 256 random bits from OpenSSL's CSPRNG as base64url without padding
/// (kTokenLength characters of [A-Za-z0-9_-]). Throws std::runtime_error if
/// the RNG fails: handing out a weak token is worse than failing the request.
std::string generate_token();

/// SHA-256 of the token's characters as 64 lower-case hex characters: the
/// form stored in and looked up from the database. Throws std::runtime_error
/// only if OpenSSL itself fails.
std::string token_digest(std::string_view token);

/// Bytes as lower-case hex, two characters each (digests as the database and
/// the API write them).
std::string lower_hex(const unsigned char* bytes, std::size_t size);

/// The bytes of lower- or upper-case hex; nullopt for an odd length or a non-hex digit.
std::optional<std::string> bytes_of_hex(std::string_view hex);

/// SHA-256 of any bytes as 64 lower-case hex characters (request bodies for
/// idempotency checks, tokens via token_digest).
std::string sha256_hex(std::string_view bytes);

/// HMAC-SHA-256 of `message` under `key` (OpenSSL). Throws std::runtime_error
/// if OpenSSL fails.
std::array<unsigned char, 32> hmac_sha256(const unsigned char* key, std::size_t key_size, std::string_view message);

/// Whether two secrets are equal, in time that depends on their length
/// only (CSRF tokens and the like, which are compared as they are).
bool same_secret(std::string_view a, std::string_view b) noexcept;

/// True when `text` is exactly kTokenLength base64url characters, so that
/// handlers can answer 404 to junk without a database round trip.
bool is_well_formed_token(std::string_view text) noexcept;

}  // namespace yardstick::server::security
