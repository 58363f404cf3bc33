#include "server/security/master_key.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "server/security/tokens.hpp"

namespace yardstick::server::security {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kOverhead = 1 + 12 + 16;

MasterKey new_key() {
    return MasterKey::generate();
}

// A fresh directory per test, removed afterwards, so tests can run in
// parallel and leave nothing behind.
class MasterKeyFile : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("yardstick-sealed-box-" + generate_token().substr(0, 16));
        ASSERT_TRUE(fs::create_directory(dir_));
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    void write_file(const fs::path& file, const std::string& contents, fs::perms perms) {
        std::ofstream(file, std::ios::binary) << contents;
        fs::permissions(file, perms);
    }

    static unsigned mode_of(const fs::path& path) {
        struct stat st {};
        EXPECT_EQ(::stat(path.c_str(), &st), 0);
        return st.st_mode & 07777;
    }

    fs::path dir_;
};

TEST(SealedBox, RoundTrip) {
    const auto key = new_key();
    const std::string token = generate_token();
    const auto sealed = seal(key, token, "participant-link:42");
    EXPECT_EQ(sealed.size(), kOverhead + token.size());
    EXPECT_EQ(sealed[0], '\x01');
    EXPECT_EQ(sealed.find(token), std::string::npos);

    const auto opened = open_sealed(key, sealed, "participant-link:42");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(*opened, token);
}

TEST(SealedBox, RoundTripOfEmptyAndBinaryValues) {
    const auto key = new_key();
    const auto empty = open_sealed(key, seal(key, "", ""), "");
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(*empty, "");

    const std::string binary("\0\xFF\x01 zero\0inside", 16);
    const auto opened = open_sealed(key, seal(key, binary, std::string("a\0d", 3)), std::string("a\0d", 3));
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(*opened, binary);
}

TEST(SealedBox, EachSealUsesAFreshNonce) {
    const auto key = new_key();
    EXPECT_NE(seal(key, "same", "ad"), seal(key, "same", "ad"));
}

TEST(SealedBox, TamperingWithAnyByteIsDetected) {
    const auto key = new_key();
    const auto sealed = seal(key, "a token worth protecting", "ad");
    // Every byte: version, nonce, ciphertext and tag.
    for (std::size_t i = 0; i < sealed.size(); ++i) {
        std::string tampered = sealed;
        tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
        const auto opened = open_sealed(key, tampered, "ad");
        ASSERT_FALSE(opened.ok()) << "byte " << i;
        EXPECT_EQ(opened.error().code, ErrorCode::internal);
    }
}

TEST(SealedBox, TruncatedOrExtendedInputIsRefused) {
    const auto key = new_key();
    const auto sealed = seal(key, "token", "ad");
    for (std::size_t size = 0; size < sealed.size(); ++size) {
        const auto opened = open_sealed(key, sealed.substr(0, size), "ad");
        ASSERT_FALSE(opened.ok()) << "size " << size;
        EXPECT_EQ(opened.error().code, ErrorCode::internal);
    }
    EXPECT_FALSE(open_sealed(key, sealed + "x", "ad").ok());
    EXPECT_FALSE(open_sealed(key, "", "ad").ok());
}

TEST(SealedBox, WrongKeyOrAssociatedDataIsRefused) {
    const auto key = new_key();
    const auto sealed = seal(key, "token", "participant-link:42");

    const auto other_key = open_sealed(new_key(), sealed, "participant-link:42");
    ASSERT_FALSE(other_key.ok());
    EXPECT_EQ(other_key.error().code, ErrorCode::internal);
    EXPECT_EQ(other_key.error().message.find("token"), std::string::npos);

    EXPECT_FALSE(open_sealed(key, sealed, "participant-link:43").ok());
    EXPECT_FALSE(open_sealed(key, sealed, "").ok());
}

TEST(SealedBox, KeyFromBase64) {
    // 32 bytes 0x00..0x1f.
    const std::string text = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const auto key = MasterKey::from_base64(text);
    ASSERT_TRUE(key.ok()) << key.error().message;
    const auto again = MasterKey::from_base64(text);
    ASSERT_TRUE(again.ok());
    const auto opened = open_sealed(*again, seal(*key, "token", "ad"), "ad");
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(*opened, "token");
}

TEST(SealedBox, MalformedBase64KeysAreRefusedWithoutEchoingThem) {
    for (const std::string text : {
             "",
             "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",     // padding missing
             "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8==",   // too long
             "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh==",    // 31 bytes
             "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9=",    // non-canonical last character
             "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh-=",    // base64url alphabet
             " AECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",    // whitespace
             "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",  // newline
         }) {
        const auto key = MasterKey::from_base64(text);
        ASSERT_FALSE(key.ok()) << text;
        EXPECT_EQ(key.error().code, ErrorCode::invalid_argument);
        if (!text.empty()) {
            EXPECT_EQ(key.error().message.find(text), std::string::npos);
        }
    }
}

