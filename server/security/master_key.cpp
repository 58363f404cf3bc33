#include "server/security/master_key.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "server/security/tokens.hpp"

namespace yardstick::server::security {
namespace {

namespace fs = std::filesystem;

constexpr unsigned char kVersion = 0x01;
constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;
constexpr std::size_t kOverhead = 1 + kNonceSize + kTagSize;
// Standard base64 of 32 bytes: 43 significant characters and one '='.
constexpr std::size_t kKeyBase64Length = 44;
// A key file is one short line; anything much longer is not a key file, and
// reading it whole would only waste memory.
constexpr std::size_t kMaxKeyFileSize = 256;

struct CipherContextFree {
    void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

// Closes a POSIX file descriptor on every path out of a function.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }

    // Closes now and reports the result: on some file systems close() is
    // where a failed write-back shows up.
    bool close() noexcept {
        const int fd = std::exchange(fd_, -1);
        return ::close(fd) == 0;
    }

private:
    int fd_;
};

// Wipes a buffer holding key material when it goes out of scope.
template <typename Buffer>
class Cleansed {
public:
    explicit Cleansed(Buffer& buffer) noexcept : buffer_(buffer) {}
    Cleansed(const Cleansed&) = delete;
    Cleansed& operator=(const Cleansed&) = delete;
    ~Cleansed() { OPENSSL_cleanse(buffer_.data(), buffer_.size()); }

private:
    Buffer& buffer_;
};

std::string errno_text(int error) {
    return std::system_category().message(error);
}

Error key_file_error(const fs::path& file, const std::string& what) {
    return Error{ErrorCode::failed_precondition, "master key file " + file.string() + " " + what, {}};
}

Error cannot_open(std::string reason) {
    return Error{ErrorCode::internal, "sealed value cannot be opened: " + std::move(reason), {}};
}

unsigned char* as_bytes(std::string& s) noexcept {
    return reinterpret_cast<unsigned char*>(s.data());
}
const unsigned char* as_bytes(std::string_view s) noexcept {
    return reinterpret_cast<const unsigned char*>(s.data());
}

int checked_int(std::size_t size) {
    if (size > static_cast<std::size_t>(INT_MAX) - kOverhead) {
        throw std::length_error("sealed box input too large");
    }
    return static_cast<int>(size);
}

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    if (RAND_bytes(as_bytes(raw), static_cast<int>(raw.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char b : raw) {
        hex += kHex[b >> 4];
        hex += kHex[b & 0xF];
    }
    return hex;
}

// Like `mkdir -p -m 0700`, but only the directories it creates get 0700;
// existing ones are left as they are. std::filesystem::create_directories
// cannot set a mode, and chmod afterwards would leave a window.
Status create_private_directories(const fs::path& file, const fs::path& dir) {
    std::error_code ec;
    if (dir.empty() || fs::is_directory(dir, ec)) {
        return {};
    }
    if (dir.has_relative_path() && dir.parent_path() != dir) {
        if (auto parent = create_private_directories(file, dir.parent_path()); !parent) {
            return parent;
        }
    }
    if (::mkdir(dir.c_str(), 0700) != 0) {
        const int error = errno;
        if (error != EEXIST) {
            return key_file_error(file, "cannot be created: directory " + dir.string() + ": " + errno_text(error));
        }
    }
    return {};
}

bool write_all(int fd, std::string_view data) noexcept {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

// Makes a new directory entry durable (after the link into place). Returns
// 0 or the errno of the step that failed.
int sync_directory(const fs::path& dir) noexcept {
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    FileDescriptor guard(fd);
    if (::fsync(fd) != 0) {
        return errno;
    }
    return guard.close() ? 0 : errno;
}

Result<MasterKey> read_key_file(const fs::path& file, int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        return key_file_error(file, "cannot be inspected: " + errno_text(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        return key_file_error(file, "is not a regular file");
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return key_file_error(file, std::string("has mode ") + mode +
                                        "; it must be accessible by its owner only (chmod 600 " + file.string() + ")");
    }

    std::array<char, kMaxKeyFileSize + 1> buffer{};
    Cleansed wipe(buffer);
    std::size_t size = 0;
    while (size < buffer.size()) {
        const ssize_t got = ::read(fd, buffer.data() + size, buffer.size() - size);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return key_file_error(file, "cannot be read: " + errno_text(errno));
        }
        if (got == 0) {
            break;
        }
        size += static_cast<std::size_t>(got);
    }

    std::string_view text(buffer.data(), size);
    // One line: a final LF (or CRLF, if someone edited it on Windows) is fine.
    if (text.ends_with('\n')) {
        text.remove_suffix(1);
        if (text.ends_with('\r')) {
            text.remove_suffix(1);
        }
    }
    auto key = MasterKey::from_base64(text);
    if (!key) {
        return key_file_error(file, "is malformed: it must hold one line, the base64 of 32 bytes");
    }
    return key;
}

// The key in `file`, an Error if it cannot be used, or nullopt if there is no
// such file (the caller then creates it).
std::optional<Result<MasterKey>> load_existing(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT) {
            return std::nullopt;
        }
        return Result<MasterKey>(key_file_error(file, "cannot be opened: " + errno_text(error)));
    }
    FileDescriptor guard(fd);
    return read_key_file(file, fd);
}

// Standard base64 of 32 bytes plus a newline, built from fresh random bytes.
// The caller wipes the returned line.
std::string new_key_line() {
    std::array<unsigned char, MasterKey::kSize> bytes{};
    Cleansed wipe_bytes(bytes);
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    std::array<unsigned char, kKeyBase64Length + 1> encoded{};  // + NUL
    Cleansed wipe_encoded(encoded);
    if (EVP_EncodeBlock(encoded.data(), bytes.data(), static_cast<int>(bytes.size())) !=
        static_cast<int>(kKeyBase64Length)) {
        throw std::runtime_error("EVP_EncodeBlock failed");
    }
    std::string line(reinterpret_cast<const char*>(encoded.data()), kKeyBase64Length);
    line += '\n';
    return line;
}

Result<MasterKey> create_key_file(const fs::path& file) {
    const fs::path dir = file.parent_path();
    if (auto created = create_private_directories(file, dir); !created) {
        return std::move(created).error();
    }

    std::string line = new_key_line();
    Cleansed wipe(line);

    fs::path temporary = file;
    temporary += ".tmp-" + random_hex(8);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        const int error = errno;
        return key_file_error(file, "cannot be created: " + temporary.string() + ": " + errno_text(error));
    }
    FileDescriptor out(fd);
    int error = 0;
    if (!write_all(fd, line) || ::fsync(fd) != 0 || !out.close()) {
        error = errno;
    }
    if (error != 0) {
        ::unlink(temporary.c_str());
        return key_file_error(file, "cannot be written: " + temporary.string() + ": " + errno_text(error));
    }

