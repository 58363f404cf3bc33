// RFC 8785's own examples: the canonical bytes the event log's seals hash.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "yardstick/sql/canonical_json.hpp"

namespace yardstick::sql {
namespace {

/// The canonical form of the double with these IEEE 754 bits, written as
/// JSON the way ECMAScript reads it back (17 significant digits suffice).
std::string canonical_double(std::uint64_t bits) {
    const auto value = std::bit_cast<double>(bits);
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", value);
    return canonical_json(text);
}

TEST(CanonicalJson, WritesNumbersAsEcmaScriptDoes) {
    // RFC 8785 Appendix B, every finite row.
    EXPECT_EQ(canonical_double(0x0000000000000000), "0");
    EXPECT_EQ(canonical_double(0x8000000000000000), "0");
    EXPECT_EQ(canonical_double(0x0000000000000001), "5e-324");
    EXPECT_EQ(canonical_double(0x8000000000000001), "-5e-324");
    EXPECT_EQ(canonical_double(0x7fefffffffffffff), "1.7976931348623157e+308");
    EXPECT_EQ(canonical_double(0xffefffffffffffff), "-1.7976931348623157e+308");
    EXPECT_EQ(canonical_double(0x4340000000000000), "9007199254740992");
    EXPECT_EQ(canonical_double(0xc340000000000000), "-9007199254740992");
    EXPECT_EQ(canonical_double(0x4430000000000000), "295147905179352830000");
    EXPECT_EQ(canonical_double(0x44b52d02c7e14af5), "9.999999999999997e+22");
    EXPECT_EQ(canonical_double(0x44b52d02c7e14af6), "1e+23");
    EXPECT_EQ(canonical_double(0x44b52d02c7e14af7), "1.0000000000000001e+23");
    EXPECT_EQ(canonical_double(0x444b1ae4d6e2ef4e), "999999999999999700000");
    EXPECT_EQ(canonical_double(0x444b1ae4d6e2ef4f), "999999999999999900000");
    EXPECT_EQ(canonical_double(0x444b1ae4d6e2ef50), "1e+21");
    EXPECT_EQ(canonical_double(0x3eb0c6f7a0b5ed8c), "9.999999999999997e-7");
    EXPECT_EQ(canonical_double(0x3eb0c6f7a0b5ed8d), "0.000001");
    EXPECT_EQ(canonical_double(0x41b3de4355555553), "333333333.3333332");
    EXPECT_EQ(canonical_double(0x41b3de4355555554), "333333333.33333325");
    EXPECT_EQ(canonical_double(0x41b3de4355555555), "333333333.3333333");
    EXPECT_EQ(canonical_double(0x41b3de4355555556), "333333333.3333334");
    EXPECT_EQ(canonical_double(0x41b3de4355555557), "333333333.33333343");
    EXPECT_EQ(canonical_double(0xbecbf647612f3696), "-0.0000033333333333333333");
    EXPECT_EQ(canonical_double(0x43143ff3c1cb0959), "1424953923781206.2");
}

TEST(CanonicalJson, CanonicalisesTheRfcsSampleObject) {
    // RFC 8785 §3.2.2 and §3.2.3.
    const auto input = R"({
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
    })";
    EXPECT_EQ(canonical_json(input),
              "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
              "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST(CanonicalJson, SortsMemberNamesByUtf16CodeUnits) {
    // RFC 8785 §3.2.3: the emoji (surrogates D83D DE00) sorts before U+FB33,
    // although its code point is larger.
    const auto input =
        R"({"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
            "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"})";
    EXPECT_EQ(canonical_json(input),
              "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
              "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
              "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\",\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST(CanonicalJson, IgnoresKeyOrderAndWhitespaceButNotValues) {
    EXPECT_EQ(canonical_json(R"({"b": [1, {"y": 2, "x": 1}], "a": "z"})"),
              canonical_json(R"({"a":"z","b":[1,{"x":1,"y":2}]})"));
    EXPECT_NE(canonical_json(R"({"a": 1})"), canonical_json(R"({"a": 2})"));
    EXPECT_EQ(canonical_json("9007199254740993"), "9007199254740993") << "never rounded";
}

TEST(CanonicalJson, RefusesWhatIsNotJson) {
    EXPECT_THROW(canonical_json("{\"a\": }"), std::invalid_argument);
    EXPECT_THROW(canonical_json(""), std::invalid_argument);
}

}  // namespace
}  // namespace yardstick::sql
