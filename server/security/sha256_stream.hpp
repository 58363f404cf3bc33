#pragma once
// SHA-256 of bytes that arrive in pieces (a file as it is written or read),
// for the data packages' manifests.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace yardstick::server::security {

class Sha256Stream {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;

    void update(std::string_view bytes);
    /// The digest of everything given, as 64 lower-case hex characters. Once.
    std::string hex_digest();

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

/// SHA-256 of a file's bytes, read in pieces.
std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace yardstick::server::security