    // link() fails with EEXIST instead of replacing: if another process
    // created the key meanwhile, its key is the one that may already have
    // sealed something, so it must win.
    const int linked = ::link(temporary.c_str(), file.c_str());
    const int link_errno = errno;
    ::unlink(temporary.c_str());
    if (linked != 0) {
        if (link_errno == EEXIST) {
            if (auto existing = load_existing(file)) {
                return std::move(*existing);
            }
        }
        return key_file_error(file, "cannot be put in place: " + errno_text(link_errno));
    }
    if (const int sync_error = sync_directory(dir); sync_error != 0) {
        return key_file_error(file, "was created but its directory cannot be synced: " + errno_text(sync_error));
    }
    return MasterKey::from_base64(std::string_view(line).substr(0, kKeyBase64Length));
}

bool is_base64_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

}  // namespace

MasterKey::~MasterKey() {
    OPENSSL_cleanse(bytes_.data(), bytes_.size());
}

Result<MasterKey> MasterKey::load_or_create(const fs::path& file) {
    if (auto existing = load_existing(file)) {
        return std::move(*existing);
    }
    return create_key_file(file);
}

Result<MasterKey> MasterKey::from_base64(std::string_view text) {
    // The message never quotes the text: it may be a key with a typo.
    const Error malformed = Error::invalid("key", "a master key must be the base64 of 32 bytes (44 characters)");
    if (text.size() != kKeyBase64Length || text.back() != '=') {
        return malformed;
    }
    for (char c : text.substr(0, kKeyBase64Length - 1)) {
        if (!is_base64_char(c)) {
            return malformed;
        }
    }
    // EVP_DecodeBlock decodes whole 4-character groups and counts the padding
    // as a zero byte: 44 characters give 33 bytes, the last one padding.
    std::array<unsigned char, kSize + 1> decoded{};
    Cleansed wipe_decoded(decoded);
    if (EVP_DecodeBlock(decoded.data(), as_bytes(text), static_cast<int>(text.size())) !=
        static_cast<int>(decoded.size())) {
        return malformed;
    }
    // Re-encoding must give the text back: this rejects the non-canonical
    // spellings whose last character carries stray bits.
    std::array<unsigned char, kKeyBase64Length + 1> encoded{};
    Cleansed wipe_encoded(encoded);
    if (EVP_EncodeBlock(encoded.data(), decoded.data(), static_cast<int>(kSize)) !=
            static_cast<int>(kKeyBase64Length) ||
        std::string_view(reinterpret_cast<const char*>(encoded.data()), kKeyBase64Length) != text) {
        return malformed;
    }
    std::array<unsigned char, kSize> bytes{};
    Cleansed wipe_bytes(bytes);
    std::copy_n(decoded.begin(), kSize, bytes.begin());
    return MasterKey(bytes);
}

