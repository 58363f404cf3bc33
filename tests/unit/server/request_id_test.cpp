#include "server/http/request_id.hpp"

#include <set>

#include <gtest/gtest.h>

namespace yardstick::server::http {
namespace {

TEST(RequestId, GeneratedIdsAre128RandomBitsInHex) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto id = generate_request_id();
        EXPECT_EQ(id.size(), 32u);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(RequestId, AcceptsOnlyHarmlessClientIds) {
    EXPECT_TRUE(is_acceptable_request_id("req-42.a:b_c"));
    EXPECT_FALSE(is_acceptable_request_id(""));
    EXPECT_FALSE(is_acceptable_request_id("with space"));
    EXPECT_FALSE(is_acceptable_request_id("line\nbreak"));
    EXPECT_FALSE(is_acceptable_request_id("\"quoted\""));
    EXPECT_FALSE(is_acceptable_request_id(std::string(129, 'a')));
    EXPECT_TRUE(is_acceptable_request_id(std::string(128, 'a')));
}

}  // namespace
}  // namespace yardstick::server::http
