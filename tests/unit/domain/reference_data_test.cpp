#include "yardstick/domain/reference_data.hpp"

#include <set>

#include <gtest/gtest.h>

namespace yardstick::domain {
namespace {

TEST(Countries, ComeFromIso3166) {
    EXPECT_EQ(countries().size(), 249u);  // iso-codes 4.15: every ISO 3166-1 entry
    ASSERT_NE(find_country("BE"), nullptr);
    EXPECT_EQ(find_country("BE")->name, "Belgium");
    ASSERT_NE(find_country("DE"), nullptr);
    EXPECT_EQ(find_country("be"), nullptr);  // codes are upper case
    EXPECT_EQ(find_country("XX"), nullptr);
    EXPECT_EQ(find_country("UK"), nullptr);  // the ISO code is GB
    EXPECT_EQ(find_country(""), nullptr);
}

TEST(Nace, HasTheTwentyOneSectionsAndEightyEightDivisions) {
    int sections = 0;
    int divisions = 0;
    std::set<std::string> codes;
    for (const auto& a : nace_activities()) {
        (a.level == NaceLevel::section ? sections : divisions)++;
        codes.insert(a.code);
        EXPECT_FALSE(a.title_en.empty()) << a.code;
        EXPECT_FALSE(a.title_it.empty()) << a.code;
    }
    EXPECT_EQ(sections, 21);
    EXPECT_EQ(divisions, 88);
    EXPECT_EQ(codes.size(), 109u);
}

TEST(Nace, AcceptsSectionsAndDivisionsWithTheirOwnSection) {
    ASSERT_NE(find_nace("C"), nullptr);
    EXPECT_EQ(find_nace("C")->title_en, "Manufacturing");
    ASSERT_NE(find_nace("C25"), nullptr);
    EXPECT_EQ(find_nace("C25")->section, "C");
    EXPECT_EQ(find_nace("C25")->title("de"), find_nace("C25")->title_de);
    ASSERT_NE(find_nace("U99"), nullptr);
    ASSERT_NE(find_nace("A01"), nullptr);
}

TEST(Nace, RefusesWhatIsNotInTheClassification) {
    EXPECT_EQ(find_nace("B25"), nullptr);  // division 25 belongs to C
    EXPECT_EQ(find_nace("25"), nullptr);   // a division must name its section
    EXPECT_EQ(find_nace("C34"), nullptr);  // no division 34 in Rev. 2
    EXPECT_EQ(find_nace("V"), nullptr);
    EXPECT_EQ(find_nace("c"), nullptr);
    EXPECT_EQ(find_nace(""), nullptr);
}

}  // namespace
}  // namespace yardstick::domain
