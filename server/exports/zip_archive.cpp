#include "server/exports/zip_archive.hpp"

#include <zip.h>

#include <stdexcept>

namespace yardstick::server::exports {

namespace {

std::string reason_of(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return reason;
}

}  // namespace

void write_zip(const std::filesystem::path& archive,
               const std::vector<std::pair<std::string, std::filesystem::path>>& entries) {
    int code = 0;
    zip_t* zip = zip_open(archive.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (zip == nullptr) {
        throw std::runtime_error("zip_open: " + reason_of(code));
    }
    auto fail = [zip](const std::string& what) {
        const std::string reason = what + ": " + zip_strerror(zip);
        zip_discard(zip);
        throw std::runtime_error(reason);
    };
    for (const auto& [name, file] : entries) {
        zip_source_t* source = zip_source_file(zip, file.c_str(), 0, -1);
        if (source == nullptr) {
            fail("zip_source_file " + file.string());
        }
        const auto index = zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            fail("zip_file_add " + name);
        }
        if (zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6) != 0) {
            fail("zip_set_file_compression " + name);
        }
    }
    if (zip_close(zip) != 0) {
        fail("zip_close");
    }
}

struct ZipReader::Archive {
    zip_t* zip = nullptr;
    ~Archive() {
        if (zip != nullptr) {
            zip_discard(zip);
        }
    }
};

ZipReader::ZipReader(std::unique_ptr<Archive> archive) : archive_(std::move(archive)) {}
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

Result<ZipReader> ZipReader::open_file(const std::filesystem::path& path) {
    int code = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (zip == nullptr) {
        return Error::invalid("file", path.string() + " is not a readable zip archive: " + reason_of(code));
    }
    auto archive = std::make_unique<Archive>();
    archive->zip = zip;
    return ZipReader(std::move(archive));
}

Result<ZipReader> ZipReader::open_bytes(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* zip = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (zip == nullptr) {
        const std::string reason = zip_error_strerror(&error);
        zip_error_fini(&error);
        if (source != nullptr) {
            zip_source_free(source);
        }
        return Error::invalid("file", "not a readable zip archive: " + reason);
    }
    zip_error_fini(&error);
    auto archive = std::make_unique<Archive>();
    archive->zip = zip;
    return ZipReader(std::move(archive));
}

std::vector<std::string> ZipReader::names() const {
    std::vector<std::string> out;
    const auto count = zip_get_num_entries(archive_->zip, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        if (const char* name = zip_get_name(archive_->zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS)) {
            out.emplace_back(name);
        }
    }
    return out;
}

Result<std::string> ZipReader::read(const std::string& name, std::uint64_t limit) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_->zip, name.c_str(), 0, &stat) != 0) {
        return Error{ErrorCode::not_found, "the archive has no " + name, {}};
    }
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > limit) {
        return Error::invalid(name, name + " is larger than " + std::to_string(limit) + " bytes");
    }
    zip_file_t* file = zip_fopen(archive_->zip, name.c_str(), 0);
    if (file == nullptr) {
        return Error::invalid(name, name + " cannot be read: " + std::string(zip_strerror(archive_->zip)));
    }
    std::string bytes(stat.size, '\0');
    const auto got = zip_fread(file, bytes.data(), stat.size);
    zip_fclose(file);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
        return Error::invalid(name, name + " is damaged (it does not read back whole)");
    }
    return bytes;
}

}  // namespace yardstick::server::exports
