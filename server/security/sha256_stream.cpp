#include "server/security/sha256_stream.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <stdexcept>

#include "server/security/tokens.hpp"

namespace yardstick::server::security {

struct Sha256Stream::Context {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

Sha256Stream::Sha256Stream() : context_(std::make_unique<Context>()) {
    if (context_->md == nullptr || EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("EVP_DigestInit_ex(SHA-256) failed");
    }
}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::update(std::string_view bytes) {
    if (EVP_DigestUpdate(context_->md, bytes.data(), bytes.size()) != 1) {
        throw std::runtime_error("EVP_DigestUpdate failed");
    }
}

std::string Sha256Stream::hex_digest() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(context_->md, digest.data(), &size) != 1) {
        throw std::runtime_error("EVP_DigestFinal_ex failed");
    }
    return lower_hex(digest.data(), size);
}

std::string sha256_file_hex(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    Sha256Stream digest;
    std::array<char, 64 * 1024> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        digest.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
    }
    return digest.hex_digest();
}

}  // namespace yardstick::server::security
