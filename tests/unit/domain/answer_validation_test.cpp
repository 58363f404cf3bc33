#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "yardstick/domain/answer.hpp"

namespace yardstick::domain {
namespace {

LocalisedText texts(const std::string& en) {
    return {{"en", en}, {"fr", en + " (fr)"}};
}

Question question(std::string key, QuestionType type, bool required = false) {
    Question q;
    q.key = std::move(key);
    q.type = type;
    q.text = texts("Question " + q.key);
    q.required = required;
    return q;
}

std::vector<Choice> choices(std::initializer_list<const char*> values) {
    std::vector<Choice> out;
    for (const auto* value : values) {
        out.push_back({value, texts(value)});
    }
    return out;
}

Instrument survey() {
    Instrument instrument;
    instrument.key = "test-survey";
    instrument.wave = "post";
    instrument.respondent = "sending";
    instrument.languages = {"en", "fr"};
    instrument.title = texts("Survey");
    instrument.consent = {1, texts("Purpose"), texts("Audience"), texts("I agree")};

    Section business{"business", texts("Business"), {}};
    business.questions.push_back(question("active", QuestionType::boolean, true));
    auto countries = question("countries", QuestionType::integer, true);
    countries.min = 1;
    countries.max = 200;
    countries.relevant = Expression::parse("${active} = true", ExpressionUse::relevance).value();
    business.questions.push_back(countries);
    auto detail = question("detail", QuestionType::text, true);
    detail.relevant = Expression::parse("${countries} >= 2", ExpressionUse::relevance).value();
    business.questions.push_back(detail);

    Section ratings{"ratings", texts("Ratings"), {}};
    ratings.questions.push_back(question("satisfaction", QuestionType::likert5, true));
    auto level = question("level", QuestionType::scale);
    level.min = 0;
    level.max = 5;
    ratings.questions.push_back(level);
    auto sector = question("sector", QuestionType::single);
    sector.choices = choices({"ict", "trade"});
    ratings.questions.push_back(sector);
    auto goals = question("goals", QuestionType::multiple);
    goals.choices = choices({"new_markets", "partnerships", "other"});
    goals.constraint = Expression::parse("count-selected(.) <= 2", ExpressionUse::constraint).value();
    ratings.questions.push_back(goals);
    auto days = question("planned_days", QuestionType::integer);
    days.constraint = Expression::parse(". >= 14 and . <= 61", ExpressionUse::constraint).value();
    days.constraint_message = {{"en", "An exchange lasts 14 to 61 days."}, {"fr", "Un échange dure 14 à 61 jours."}};
    ratings.questions.push_back(days);
    auto turnover = question("turnover", QuestionType::decimal);
    turnover.decimal_min = 0.0;
    turnover.decimal_max = 1000.5;
    ratings.questions.push_back(turnover);
    auto comment = question("comment", QuestionType::text);
    comment.max_length = 5;
    ratings.questions.push_back(comment);
    ratings.questions.push_back(question("started_on", QuestionType::date));
    auto amount = question("amount", QuestionType::decimal);
    ratings.questions.push_back(amount);

    instrument.sections = {business, ratings};
    return check_instrument(std::move(instrument)).value();
}

// The answers of a complete, valid submission.
Answers complete() {
    return {{"active", true},
            {"countries", std::int64_t{3}},
            {"detail", std::string("Austria, Italy")},
            {"satisfaction", std::int64_t{4}}};
}

std::vector<FieldError> errors_of(const Answers& answers, ValidationMode mode = ValidationMode::submission) {
    static const Instrument instrument = survey();
    const auto status = validate_answers(instrument, answers, mode);
    if (status.ok()) {
        return {};
    }
    EXPECT_EQ(status.error().code, ErrorCode::invalid_argument);
    return status.error().fields;
}

// The single error for `key` when answering it with `value` on top of a complete submission.
std::string problem_with(const std::string& key, AnswerValue value) {
    auto answers = complete();
    answers.insert_or_assign(key, std::move(value));
    const auto errors = errors_of(answers);
    if (errors.empty()) {
        return "";
    }
    EXPECT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, key);
    return errors[0].message;
}

TEST(AnswerValidation, AcceptsACompleteSubmission) {
    EXPECT_TRUE(errors_of(complete()).empty());
}

TEST(AnswerValidation, ConvertsAnswersForExpressions) {
    EXPECT_EQ(to_expression_value(AnswerValue{std::int64_t{3}}), ExpressionValue{3.0});
    EXPECT_EQ(to_expression_value(AnswerValue{true}), ExpressionValue{true});
    EXPECT_EQ(to_expression_value(AnswerValue{2.5}), ExpressionValue{2.5});
    EXPECT_EQ(to_expression_value(AnswerValue{std::string("x")}), ExpressionValue{std::string("x")});
    EXPECT_EQ(to_expression_value(AnswerValue{std::vector<std::string>{"a"}}),
              ExpressionValue{std::vector<std::string>{"a"}});
}

TEST(AnswerValidation, RejectsUnknownKeys) {
    auto answers = complete();
    answers["no_such_question"] = true;
    const auto errors = errors_of(answers);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], (FieldError{"no_such_question", "unknown question"}));
}

