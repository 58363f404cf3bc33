#pragma once
// Zip archives through libzip: writing a data package from files on disk
// (libzip reads each file as it compresses, so memory does not grow with
// the package), and reading one back entry by entry.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "yardstick/domain/result.hpp"

namespace yardstick::server::exports {

/// Writes `entries` (name in the archive, file on disk), deflated, in that
/// order, to a new archive at `archive`. Throws std::runtime_error with
/// libzip's reason when it cannot.
void write_zip(const std::filesystem::path& archive,
               const std::vector<std::pair<std::string, std::filesystem::path>>& entries);

/// An archive opened for reading.
class ZipReader {
public:
    /// invalid_argument (field `file`) when the bytes are not a zip archive.
    static Result<ZipReader> open_file(const std::filesystem::path& path);
    /// `bytes` must outlive the reader.
    static Result<ZipReader> open_bytes(std::string_view bytes);

    ZipReader(ZipReader&&) noexcept;
    ZipReader& operator=(ZipReader&&) noexcept;
    ~ZipReader();

    /// The names of its entries, in archive order.
    std::vector<std::string> names() const;
    /// The entry's bytes; not_found when there is none so named,
    /// invalid_argument when it cannot be read or is larger than `limit`.
    Result<std::string> read(const std::string& name, std::uint64_t limit) const;

private:
    struct Archive;
    explicit ZipReader(std::unique_ptr<Archive> archive);
    std::unique_ptr<Archive> archive_;
};

}  // namespace yardstick::server::exports