MasterKey MasterKey::generate() {
    std::array<unsigned char, kSize> bytes{};
    Cleansed wipe(bytes);
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    return MasterKey(bytes);
}

std::string seal(const MasterKey& key, std::string_view plaintext, std::string_view associated_data) {
    const int plaintext_size = checked_int(plaintext.size());
    const int associated_size = checked_int(associated_data.size());

    std::string sealed(kOverhead + plaintext.size(), '\0');
    unsigned char* const version = as_bytes(sealed);
    unsigned char* const nonce = version + 1;
    unsigned char* const ciphertext = nonce + kNonceSize;
    unsigned char* const tag = ciphertext + plaintext.size();
    *version = kVersion;
    if (RAND_bytes(nonce, static_cast<int>(kNonceSize)) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }

    const CipherContext ctx(EVP_CIPHER_CTX_new());
    int size = 0;
    int final_size = 0;
    // The version byte is authenticated too, so a future format cannot be
    // confused with this one by flipping it. GCM accepts several AAD updates.
    const bool ok =
        ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceSize), nullptr) == 1 &&
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes_.data(), nonce) == 1 &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &size, version, 1) == 1 &&
        (associated_size == 0 ||
         EVP_EncryptUpdate(ctx.get(), nullptr, &size, as_bytes(associated_data), associated_size) == 1) &&
        (plaintext_size == 0 ||
         (EVP_EncryptUpdate(ctx.get(), ciphertext, &size, as_bytes(plaintext), plaintext_size) == 1 &&
          size == plaintext_size)) &&
        EVP_EncryptFinal_ex(ctx.get(), ciphertext + plaintext.size(), &final_size) == 1 && final_size == 0 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize), tag) == 1;
    if (!ok) {
        throw std::runtime_error("AES-256-GCM encryption failed");
    }
    return sealed;
}

std::string keyed_digest(const MasterKey& key, std::string_view purpose, std::string_view message) {
    // A key of its own per purpose: pseudonyms never reveal anything about
    // the key that seals links.
    auto derived = hmac_sha256(key.bytes_.data(), key.bytes_.size(), purpose);
    const auto digest = hmac_sha256(derived.data(), derived.size(), message);
    OPENSSL_cleanse(derived.data(), derived.size());
    return lower_hex(digest.data(), digest.size());
}

std::array<unsigned char, 32> derived_key(const MasterKey& key, std::string_view purpose) {
    return hmac_sha256(key.bytes_.data(), key.bytes_.size(), purpose);
}

Result<std::string> open_sealed(const MasterKey& key, std::string_view sealed, std::string_view associated_data) {
    if (sealed.size() < kOverhead) {
        return cannot_open("it is truncated");
    }
    if (static_cast<unsigned char>(sealed.front()) != kVersion) {
        return cannot_open("unknown format version " + std::to_string(static_cast<unsigned char>(sealed.front())));
    }
    if (sealed.size() > static_cast<std::size_t>(INT_MAX) ||
        associated_data.size() > static_cast<std::size_t>(INT_MAX)) {
        return cannot_open("it is too large");
    }
    const unsigned char* const version = as_bytes(sealed);
    const unsigned char* const nonce = version + 1;
    const unsigned char* const ciphertext = nonce + kNonceSize;
    const std::size_t ciphertext_size = sealed.size() - kOverhead;
    // EVP_CTRL_GCM_SET_TAG takes a non-const pointer.
    std::array<unsigned char, kTagSize> tag{};
    std::copy_n(ciphertext + ciphertext_size, kTagSize, tag.begin());

    std::string plaintext(ciphertext_size, '\0');
    const CipherContext ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceSize), nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes_.data(), nonce) != 1) {
        return cannot_open("the cipher cannot be set up");
    }
    int size = 0;
    int final_size = 0;
    const bool updated =
        EVP_DecryptUpdate(ctx.get(), nullptr, &size, version, 1) == 1 &&
        (associated_data.empty() || EVP_DecryptUpdate(ctx.get(), nullptr, &size, as_bytes(associated_data),
                                                      static_cast<int>(associated_data.size())) == 1) &&
        (ciphertext_size == 0 || (EVP_DecryptUpdate(ctx.get(), as_bytes(plaintext), &size, ciphertext,
                                                    static_cast<int>(ciphertext_size)) == 1 &&
                                  static_cast<std::size_t>(size) == ciphertext_size)) &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize), tag.data()) == 1;
    // DecryptFinal is where the tag is checked; until it succeeds the
    // plaintext is unauthenticated and must not escape.
    if (!updated || EVP_DecryptFinal_ex(ctx.get(), as_bytes(plaintext) + ciphertext_size, &final_size) != 1) {
        OPENSSL_cleanse(plaintext.data(), plaintext.size());
        return cannot_open("authentication failed (wrong key, wrong associated data, or altered data)");
    }
    return plaintext;
}

}  // namespace yardstick::server::security