TEST_F(MasterKeyFile, CreatesAMissingKeyFileWithMode0600InPrivateDirectories) {
    const auto file = dir_ / "secrets" / "nested" / "sealing.key";
    const auto created = MasterKey::load_or_create(file);
    ASSERT_TRUE(created.ok()) << created.error().message;

    EXPECT_EQ(mode_of(file), 0600u);
    EXPECT_EQ(mode_of(dir_ / "secrets"), 0700u);
    EXPECT_EQ(mode_of(dir_ / "secrets" / "nested"), 0700u);
    // Only the key file: the temporary file is gone.
    EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()), 1);

    std::ifstream in(file, std::ios::binary);
    const std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_EQ(contents.size(), 45u);
    EXPECT_EQ(contents.back(), '\n');
    EXPECT_TRUE(MasterKey::from_base64(contents.substr(0, 44)).ok());

    // Loading again gives the same key: what it sealed opens.
    const auto loaded = MasterKey::load_or_create(file);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    const auto opened = open_sealed(*loaded, seal(*created, "token", "ad"), "ad");
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(*opened, "token");
}

TEST_F(MasterKeyFile, LoadsAnExistingKeyFile) {
    const auto file = dir_ / "sealing.key";
    write_file(file, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", fs::perms::owner_read);
    const auto loaded = MasterKey::load_or_create(file);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    const auto expected = MasterKey::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    ASSERT_TRUE(expected.ok());
    EXPECT_TRUE(open_sealed(*loaded, seal(*expected, "token", "ad"), "ad").ok());

    // Without the final newline, or with CRLF, it is the same key.
    write_file(dir_ / "no-newline.key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", fs::perms::owner_read);
    EXPECT_TRUE(MasterKey::load_or_create(dir_ / "no-newline.key").ok());
    write_file(dir_ / "crlf.key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\r\n", fs::perms::owner_read);
    EXPECT_TRUE(MasterKey::load_or_create(dir_ / "crlf.key").ok());
}

TEST_F(MasterKeyFile, RefusesAKeyFileOthersCanRead) {
    const auto file = dir_ / "sealing.key";
    const std::string key_text = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    for (const auto extra : {fs::perms::group_read, fs::perms::others_read, fs::perms::group_write}) {
        write_file(file, key_text + "\n", fs::perms::owner_read | fs::perms::owner_write | extra);
        const auto loaded = MasterKey::load_or_create(file);
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().code, ErrorCode::failed_precondition);
        EXPECT_NE(loaded.error().message.find(file.string()), std::string::npos) << loaded.error().message;
        EXPECT_NE(loaded.error().message.find("chmod 600"), std::string::npos) << loaded.error().message;
        EXPECT_EQ(loaded.error().message.find(key_text), std::string::npos);
    }
}

TEST_F(MasterKeyFile, RefusesAMalformedKeyFileAndLeavesItAlone) {
    const auto file = dir_ / "sealing.key";
    for (const std::string& contents : {
             std::string(),
             std::string("\n"),
             std::string("not a key\n"),
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n\n"),
             std::string(
                 "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"),
             std::string(10000, 'A'),
         }) {
        write_file(file, contents, fs::perms::owner_read | fs::perms::owner_write);
        const auto loaded = MasterKey::load_or_create(file);
        ASSERT_FALSE(loaded.ok()) << contents;
        EXPECT_EQ(loaded.error().code, ErrorCode::failed_precondition);
        EXPECT_NE(loaded.error().message.find(file.string()), std::string::npos) << loaded.error().message;
        EXPECT_EQ(fs::file_size(file), contents.size());
    }
}

TEST_F(MasterKeyFile, ConcurrentCreatorsAllEndUpWithTheSameKey) {
    // Several server processes starting at once must not each keep a key of
    // their own: whatever one of them seals, the others must open.
    const auto file = dir_ / "keys" / "sealing.key";
    constexpr int kCreators = 8;
    std::vector<std::optional<Result<MasterKey>>> keys(kCreators);
    {
        std::vector<std::jthread> creators;
        for (int i = 0; i < kCreators; ++i) {
            creators.emplace_back([&keys, &file, i] { keys[i].emplace(MasterKey::load_or_create(file)); });
        }
    }
    for (const auto& key : keys) {
        ASSERT_TRUE(key.has_value() && key->ok()) << (key && !key->ok() ? key->error().message : "");
    }
    const auto sealed = seal(keys[0]->value(), "token", "ad");
    for (const auto& key : keys) {
        EXPECT_TRUE(open_sealed(key->value(), sealed, "ad").ok());
    }
    EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()), 1);
}

TEST_F(MasterKeyFile, RefusesADirectoryInPlaceOfTheKeyFile) {
    const auto file = dir_ / "sealing.key";
    fs::create_directory(file);
    fs::permissions(file, fs::perms::owner_all);
    const auto loaded = MasterKey::load_or_create(file);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, ErrorCode::failed_precondition);
}

}  // namespace
}  // namespace yardstick::server::security
