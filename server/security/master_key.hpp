#pragma once
// The master key: the one secret kept outside the database (a file under
// var/, or --master-key-file). It wraps every participant's own key
// (person_keys.hpp), keys the pseudonyms in exports, and seals the check that
// tells a server started with the wrong key file (identity_vault.hpp).
//
// What it seals itself uses AES-256-GCM, format (version 1), raw bytes (bytea):
//   0x01 || nonce (12 bytes, random) || ciphertext (same length as the plaintext) || tag (16 bytes)
// The version byte and the caller's associated data are authenticated but not
// stored encrypted. Callers pass as associated data what the secret belongs to,
// so a sealed value copied onto another row does not open there. Invitation
// tokens were sealed this way before migration 0010; `yardstick migrate`
// opens them once to seal them again under their person's key.

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "yardstick/domain/result.hpp"

namespace yardstick::server::security {

class MasterKey;

/// Seals `plaintext` with a fresh random nonce. Random 96-bit nonces keep the
/// collision risk negligible for well over 2^32 seals under one key (NIST SP
/// 800-38D, 8.3), far beyond what reminders need. Throws std::runtime_error
/// only if OpenSSL fails (the RNG or the cipher), or std::length_error for
/// inputs of 2 GiB or more.
std::string seal(const MasterKey& key, std::string_view plaintext, std::string_view associated_data);

/// Verifies and opens what seal() produced with the same key and associated
/// data. Every failure (truncated input, unknown version, a tag that does not
/// verify because of tampering, the wrong key or the wrong associated data) is
/// ErrorCode::internal: the sealed bytes come from our own database, so a
/// failure means stored data was altered or the server runs with the wrong key
/// file. Neither is the client's doing nor fixable by it, so it must surface as
/// a plain 500 with the detail in the log (failed_precondition would become a
/// 409 and tell the client it could do something about it).
Result<std::string> open_sealed(const MasterKey& key, std::string_view sealed, std::string_view associated_data);

/// HMAC-SHA-256 of `message` under a key derived from `key` for `purpose`
/// (HMAC(key, purpose) first), as 64 hex digits: the same inputs always give
/// the same digest, and nobody without the key can compute or invert it.
/// Used for pseudonyms (purpose "pseudonym").
std::string keyed_digest(const MasterKey& key, std::string_view purpose, std::string_view message);

/// A 256-bit key of its own for `purpose`, derived from the master key
/// (HMAC-SHA-256(key, purpose)): what wraps the per-person keys is never the
/// key that seals anything else. The caller wipes it after use.
std::array<unsigned char, 32> derived_key(const MasterKey& key, std::string_view purpose);

/// A 256-bit AES key. The bytes are wiped when the object is destroyed and can
/// be neither printed nor read back: only seal() and open_sealed() use them.
class MasterKey {
public:
    static constexpr std::size_t kSize = 32;

    /// Reads the key from `file` (one line: the standard base64 of 32 bytes).
    /// When the file does not exist, creates it with a new random key: parent
    /// directories are created with mode 0700, the key is written to a
    /// temporary file (O_EXCL, mode 0600) in the same directory, fsynced, and
    /// then linked into place, which, unlike rename, never replaces a key that
    /// a concurrently starting process has just created (that process's key
    /// wins and is loaded instead). A file that is malformed, not a regular
    /// file, or accessible by group or others is refused with
    /// ErrorCode::failed_precondition and a message naming the file (never its
    /// contents).
    static Result<MasterKey> load_or_create(const std::filesystem::path& file);

    /// Parses the standard, padded base64 of exactly 32 bytes (44 characters),
    /// e.g. from a secret store. Anything else is ErrorCode::invalid_argument.
    static Result<MasterKey> from_base64(std::string_view text);

    /// A new random key. Throws std::runtime_error if the RNG fails.
    static MasterKey generate();

    MasterKey(const MasterKey&) = default;
    MasterKey& operator=(const MasterKey&) = default;
    ~MasterKey();

private:
    explicit MasterKey(const std::array<unsigned char, kSize>& bytes) : bytes_(bytes) {}

    friend std::string seal(const MasterKey& key, std::string_view plaintext, std::string_view associated_data);
    friend std::string keyed_digest(const MasterKey& key, std::string_view purpose, std::string_view message);
    friend std::array<unsigned char, 32> derived_key(const MasterKey& key, std::string_view purpose);
    friend Result<std::string> open_sealed(const MasterKey& key, std::string_view sealed,
                                           std::string_view associated_data);

    std::array<unsigned char, kSize> bytes_{};
};

}  // namespace yardstick::server::security
