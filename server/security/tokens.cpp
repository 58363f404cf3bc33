#include "server/security/tokens.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace yardstick::server::security {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr char kBase64UrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool is_base64url_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// OpenSSL only offers the standard alphabet with padding (EVP_EncodeBlock);
// base64url is a 15-line loop, clearer than encoding and then translating.
std::string base64url_encode(const unsigned char* data, std::size_t size) {
    std::string out;
    out.reserve((size * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const unsigned int n = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        out += kBase64UrlAlphabet[(n >> 18) & 0x3F];
        out += kBase64UrlAlphabet[(n >> 12) & 0x3F];
        out += kBase64UrlAlphabet[(n >> 6) & 0x3F];
        out += kBase64UrlAlphabet[n & 0x3F];
    }
    const std::size_t rest = size - i;
    if (rest == 1) {
        const unsigned int n = data[i] << 16;
        out += kBase64UrlAlphabet[(n >> 18) & 0x3F];
        out += kBase64UrlAlphabet[(n >> 12) & 0x3F];
    } else if (rest == 2) {
        const unsigned int n = (data[i] << 16) | (data[i + 1] << 8);
        out += kBase64UrlAlphabet[(n >> 18) & 0x3F];
        out += kBase64UrlAlphabet[(n >> 12) & 0x3F];
        out += kBase64UrlAlphabet[(n >> 6) & 0x3F];
    }
    return out;
}

}  // namespace

std::string generate_token() {
    std::array<unsigned char, kTokenBytes> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    std::string token = base64url_encode(bytes.data(), bytes.size());
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return token;
}

std::string token_digest(std::string_view token) { return sha256_hex(token); }

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digest_size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &digest_size, EVP_sha256(), nullptr) != 1 ||
        digest_size != 32) {
        throw std::runtime_error("EVP_Digest(SHA-256) failed");
    }
    return lower_hex(digest.data(), digest_size);
}

std::string lower_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * size);
    for (std::size_t i = 0; i < size; ++i) {
        hex += kHex[bytes[i] >> 4];
        hex += kHex[bytes[i] & 0xF];
    }
    return hex;
}

bool same_secret(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool is_well_formed_token(std::string_view text) noexcept {
    if (text.size() != kTokenLength) {
        return false;
    }
    for (char c : text) {
        if (!is_base64url_char(c)) {
            return false;
        }
    }
    return true;
}

std::optional<std::string> bytes_of_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    const auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    };
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = digit(hex[i]);
        const int low = digit(hex[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes += static_cast<char>(high * 16 + low);
    }
    return bytes;
}

std::array<unsigned char, 32> hmac_sha256(const unsigned char* key, std::size_t key_size, std::string_view message) {
    std::array<unsigned char, 32> out{};
    unsigned int size = 0;
    if (HMAC(EVP_sha256(), key, static_cast<int>(key_size), reinterpret_cast<const unsigned char*>(message.data()),
             message.size(), out.data(), &size) == nullptr ||
        size != out.size()) {
        throw std::runtime_error("HMAC-SHA-256 failed");
    }
    return out;
}

}  // namespace yardstick::server::security
