#pragma once
// Per-person keys. Everything that identifies a participant (name, e-mail
// address, the token of a link kept for re-sending, answers to questions
// marked `personal`) is sealed with a key of that person's own: libsodium's
// secretbox (XSalsa20-Poly1305). The person's key is stored only wrapped, that
// is sealed by secretbox too, under a key derived from the master key. So
//   - the database alone (a dump, a backup, a stolen disk) reveals no identity;
//   - destroying one wrapped key (erasure) makes everything sealed with it
//     unreadable wherever copies went, without rewriting the append-only log.
//
// Formats, raw bytes (bytea):
//   wrapped key:  0x01 || nonce (24) || MAC (16) || key (32)
//   sealed value: 0x01 || nonce (24) || MAC (16) || ciphertext (as long as the plaintext)
// Nonces are random: 192 bits make collisions negligible at any volume.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "server/security/master_key.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::security {

/// One person's 256-bit key; wiped when destroyed, never printed.
class PersonKey {
public:
    static constexpr std::size_t kSize = 32;

    PersonKey(const PersonKey&) = default;
    PersonKey& operator=(const PersonKey&) = default;
    ~PersonKey();

    /// Seals `plaintext` under this key (fresh random nonce).
    std::string seal(std::string_view plaintext) const;

    /// Opens what seal() produced. Every failure (truncated, unknown version,
    /// altered bytes, another person's key) is ErrorCode::internal: the bytes
    /// come from our own database.
    Result<std::string> open(std::string_view sealed) const;

private:
    friend struct PersonKeys;
    PersonKey() = default;
    std::array<unsigned char, kSize> bytes_{};
};

/// A new person's key and its wrapped form, to be stored in person_keys.
struct NewPersonKey {
    PersonKey key;
    std::string wrapped;
};

/// Making and unwrapping person keys under a master key.
struct PersonKeys {
    /// A fresh random key, wrapped under `master`.
    static NewPersonKey create(const MasterKey& master);

    /// The key inside `wrapped`; ErrorCode::internal when `wrapped` was not
    /// made under `master` or was altered.
    static Result<PersonKey> unwrap(const MasterKey& master, std::string_view wrapped);
};

}  // namespace yardstick::server::security