TEST(AnswerValidation, Likert5TakesWholeNumbersFrom1To5) {
    EXPECT_EQ(problem_with("satisfaction", std::int64_t{1}), "");
    EXPECT_EQ(problem_with("satisfaction", std::int64_t{5}), "");
    EXPECT_EQ(problem_with("satisfaction", std::int64_t{0}), "must be a whole number from 1 to 5");
    EXPECT_EQ(problem_with("satisfaction", std::int64_t{6}), "must be a whole number from 1 to 5");
    EXPECT_EQ(problem_with("satisfaction", 3.0), "must be a whole number from 1 to 5");
    EXPECT_EQ(problem_with("satisfaction", std::string("3")), "must be a whole number from 1 to 5");
    EXPECT_EQ(problem_with("satisfaction", true), "must be a whole number from 1 to 5");
}

TEST(AnswerValidation, ScaleTakesWholeNumbersWithinItsBounds) {
    EXPECT_EQ(problem_with("level", std::int64_t{0}), "");
    EXPECT_EQ(problem_with("level", std::int64_t{5}), "");
    EXPECT_EQ(problem_with("level", std::int64_t{-1}), "must be a whole number from 0 to 5");
    EXPECT_EQ(problem_with("level", std::int64_t{6}), "must be a whole number from 0 to 5");
    EXPECT_EQ(problem_with("level", 2.5), "must be a whole number from 0 to 5");
}

TEST(AnswerValidation, IntegerRespectsMinAndMax) {
    auto answers = complete();
    answers["countries"] = std::int64_t{200};
    EXPECT_TRUE(errors_of(answers).empty());
    // Without `detail`, which is only relevant while countries holds a valid answer >= 2.
    const auto countries_problem = [](AnswerValue value) {
        return errors_of({{"active", true}, {"countries", std::move(value)}, {"satisfaction", std::int64_t{4}}});
    };
    EXPECT_TRUE(countries_problem(std::int64_t{1}).empty());
    const std::vector<FieldError> out_of_range = {{"countries", "must be a whole number from 1 to 200"}};
    EXPECT_EQ(countries_problem(std::int64_t{201}), out_of_range);
    EXPECT_EQ(countries_problem(std::int64_t{0}), out_of_range);
    EXPECT_EQ(countries_problem(std::string("2")), out_of_range);
    EXPECT_EQ(countries_problem(2.0), out_of_range);
    EXPECT_EQ(problem_with("planned_days", std::numeric_limits<std::int64_t>::max()),
              "An exchange lasts 14 to 61 days.");
}

TEST(AnswerValidation, DecimalTakesAnyFiniteNumberWithinItsBounds) {
    EXPECT_EQ(problem_with("turnover", 0.0), "");
    EXPECT_EQ(problem_with("turnover", 1000.5), "");
    EXPECT_EQ(problem_with("turnover", std::int64_t{1000}), "");
    EXPECT_EQ(problem_with("turnover", -0.01), "must be a number from 0 to 1000.5");
    EXPECT_EQ(problem_with("turnover", 1000.51), "must be a number from 0 to 1000.5");
    EXPECT_EQ(problem_with("turnover", std::nan("")), "must be a number from 0 to 1000.5");
    EXPECT_EQ(problem_with("amount", -1e300), "");
    EXPECT_EQ(problem_with("amount", std::numeric_limits<double>::infinity()), "must be a number");
    EXPECT_EQ(problem_with("amount", std::string("1.5")), "must be a number");
}

TEST(AnswerValidation, BooleanTakesTrueOrFalse) {
    Answers answers = {{"active", false}, {"satisfaction", std::int64_t{3}}};
    EXPECT_TRUE(errors_of(answers).empty());
    // Not a boolean: reported once; the questions depending on it count it as absent.
    answers = {{"active", std::string("yes")}, {"satisfaction", std::int64_t{3}}};
    EXPECT_EQ(errors_of(answers), (std::vector<FieldError>{{"active", "must be true or false"}}));
    answers["active"] = std::int64_t{1};
    EXPECT_EQ(errors_of(answers), (std::vector<FieldError>{{"active", "must be true or false"}}));
}

