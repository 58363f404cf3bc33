#include "server/security/person_keys.hpp"

#include <sodium.h>

#include <stdexcept>

namespace yardstick::server::security {
namespace {

constexpr unsigned char kVersion = 0x01;
constexpr std::size_t kHeader = 1 + crypto_secretbox_NONCEBYTES;
constexpr std::size_t kOverhead = kHeader + crypto_secretbox_MACBYTES;
static_assert(crypto_secretbox_KEYBYTES == PersonKey::kSize);

// What the wrapping key is derived for: a purpose of its own, so that it is
// never the key of any other use of the master key.
constexpr std::string_view kWrappingPurpose = "yardstick person-key wrapping v1";

void ensure_sodium() {
    // sodium_init() is thread-safe and idempotent; < 0 means no usable RNG.
    static const int initialised = sodium_init();
    if (initialised < 0) {
        throw std::runtime_error("libsodium cannot be initialised");
    }
}

const unsigned char* bytes_of(std::string_view s) noexcept {
    return reinterpret_cast<const unsigned char*>(s.data());
}

std::string seal_with(const unsigned char* key, const unsigned char* plaintext, std::size_t size) {
    ensure_sodium();
    std::string sealed(kOverhead + size, '\0');
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    out[0] = kVersion;
    randombytes_buf(out + 1, crypto_secretbox_NONCEBYTES);
    if (crypto_secretbox_easy(out + kHeader, plaintext, size, out + 1, key) != 0) {
        throw std::runtime_error("crypto_secretbox_easy failed");
    }
    return sealed;
}

Error cannot_open(const std::string& what, const std::string& reason) {
    return Error{ErrorCode::internal, what + " cannot be opened: " + reason, {}};
}

// Opens into `out` (already sized); the caller wipes `out` on failure.
Status open_with(const unsigned char* key, std::string_view sealed, unsigned char* out, const std::string& what) {
    if (sealed.size() < kOverhead) {
        return cannot_open(what, "it is truncated");
    }
    if (static_cast<unsigned char>(sealed.front()) != kVersion) {
        return cannot_open(what, "unknown format version");
    }
    const auto* in = bytes_of(sealed);
    if (crypto_secretbox_open_easy(out, in + kHeader, sealed.size() - kHeader, in + 1, key) != 0) {
        return cannot_open(what, "authentication failed (wrong key or altered data)");
    }
    return {};
}

}  // namespace

PersonKey::~PersonKey() {
    sodium_memzero(bytes_.data(), bytes_.size());
}

std::string PersonKey::seal(std::string_view plaintext) const {
    return seal_with(bytes_.data(), bytes_of(plaintext), plaintext.size());
}

Result<std::string> PersonKey::open(std::string_view sealed) const {
    std::string plaintext(sealed.size() < kOverhead ? 0 : sealed.size() - kOverhead, '\0');
    if (auto opened = open_with(bytes_.data(), sealed, reinterpret_cast<unsigned char*>(plaintext.data()),
                                "sealed personal data");
        !opened) {
        sodium_memzero(plaintext.data(), plaintext.size());
        return std::move(opened).error();
    }
    return plaintext;
}

NewPersonKey PersonKeys::create(const MasterKey& master) {
    ensure_sodium();
    NewPersonKey made{PersonKey{}, {}};
    crypto_secretbox_keygen(made.key.bytes_.data());
    auto wrapping = derived_key(master, kWrappingPurpose);
    made.wrapped = seal_with(wrapping.data(), made.key.bytes_.data(), made.key.bytes_.size());
    sodium_memzero(wrapping.data(), wrapping.size());
    return made;
}

Result<PersonKey> PersonKeys::unwrap(const MasterKey& master, std::string_view wrapped) {
    if (wrapped.size() != kOverhead + PersonKey::kSize) {
        return cannot_open("a wrapped person key", "it has the wrong length");
    }
    auto wrapping = derived_key(master, kWrappingPurpose);
    PersonKey key;
    const auto opened = open_with(wrapping.data(), wrapped, key.bytes_.data(), "a wrapped person key");
    sodium_memzero(wrapping.data(), wrapping.size());
    if (!opened) {
        return opened.error();
    }
    return key;
}

}  // namespace yardstick::server::security
