#include "server/forms/interface_text.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

namespace yardstick::server::forms {
namespace {

Text text_at(std::size_t i) {
    return static_cast<Text>(i);
}

// The {placeholders} of `pattern`, braces included.
std::multiset<std::string> placeholders(std::string_view pattern) {
    std::multiset<std::string> found;
    std::size_t open = pattern.find('{');
    while (open != std::string_view::npos) {
        const std::size_t close = pattern.find('}', open);
        if (close == std::string_view::npos) {
            break;
        }
        found.emplace(pattern.substr(open, close - open + 1));
        open = pattern.find('{', close);
    }
    return found;
}

// Translations that are rightly spelt as in English. Keep it short: anything else identical to the English text
// is an untranslated string.
const std::set<std::pair<Text, std::string_view>> kSameAsEnglish = {
    {Text::no, "it"},  // Italian "No" is the same word as English "No".
};

TEST(InterfaceText, EveryTextIsPresentInEveryLanguage) {
    for (std::size_t i = 0; i < kTextCount; ++i) {
        for (const std::string_view language : kInterfaceLanguages) {
            const std::string_view t = text(text_at(i), language);
            EXPECT_FALSE(t.empty()) << text_name(text_at(i)) << " in " << language;
            EXPECT_EQ(t.find_first_not_of(' '), 0u) << text_name(text_at(i)) << " in " << language;
            EXPECT_NE(t.back(), ' ') << text_name(text_at(i)) << " in " << language;
        }
    }
}

TEST(InterfaceText, EveryTranslationDiffersFromEnglish) {
    for (std::size_t i = 0; i < kTextCount; ++i) {
        const std::string_view english = text(text_at(i), "en");
        for (const std::string_view language : kInterfaceLanguages) {
            if (language == "en" || kSameAsEnglish.contains({text_at(i), language})) {
                continue;
            }
            EXPECT_NE(text(text_at(i), language), english)
                << text_name(text_at(i)) << " in " << language << " is not translated";
        }
    }
}

TEST(InterfaceText, AllowListHoldsOnlyTextsThatAreReallyTheSame) {
    // An entry whose translation has since changed is stale and must go.
    for (const auto& [id, language] : kSameAsEnglish) {
        EXPECT_EQ(text(id, language), text(id, "en")) << text_name(id) << " in " << language;
    }
}

TEST(InterfaceText, TranslationsKeepThePlaceholdersOfEnglish) {
    for (std::size_t i = 0; i < kTextCount; ++i) {
        const auto english = placeholders(text(text_at(i), "en"));
        for (const std::string_view language : kInterfaceLanguages) {
            EXPECT_EQ(placeholders(text(text_at(i), language)), english) << text_name(text_at(i)) << " in " << language;
        }
    }
}

TEST(InterfaceText, EnglishHasThePlaceholdersTheCallersFill) {
    using Set = std::multiset<std::string>;
    EXPECT_EQ(placeholders(text(Text::progress, "en")), (Set{"{number}", "{total}"}));
    EXPECT_EQ(placeholders(text(Text::length_hint, "en")), (Set{"{max}"}));
    EXPECT_EQ(placeholders(text(Text::error_range, "en")), (Set{"{min}", "{max}"}));
    EXPECT_EQ(placeholders(text(Text::error_too_long, "en")), (Set{"{max}"}));
    EXPECT_EQ(placeholders(text(Text::amending_notice, "en")), (Set{"{date}"}));
    EXPECT_EQ(placeholders(text(Text::gone_expired_body, "en")), (Set{"{date}"}));
    EXPECT_EQ(placeholders(text(Text::gone_closed_body, "en")), (Set{"{date}"}));
    EXPECT_EQ(placeholders(text(Text::gone_contact, "en")), (Set{"{contact}"}));
    EXPECT_TRUE(placeholders(text(Text::continue_button, "en")).empty());
}

TEST(InterfaceText, EnglishIsTheWordingOfTheHeader) {
    EXPECT_EQ(text(Text::language_label, "en"), "Language");
    EXPECT_EQ(text(Text::continue_button, "en"), "Continue");
    EXPECT_EQ(text(Text::likert_3, "en"), "Neither agree nor disagree");
    EXPECT_EQ(text(Text::skip_to_content, "en"), "Skip to the questions");
    EXPECT_EQ(text(Text::continue_button, "fr"), "Continuer");
    EXPECT_EQ(text(Text::continue_button, "de"), "Weiter");
    EXPECT_EQ(text(Text::continue_button, "it"), "Continua");
}

TEST(InterfaceText, FillReplacesAPlaceholder) {
    EXPECT_EQ(fill("Up to {max} characters.", {{"max", "500"}}), "Up to 500 characters.");
}

TEST(InterfaceText, FillReplacesSeveralValuesAndRepeatedNames) {
    EXPECT_EQ(fill(text(Text::progress, "de"), {{"number", "2"}, {"total", "5"}}), "Abschnitt 2 von 5");
    EXPECT_EQ(fill("{max}-{min}-{max}", {{"min", "1"}, {"max", "9"}}), "9-1-9");
    EXPECT_EQ(fill("{a}{b}", {{"a", "x"}, {"b", ""}}), "x");
}

TEST(InterfaceText, FillKeepsUnknownPlaceholdersAndStrayBraces) {
    EXPECT_EQ(fill("Write to {contact}.", {{"date", "2018-05-31"}}), "Write to {contact}.");
    EXPECT_EQ(fill("Write to {contact}.", {}), "Write to {contact}.");
    EXPECT_EQ(fill("a { b", {{"b", "x"}}), "a { b");
    EXPECT_EQ(fill("a {b", {{"b", "x"}}), "a {b");
    EXPECT_EQ(fill("{a{b}", {{"b", "x"}}), "{ax");
    EXPECT_EQ(fill("a } b {}", {{"b", "x"}}), "a } b {}");
    EXPECT_EQ(fill("", {{"b", "x"}}), "");
}

TEST(InterfaceText, FillInsertsValuesAsGiven) {
    // A value is not a pattern: braces in it are not expanded again, and HTML is not escaped here.
    EXPECT_EQ(fill("{a} {b}", {{"a", "{b}"}, {"b", "<i>"}}), "{b} <i>");
}

TEST(InterfaceText, NamesAreUniqueAndStable) {
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < kTextCount; ++i) {
        const std::string_view name = text_name(text_at(i));
        EXPECT_FALSE(name.empty()) << i;
        EXPECT_TRUE(names.insert(name).second) << "duplicate name " << name;
    }
    EXPECT_EQ(names.size(), kTextCount);
    EXPECT_EQ(text_name(Text::language_label), "language_label");
    EXPECT_EQ(text_name(Text::continue_button), "continue_button");
    EXPECT_EQ(text_name(Text::skip_to_content), "skip_to_content");
    EXPECT_EQ(text_name(Text::count_), "");
}

TEST(InterfaceText, OtherLanguagesFallBackToEnglish) {
    for (std::size_t i = 0; i < kTextCount; ++i) {
        EXPECT_EQ(text(text_at(i), "es"), text(text_at(i), "en")) << text_name(text_at(i));
        EXPECT_EQ(text(text_at(i), ""), text(text_at(i), "en")) << text_name(text_at(i));
    }
    EXPECT_EQ(text(Text::count_, "en"), "");
}

}  // namespace
}  // namespace yardstick::server::forms