TEST(AnswerValidation, SingleTakesOneOfTheChoices) {
    EXPECT_EQ(problem_with("sector", std::string("ict")), "");
    EXPECT_EQ(problem_with("sector", std::string("ICT")), "is not one of the choices");
    EXPECT_EQ(problem_with("sector", std::vector<std::string>{"ict"}), "must be one of the choices");
}

TEST(AnswerValidation, MultipleTakesDistinctChoices) {
    EXPECT_EQ(problem_with("goals", std::vector<std::string>{}), "");
    EXPECT_EQ(problem_with("goals", std::vector<std::string>{"other", "new_markets"}), "");
    EXPECT_EQ(problem_with("goals", std::vector<std::string>{"other", "other"}), "'other' is chosen twice");
    EXPECT_EQ(problem_with("goals", std::vector<std::string>{"travel"}), "'travel' is not one of the choices");
    EXPECT_EQ(problem_with("goals", std::string("other")), "must be a list of choices");
}

TEST(AnswerValidation, TextLengthCountsCodePointsNotBytes) {
    EXPECT_EQ(problem_with("comment", std::string("")), "");
    EXPECT_EQ(problem_with("comment", std::string("abcde")), "");
    EXPECT_EQ(problem_with("comment", std::string("Zürich")), "must be at most 5 characters long");
    EXPECT_EQ(problem_with("comment", std::string("äöüßé")), "");  // 10 bytes, 5 characters
    EXPECT_EQ(problem_with("comment", std::string("€€€€€")), "");  // 15 bytes
    EXPECT_EQ(problem_with("comment", std::string("😀😀😀😀😀")), "");
    EXPECT_EQ(problem_with("comment", std::string("abcdef")), "must be at most 5 characters long");
    EXPECT_EQ(problem_with("comment", std::int64_t{5}), "must be text");
}

TEST(AnswerValidation, TextMustBeValidUtf8) {
    EXPECT_EQ(problem_with("comment", std::string("a\xC3")), "is not valid UTF-8 text");         // cut short
    EXPECT_EQ(problem_with("comment", std::string("\xC0\xAF")), "is not valid UTF-8 text");      // overlong '/'
    EXPECT_EQ(problem_with("comment", std::string("\xED\xA0\x80")), "is not valid UTF-8 text");  // surrogate
    EXPECT_EQ(problem_with("comment", std::string("\x80")), "is not valid UTF-8 text");
    EXPECT_EQ(problem_with("comment", std::string("\xF4\x90\x80\x80")), "is not valid UTF-8 text");  // > U+10FFFF
}

TEST(AnswerValidation, DateIsARealCalendarDay) {
    EXPECT_EQ(problem_with("started_on", std::string("2024-02-29")), "");
    EXPECT_EQ(problem_with("started_on", std::string("2000-02-29")), "");
    EXPECT_EQ(problem_with("started_on", std::string("2024-12-31")), "");
    for (const auto* bad : {"2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-1-01",
                            "24-01-01", "2024/01/01", "", "2024-01-01T00:00"}) {
        EXPECT_EQ(problem_with("started_on", std::string(bad)), "not a valid date (YYYY-MM-DD)") << bad;
    }
    EXPECT_EQ(problem_with("started_on", std::int64_t{20240101}), "not a valid date (YYYY-MM-DD)");
}

TEST(AnswerValidation, ConstraintUsesDotAndTheFirstLanguagesMessage) {
    EXPECT_EQ(problem_with("planned_days", std::int64_t{14}), "");
    EXPECT_EQ(problem_with("planned_days", std::int64_t{61}), "");
    EXPECT_EQ(problem_with("planned_days", std::int64_t{13}), "An exchange lasts 14 to 61 days.");
    EXPECT_EQ(problem_with("planned_days", std::int64_t{62}), "An exchange lasts 14 to 61 days.");
}

TEST(AnswerValidation, ConstraintWithoutMessageGetsADefault) {
    EXPECT_EQ(problem_with("goals", std::vector<std::string>{"other", "new_markets", "partnerships"}),
              "is not an accepted answer");
}

TEST(AnswerValidation, ConstraintMessageFallsBackToAnotherLanguage) {
    auto instrument = survey();
    auto* days = const_cast<Question*>(find_question(instrument, "planned_days"));
    days->constraint_message = {{"fr", "Un échange dure 14 à 61 jours."}};
    auto answers = complete();
    answers["planned_days"] = std::int64_t{2};
    const auto status = validate_answers(instrument, answers, ValidationMode::draft);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().fields, (std::vector<FieldError>{{"planned_days", "Un échange dure 14 à 61 jours."}}));
}

