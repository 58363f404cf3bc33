// Reading what a participant posted: form bodies, answers by question type
// (as typed, with messages in their language for what does not fit), and
// the domain's verdicts in words.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/forms/form_input.hpp"
#include "server/templates/bundled_templates.hpp"

namespace yardstick::server::forms {
namespace {

const domain::Instrument& instrument(const std::string& key) {
    for (const auto& instrument : templates::find_template("mobilisesme")->instruments) {
        if (instrument.key == key) {
            return instrument;
        }
    }
    throw std::logic_error("no bundled instrument " + key);
}

std::vector<const domain::Question*> questions_of(const domain::Instrument& instrument, std::size_t section) {
    std::vector<const domain::Question*> questions;
    for (const auto& question : instrument.sections.at(section).questions) {
        questions.push_back(&question);
    }
    return questions;
}

TEST(FormInput, ParsesAUrlEncodedBodyWithRepeatedFieldsAndPlusAsSpace) {
    const auto fields = parse_form_body("a=1&b=x+y%21&b=%C3%A9t%C3%A9&empty=");
    ASSERT_TRUE(fields.ok());
    EXPECT_EQ(fields->at("a"), std::vector<std::string>{"1"});
    EXPECT_EQ(fields->at("b"), (std::vector<std::string>{"x y!", "été"}));
    EXPECT_EQ(first_value(*fields, "empty"), "");
    EXPECT_EQ(first_value(*fields, "missing"), "");
}

TEST(FormInput, RefusesABodyThatIsNotAFormOrNotUtf8) {
    EXPECT_FALSE(parse_form_body("a=%ZZ").ok());
    const auto latin1 = parse_form_body("comment=%E9t%E9");
    ASSERT_FALSE(latin1.ok());
    EXPECT_EQ(latin1.error().fields.at(0).field, "comment");
}

TEST(FormInput, ReadsEachTypeAndNamesWhatDoesNotFitInTheParticipantsLanguage) {
    const auto& sending = instrument("mobilisesme-sending-post");
    FormFields fields = {{"exchange_days", {"12x"}}, {"matched_needs", {"4"}}, {"matched_needs_issue", {"  late  "}}};
    const auto page = read_page(questions_of(sending, 0), fields, "de");
    EXPECT_EQ(std::get<std::int64_t>(page.answers.at("matched_needs")), 4);
    EXPECT_EQ(std::get<std::string>(page.answers.at("matched_needs_issue")), "  late  ");  // as typed
    EXPECT_FALSE(page.answers.contains("exchange_days"));
    EXPECT_EQ(page.errors.at("exchange_days"), "Bitte geben Sie eine Zahl von 1 bis 61 ein.");
}

TEST(FormInput, BlankFieldsAndEmptySelectionsAreUnanswered) {
    const auto& sending = instrument("mobilisesme-sending-post");
    FormFields fields = {{"crossborder_business", {" "}}, {"benefits_observed", {"", "new_clients", "new_clients"}}};
    const auto page = read_page(questions_of(sending, 1), fields, "en");
    EXPECT_FALSE(page.answers.contains("crossborder_business"));
    EXPECT_EQ(std::get<std::vector<std::string>>(page.answers.at("benefits_observed")),
              std::vector<std::string>{"new_clients"});
    EXPECT_TRUE(page.errors.empty());
}

TEST(FormInput, AnswersToQuestionsThatAreNoLongerRelevantAreDropped) {
    const auto& sending = instrument("mobilisesme-sending-post");
    domain::Answers answers = {{"matched_needs", std::int64_t{5}}, {"matched_needs_issue", std::string("late")}};
    const auto kept = without_irrelevant(sending, answers);
    EXPECT_FALSE(kept.contains("matched_needs_issue"));
    answers["matched_needs"] = std::int64_t{1};
    EXPECT_TRUE(without_irrelevant(sending, answers).contains("matched_needs_issue"));
}

TEST(FormInput, TheDomainsVerdictIsSaidInTheParticipantsLanguageForTheKeysAsked) {
    const auto& sending = instrument("mobilisesme-sending-post");
    const domain::Answers answers = {{"recommend", std::int64_t{11}}};
    const auto messages = check_answers(sending, answers, {"matched_needs", "recommend"}, "fr");
    EXPECT_EQ(messages.at("matched_needs"), "Veuillez répondre à cette question.");
    EXPECT_EQ(messages.at("recommend"), "Veuillez choisir l'une des options.");
    EXPECT_FALSE(messages.contains("crossborder_business"));  // not asked for
    // A message already known for a question is kept.
    const auto kept = check_answers(sending, answers, {"recommend"}, "fr", {{"recommend", "déjà"}});
    EXPECT_EQ(kept.at("recommend"), "déjà");
}

}  // namespace
}  // namespace yardstick::server::forms
