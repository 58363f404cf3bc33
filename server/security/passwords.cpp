#include "server/security/passwords.hpp"

#include <mutex>
#include <stdexcept>

#include <sodium.h>

namespace yardstick::server::security {
namespace {

void initialise_sodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            throw std::runtime_error("libsodium could not be initialised");
        }
    });
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
    if (password.size() < kMinPasswordLength) {
        return Error::invalid("password", "must be at least " + std::to_string(kMinPasswordLength) + " characters");
    }
    initialise_sodium();
    std::string hash(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Error{ErrorCode::resource_exhausted, "not enough memory to hash the password", {}};
    }
    hash.resize(hash.find('\0'));
    return hash;
}

bool verify_password(std::string_view hash, std::string_view password) {
    initialise_sodium();
    const std::string terminated(hash);  // crypto_pwhash_str_verify reads a C string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

}  // namespace yardstick::server::security
