// Staff passwords: Argon2id hashes with their own salt, checked in both
// directions, and too-short passwords refused.
#include <gtest/gtest.h>

#include "server/security/passwords.hpp"

namespace yardstick::server::security {
namespace {

TEST(Passwords, HashesWithArgon2idAndASaltOfTheirOwn) {
    const auto first = hash_password("correct horse battery");
    const auto second = hash_password("correct horse battery");
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(first->starts_with("$argon2id$")) << *first;
    EXPECT_NE(*first, *second) << "the same password must not give the same hash";
    EXPECT_EQ(first->find("correct"), std::string::npos);
}

TEST(Passwords, VerifiesTheRightPasswordOnly) {
    const auto hash = hash_password("correct horse battery").value();
    EXPECT_TRUE(verify_password(hash, "correct horse battery"));
    EXPECT_FALSE(verify_password(hash, "correct horse batterz"));
    EXPECT_FALSE(verify_password(hash, ""));
    EXPECT_FALSE(verify_password("not a hash", "correct horse battery"));
}

TEST(Passwords, RefusesAShortPassword) {
    const auto refused = hash_password("short");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().fields.at(0).field, "password");
}

}  // namespace
}  // namespace yardstick::server::security
