#include "yardstick/domain/result.hpp"

#include <gtest/gtest.h>

namespace yardstick {
namespace {

Result<int> parse_positive(int value) {
    if (value <= 0) {
        return Error::invalid("value", "must be positive");
    }
    return value;
}

TEST(Result, CarriesAValue) {
    const auto result = parse_positive(3);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(*result, 3);
}

TEST(Result, CarriesAnErrorWithTheFieldThatIsWrong) {
    const auto result = parse_positive(-1);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    ASSERT_EQ(result.error().fields.size(), 1u);
    EXPECT_EQ(result.error().fields[0], (FieldError{"value", "must be positive"}));
}

TEST(Result, VoidResultIsOkByDefault) {
    Status ok;
    EXPECT_TRUE(ok.ok());
    Status failed = Error{ErrorCode::not_found, "no such programme", {}};
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::not_found);
}

TEST(ErrorCode, HasStableNames) {
    EXPECT_EQ(to_string(ErrorCode::invalid_argument), "invalid_argument");
    EXPECT_EQ(to_string(ErrorCode::unavailable), "unavailable");
    EXPECT_EQ(to_string(ErrorCode::internal), "internal");
}

}  // namespace
}  // namespace yardstick