TEST(AnswerValidation, IrrelevantAnswersMustBeLeftOut) {
    auto answers = complete();
    answers["active"] = false;
    const auto errors = errors_of(answers);
    // countries is irrelevant, so detail (relevant when countries >= 2) sees it absent and is irrelevant too.
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], (FieldError{"countries", "not relevant: leave it out"}));
    EXPECT_EQ(errors[1], (FieldError{"detail", "not relevant: leave it out"}));
}

TEST(AnswerValidation, RelevanceChainsThroughAbsentAnswers) {
    static const Instrument instrument = survey();
    const Answers inactive = {{"active", false}, {"satisfaction", std::int64_t{2}}};
    EXPECT_TRUE(validate_answers(instrument, inactive, ValidationMode::submission).ok());
    auto shown = relevant_questions(instrument, inactive);
    std::vector<std::string> keys;
    for (const auto* q : shown) {
        keys.push_back(q->key);
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"active", "satisfaction", "level", "sector", "goals", "planned_days",
                                              "turnover", "comment", "started_on", "amount"}));

    const Answers one_country = {{"active", true}, {"countries", std::int64_t{1}}};
    shown = relevant_questions(instrument, one_country);
    EXPECT_EQ(shown.size(), 11u);
    EXPECT_EQ(shown[1]->key, "countries");
    EXPECT_EQ(shown[2]->key, "satisfaction");

    const Answers several = {{"active", true}, {"countries", std::int64_t{4}}};
    EXPECT_EQ(relevant_questions(instrument, several).size(), 12u);
}

TEST(AnswerValidation, AnInvalidAnswerCountsAsAbsentForLaterQuestions) {
    auto answers = complete();
    answers["countries"] = std::int64_t{500};  // out of range: detail is no longer relevant
    const auto errors = errors_of(answers);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].field, "countries");
    EXPECT_EQ(errors[1], (FieldError{"detail", "not relevant: leave it out"}));
}

TEST(AnswerValidation, RequiredOnlyWhenRelevant) {
    const auto errors = errors_of({{"active", true}});
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], (FieldError{"countries", "required"}));
    EXPECT_EQ(errors[1], (FieldError{"satisfaction", "required"}));  // detail irrelevant while countries absent

    const auto with_countries = errors_of({{"active", true}, {"countries", std::int64_t{2}}});
    ASSERT_EQ(with_countries.size(), 2u);
    EXPECT_EQ(with_countries[0], (FieldError{"detail", "required"}));
}

TEST(AnswerValidation, EmptyTextDoesNotAnswerARequiredQuestion) {
    auto answers = complete();
    answers["detail"] = std::string("");
    const auto errors = errors_of(answers);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], (FieldError{"detail", "required"}));
    EXPECT_TRUE(errors_of(answers, ValidationMode::draft).empty());
}

TEST(AnswerValidation, DraftAllowsMissingAnswersButChecksWhatIsGiven) {
    EXPECT_TRUE(errors_of({}, ValidationMode::draft).empty());
    EXPECT_TRUE(errors_of({{"active", true}}, ValidationMode::draft).empty());
    const auto errors = errors_of({{"active", false},
                                   {"countries", std::int64_t{2}},
                                   {"satisfaction", std::int64_t{9}},
                                   {"planned_days", std::int64_t{5}},
                                   {"bogus", true}},
                                  ValidationMode::draft);
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], (FieldError{"bogus", "unknown question"}));
    EXPECT_EQ(errors[1], (FieldError{"countries", "not relevant: leave it out"}));
    EXPECT_EQ(errors[2], (FieldError{"satisfaction", "must be a whole number from 1 to 5"}));
    EXPECT_EQ(errors[3], (FieldError{"planned_days", "An exchange lasts 14 to 61 days."}));
}

TEST(AnswerValidation, ConstraintsSeeEarlierAnswers) {
    auto instrument = survey();
    auto* days = const_cast<Question*>(find_question(instrument, "planned_days"));
    days->constraint = Expression::parse(". >= 14 and ${level} >= 1", ExpressionUse::constraint).value();
    Answers answers = {{"level", std::int64_t{0}}, {"planned_days", std::int64_t{20}}};
    auto status = validate_answers(instrument, answers, ValidationMode::draft);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().fields[0].field, "planned_days");
    answers["level"] = std::int64_t{1};
    EXPECT_TRUE(validate_answers(instrument, answers, ValidationMode::draft).ok());
}

}  // namespace
}  // namespace yardstick::domain
