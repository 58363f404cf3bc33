// Every text of every bundled instrument is translated: present in en, fr, de and it, and — names and codes
// aside — not the English text copied into another language. check_instrument() already requires each text in
// every language an instrument lists; this test also requires the four interface languages and catches a
// translation that was never made.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "server/forms/interface_text.hpp"
#include "server/templates/bundled_templates.hpp"

namespace yardstick::server::templates {
namespace {

using domain::LocalisedText;

// Texts that are rightly the same in every language. Only names and codes belong here; a sentence that merely
// happens to be short is not one of them.
const std::set<std::string_view> kSameInEveryLanguage = {
    "MobiliseSME",         // programme name
    "Digital Volunteers",  // programme name
    "Big Data",            // the term is used untranslated in fr, de and it
    "IoT",                 // acronym
    "ERP",                 // acronym
    "CRM",                 // acronym
    "CMS",                 // acronym
    "SEO",                 // acronym
};

// A number or a code such as "2018", "0-9" or "10+": nothing to translate.
bool is_number_or_code(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '+' || c == '.' || c == ',' || c == '%';
    });
}

bool may_equal_english(std::string_view text) {
    return kSameInEveryLanguage.contains(text) || is_number_or_code(text);
}

// One localised text of an instrument and where it is, e.g. `mobilisesme/mobilisesme-employee-pre:
// sections[1].questions[0].anchor_max`.
struct Entry {
    std::string where;
    const LocalisedText* text;
    bool optional;  // hint, constraint message and anchors may be absent altogether
};

std::vector<Entry> texts_of(const ProgrammeTemplate& programme, const domain::Instrument& instrument) {
    const std::string prefix = programme.key + "/" + instrument.key + ": ";
    std::vector<Entry> entries;
    entries.push_back({prefix + "title", &instrument.title, false});
    entries.push_back({prefix + "consent.purpose", &instrument.consent.purpose, false});
    entries.push_back({prefix + "consent.audience", &instrument.consent.audience, false});
    entries.push_back({prefix + "consent.statement", &instrument.consent.statement, false});
    for (std::size_t s = 0; s < instrument.sections.size(); ++s) {
        const auto& section = instrument.sections[s];
        const std::string at_section = prefix + "sections[" + std::to_string(s) + "]";
        entries.push_back({at_section + ".title", &section.title, false});
        for (std::size_t q = 0; q < section.questions.size(); ++q) {
            const auto& question = section.questions[q];
            const std::string at_question = at_section + ".questions[" + std::to_string(q) + "]";
            entries.push_back({at_question + ".text", &question.text, false});
            entries.push_back({at_question + ".hint", &question.hint, true});
            entries.push_back({at_question + ".anchor_min", &question.anchor_min, true});
            entries.push_back({at_question + ".anchor_max", &question.anchor_max, true});
            entries.push_back({at_question + ".constraint_message", &question.constraint_message, true});
            for (std::size_t c = 0; c < question.choices.size(); ++c) {
                entries.push_back(
                    {at_question + ".choices[" + std::to_string(c) + "].label", &question.choices[c].label, false});
            }
        }
    }
    return entries;
}

std::vector<Entry> every_text() {
    std::vector<Entry> entries;
    for (const auto& programme : bundled_templates()) {
        for (const auto& instrument : programme.instruments) {
            auto more = texts_of(programme, instrument);
            entries.insert(entries.end(), more.begin(), more.end());
        }
    }
    return entries;
}

TEST(BundledInstrumentTexts, EveryTemplateHasInstruments) {
    ASSERT_NO_THROW(bundled_templates());
    ASSERT_FALSE(bundled_templates().empty());
    for (const auto& programme : bundled_templates()) {
        EXPECT_FALSE(programme.instruments.empty()) << programme.key;
    }
}

TEST(BundledInstrumentTexts, EveryInstrumentOffersTheInterfaceLanguages) {
    for (const auto& programme : bundled_templates()) {
        for (const auto& instrument : programme.instruments) {
            for (const std::string_view language : forms::kInterfaceLanguages) {
                EXPECT_NE(std::find(instrument.languages.begin(), instrument.languages.end(), language),
                          instrument.languages.end())
                    << programme.key << "/" << instrument.key << " lacks " << language;
            }
        }
    }
}

TEST(BundledInstrumentTexts, EveryTextIsPresentInEveryLanguage) {
    const auto entries = every_text();
    ASSERT_FALSE(entries.empty());
    for (const auto& entry : entries) {
        if (entry.optional && entry.text->empty()) {
            continue;
        }
        for (const std::string_view language : forms::kInterfaceLanguages) {
            const auto it = entry.text->find(std::string(language));
            EXPECT_TRUE(it != entry.text->end() && !it->second.empty()) << entry.where << " lacks " << language;
        }
    }
}

TEST(BundledInstrumentTexts, EveryTextIsTranslated) {
    for (const auto& entry : every_text()) {
        const auto english = entry.text->find("en");
        if (english == entry.text->end() || may_equal_english(english->second)) {
            continue;  // absent optional text (presence is the test above), or a name or code
        }
        for (const std::string_view language : forms::kInterfaceLanguages) {
            if (language == "en") {
                continue;
            }
            const auto translation = entry.text->find(std::string(language));
            if (translation != entry.text->end()) {
                EXPECT_NE(translation->second, english->second)
                    << entry.where << " in " << language << " is the English text: \"" << english->second << "\"";
            }
        }
    }
}

TEST(BundledInstrumentTexts, AllowListTakesOnlyNamesAndCodes) {
    EXPECT_TRUE(may_equal_english("MobiliseSME"));
    EXPECT_TRUE(may_equal_english("IoT"));
    EXPECT_TRUE(may_equal_english("2018"));
    EXPECT_TRUE(may_equal_english("10+"));
    EXPECT_FALSE(may_equal_english("Other"));
    EXPECT_FALSE(may_equal_english("IoT platforms"));
    EXPECT_FALSE(may_equal_english(""));
}

}  // namespace
}  // namespace yardstick::server::templates
