#include "server/security/tokens.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace yardstick::server::security {
namespace {

TEST(Tokens, GeneratedTokensAre43Base64UrlCharactersAndDistinct) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto token = generate_token();
        EXPECT_EQ(token.size(), 43u);
        EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                  std::string::npos)
            << token;
        EXPECT_TRUE(is_well_formed_token(token));
        seen.insert(token);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(Tokens, GeneratedTokensUseTheWholeAlphabet) {
    // 256 bits spread over 43 characters: after a few hundred tokens every one
    // of the 64 characters has shown up, including the URL-safe '-' and '_'
    // (and never the standard alphabet's '+', '/' or padding).
    std::set<char> characters;
    for (int i = 0; i < 300; ++i) {
        for (char c : generate_token()) {
            characters.insert(c);
        }
    }
    EXPECT_EQ(characters.size(), 64u);
    EXPECT_TRUE(characters.contains('-'));
    EXPECT_TRUE(characters.contains('_'));
}

TEST(Tokens, DigestIsLowerCaseHexSha256) {
    // FIPS 180-2 test vectors.
    EXPECT_EQ(token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(token_digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const auto token = generate_token();
    EXPECT_EQ(token_digest(token).size(), 64u);
    EXPECT_EQ(token_digest(token), token_digest(token));
    EXPECT_NE(token_digest(token), token_digest(generate_token()));
}

TEST(Tokens, WellFormedMeansExactly43Base64UrlCharacters) {
    const std::string good(43, 'A');
    EXPECT_TRUE(is_well_formed_token(good));
    EXPECT_TRUE(is_well_formed_token("abcdefghijklmnopqrstuvwxyz-_0123456789ABCDE"));
    EXPECT_FALSE(is_well_formed_token(""));
    EXPECT_FALSE(is_well_formed_token(std::string(42, 'A')));
    EXPECT_FALSE(is_well_formed_token(std::string(44, 'A')));
    for (char bad : std::string("+/=. %\n\0", 8)) {
        std::string token = good;
        token[10] = bad;
        EXPECT_FALSE(is_well_formed_token(token)) << static_cast<int>(bad);
    }
    std::string non_ascii = good;
    non_ascii[0] = '\xC3';
    EXPECT_FALSE(is_well_formed_token(non_ascii));
}

}  // namespace
}  // namespace yardstick::server::security
