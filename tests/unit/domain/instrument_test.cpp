#include "yardstick/domain/instrument.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>

namespace yardstick::domain {
namespace {

LocalisedText texts(const std::string& en) {
    return {{"en", en}, {"fr", en + " (fr)"}};
}

Expression relevance(std::string_view text) {
    return Expression::parse(text, ExpressionUse::relevance).value();
}
Expression constraint(std::string_view text) {
    return Expression::parse(text, ExpressionUse::constraint).value();
}

Question question(std::string key, QuestionType type) {
    Question q;
    q.key = std::move(key);
    q.type = type;
    q.text = texts("Question " + q.key);
    if (type == QuestionType::single || type == QuestionType::multiple) {
        q.choices = {{"yes", texts("Yes")}, {"no", texts("No")}};
    }
    if (type == QuestionType::scale) {
        q.min = 0;
        q.max = 5;
    }
    return q;
}

// A sound two-language instrument with one question of each type.
Instrument sound_instrument() {
    Instrument instrument;
    instrument.key = "mobilisesme-sending-pre";
    instrument.version = 1;
    instrument.wave = "pre";
    instrument.respondent = "sending";
    instrument.languages = {"en", "fr"};
    instrument.title = texts("Before the exchange");
    instrument.consent = {1, texts("Purpose"), texts("Audience"), texts("I agree")};
    Section first{"company", texts("Your company"), {}};
    first.questions.push_back(question("staff_count", QuestionType::integer));
    first.questions.push_back(question("crossborder_active", QuestionType::boolean));
    auto countries = question("crossborder_countries", QuestionType::integer);
    countries.relevant = relevance("${crossborder_active} = true");
    countries.constraint = constraint(". <= ${staff_count} or . >= 1");
    countries.constraint_message = texts("Too many");
    first.questions.push_back(countries);
    Section second{"expectations", texts("Expectations"), {}};
    second.questions.push_back(question("expect_growth", QuestionType::likert5));
    second.questions.push_back(question("competence", QuestionType::scale));
    second.questions.push_back(question("sector", QuestionType::single));
    second.questions.push_back(question("goals", QuestionType::multiple));
    second.questions.push_back(question("turnover", QuestionType::decimal));
    auto comment = question("comment", QuestionType::text);
    comment.max_length = 2000;
    comment.personal = true;
    comment.hint = texts("No names, please");
    second.questions.push_back(comment);
    second.questions.push_back(question("founded_on", QuestionType::date));
    instrument.sections = {first, second};
    return instrument;
}

std::vector<FieldError> problems(Instrument instrument) {
    auto result = check_instrument(std::move(instrument));
    if (result.ok()) {
        return {};
    }
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    return result.error().fields;
}

bool has_field(const std::vector<FieldError>& errors, const std::string& field) {
    return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
}

std::string fields_of(const std::vector<FieldError>& errors) {
    std::string out;
    for (const auto& e : errors) {
        out += e.field + ": " + e.message + "\n";
    }
    return out;
}

TEST(InstrumentType, NamesRoundTrip) {
    for (const auto type : {QuestionType::likert5, QuestionType::scale, QuestionType::boolean, QuestionType::single,
                            QuestionType::multiple, QuestionType::integer, QuestionType::decimal, QuestionType::text,
                            QuestionType::date}) {
        const auto parsed = parse_question_type(to_string(type));
        ASSERT_TRUE(parsed.has_value()) << to_string(type);
        EXPECT_EQ(*parsed, type);
    }
    EXPECT_EQ(to_string(QuestionType::likert5), "likert5");
    EXPECT_FALSE(parse_question_type("Likert5").has_value());
    EXPECT_FALSE(parse_question_type("").has_value());
}

TEST(InstrumentNames, RespondentsWavesAndKeys) {
    for (const auto* kind : {"sending", "hosting", "employee", "sme", "mentor", "respondent"}) {
        EXPECT_TRUE(is_valid_respondent(kind)) << kind;
    }
    EXPECT_FALSE(is_valid_respondent("Sending"));
    EXPECT_FALSE(is_valid_respondent("contact"));
    for (const auto* wave : {"pre", "post", "follow-up", "2018", "round-3"}) {
        EXPECT_TRUE(is_valid_wave(wave)) << wave;
    }
    EXPECT_FALSE(is_valid_wave(""));
    EXPECT_FALSE(is_valid_wave("Post"));
    EXPECT_FALSE(is_valid_wave("round_3"));
    EXPECT_FALSE(is_valid_wave(std::string(33, 'a')));
    EXPECT_TRUE(is_valid_wave(std::string(32, 'a')));
    EXPECT_TRUE(is_valid_question_key("q2_total"));
    EXPECT_FALSE(is_valid_question_key("2q"));
    EXPECT_FALSE(is_valid_question_key("Q"));
    EXPECT_FALSE(is_valid_question_key("a-b"));
    EXPECT_FALSE(is_valid_question_key(""));
}

TEST(InstrumentCheck, AcceptsASoundInstrumentUnchanged) {
    const auto instrument = sound_instrument();
    auto result = check_instrument(instrument);
    ASSERT_TRUE(result.ok()) << fields_of(result.error().fields);
    EXPECT_EQ(result->key, instrument.key);
    EXPECT_EQ(result->sections.size(), 2u);
    EXPECT_EQ(find_question(*result, "goals")->type, QuestionType::multiple);
    EXPECT_EQ(find_question(*result, "nothing"), nullptr);
}

TEST(InstrumentCheck, RejectsBadKeyVersionWaveAndRespondent) {
    auto instrument = sound_instrument();
    instrument.key = "Mobilise SME";
    instrument.version = 0;
    instrument.wave = "Post";
    instrument.respondent = "contact";
    instrument.consent.version = 0;
    const auto errors = problems(instrument);
    EXPECT_EQ(errors.size(), 5u) << fields_of(errors);
    EXPECT_TRUE(has_field(errors, "key"));
    EXPECT_TRUE(has_field(errors, "version"));
    EXPECT_TRUE(has_field(errors, "wave"));
    EXPECT_TRUE(has_field(errors, "respondent"));
    EXPECT_TRUE(has_field(errors, "consent.version"));
}

TEST(InstrumentCheck, RejectsKebabKeysWithEmptyParts) {
    for (const auto* key : {"-a", "a-", "a--b", ""}) {
        auto instrument = sound_instrument();
        instrument.key = key;
        EXPECT_TRUE(has_field(problems(instrument), "key")) << key;
    }
}

TEST(InstrumentCheck, RejectsDuplicateQuestionKeysAcrossSections) {
    auto instrument = sound_instrument();
    instrument.sections[1].questions[0].key = "staff_count";
    const auto errors = problems(instrument);
    ASSERT_EQ(errors.size(), 1u) << fields_of(errors);
    EXPECT_EQ(errors[0].field, "sections[1].questions[0].key");
}

TEST(InstrumentCheck, RejectsBadAndDuplicateSectionKeys) {
    auto instrument = sound_instrument();
    instrument.sections[1].key = "company";
    EXPECT_TRUE(has_field(problems(instrument), "sections[1].key"));
    instrument.sections[1].key = "Expectations";
    EXPECT_TRUE(has_field(problems(instrument), "sections[1].key"));
}

TEST(InstrumentCheck, RejectsBadQuestionKey) {
    auto instrument = sound_instrument();
    instrument.sections[0].questions[1].key = "Crossborder";
    EXPECT_TRUE(has_field(problems(instrument), "sections[0].questions[1].key"));
}

TEST(InstrumentCheck, RequiresEveryLanguageInEveryText) {
    auto instrument = sound_instrument();
    instrument.title.erase("fr");
    instrument.consent.statement["fr"] = "";
    instrument.sections[0].title.erase("en");
    instrument.sections[1].questions[2].choices[1].label.erase("fr");
    instrument.sections[0].questions[0].text["de"] = "Frage";
    const auto errors = problems(instrument);
    EXPECT_EQ(errors.size(), 5u) << fields_of(errors);
    EXPECT_TRUE(has_field(errors, "title"));
    EXPECT_TRUE(has_field(errors, "consent.statement"));
    EXPECT_TRUE(has_field(errors, "sections[0].title"));
    EXPECT_TRUE(has_field(errors, "sections[1].questions[2].choices[1].label"));
    EXPECT_TRUE(has_field(errors, "sections[0].questions[0].text"));
}

TEST(InstrumentCheck, OptionalTextsMayBeAbsentButNotPartial) {
    auto instrument = sound_instrument();
    instrument.sections[1].questions[5].hint = {};
    EXPECT_TRUE(problems(instrument).empty());
    instrument.sections[1].questions[5].hint = {{"en", "No names"}};
    const auto errors = problems(instrument);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], (FieldError{"sections[1].questions[5].hint", "missing the text in fr"}));
}

TEST(InstrumentCheck, RejectsBadLanguageLists) {
    auto instrument = sound_instrument();
    instrument.languages = {"en", "fr", "en"};
    EXPECT_TRUE(has_field(problems(instrument), "languages[2]"));
    instrument.languages = {"EN", "fr"};
    EXPECT_TRUE(has_field(problems(instrument), "languages[0]"));
    instrument.languages = {};
    EXPECT_TRUE(has_field(problems(instrument), "languages"));
}

TEST(InstrumentCheck, ChoiceQuestionsNeedTwoUniqueSnakeCaseChoices) {
    auto instrument = sound_instrument();
    auto& sector = instrument.sections[1].questions[2];
    sector.choices.resize(1);
    EXPECT_TRUE(has_field(problems(instrument), "sections[1].questions[2].choices"));

    sector.choices = {{"ict", texts("ICT")}, {"ict", texts("ICT again")}, {"Trade", texts("Trade")}};
    const auto errors = problems(instrument);
    EXPECT_EQ(errors.size(), 2u) << fields_of(errors);
    EXPECT_TRUE(has_field(errors, "sections[1].questions[2].choices[1].value"));
    EXPECT_TRUE(has_field(errors, "sections[1].questions[2].choices[2].value"));

    auto& goals = instrument.sections[1].questions[3];
    goals.choices = {};
    EXPECT_TRUE(has_field(problems(instrument), "sections[1].questions[3].choices"));
}

TEST(InstrumentCheck, Likert5AndOtherTypesTakeNoChoices) {
    auto instrument = sound_instrument();
    instrument.sections[1].questions[0].choices = {{"a", texts("A")}, {"b", texts("B")}};
    const auto errors = problems(instrument);
    ASSERT_EQ(errors.size(), 1u) << fields_of(errors);
    EXPECT_EQ(errors[0].field, "sections[1].questions[0].choices");
}

TEST(InstrumentCheck, ScaleNeedsMinBelowMax) {
    auto instrument = sound_instrument();
    auto& scale = instrument.sections[1].questions[1];
    scale.min = 5;
    scale.max = 5;
    EXPECT_TRUE(has_field(problems(instrument), "sections[1].questions[1].max"));
    scale.max.reset();
    EXPECT_TRUE(has_field(problems(instrument), "sections[1].questions[1]"));
}

TEST(InstrumentCheck, BoundsMustFitTheType) {
    auto instrument = sound_instrument();
    instrument.sections[1].questions[0].min = 1;          // likert5
    instrument.sections[1].questions[4].min = 1;          // decimal: integer bounds
    instrument.sections[0].questions[1].max_length = 10;  // boolean
    instrument.sections[0].questions[0].min = 10;         // integer min > max
    instrument.sections[0].questions[0].max = 1;
    instrument.sections[1].questions[6].decimal_max = 2.5;  // date
    const auto errors = problems(instrument);
    EXPECT_EQ(errors.size(), 5u) << fields_of(errors);
    EXPECT_TRUE(has_field(errors, "sections[1].questions[0].min"));
    EXPECT_TRUE(has_field(errors, "sections[1].questions[4].min"));
    EXPECT_TRUE(has_field(errors, "sections[0].questions[1].max_length"));
    EXPECT_TRUE(has_field(errors, "sections[0].questions[0].max"));
    EXPECT_TRUE(has_field(errors, "sections[1].questions[6]"));
}

TEST(InstrumentCheck, OnlyScalesHaveAnchorsAndTheyNeedEveryLanguage) {
    auto instrument = sound_instrument();
    auto& scale = instrument.sections[1].questions[1];
    scale.anchor_min = texts("No knowledge");
    scale.anchor_max = texts("Expert");
    EXPECT_TRUE(problems(instrument).empty());
    scale.anchor_max = {};  // one end alone is fine
    EXPECT_TRUE(problems(instrument).empty());

    scale.anchor_min = {{"en", "No knowledge"}};
    instrument.sections[1].questions[0].anchor_max = texts("Expert");  // likert5
    const auto errors = problems(instrument);
    ASSERT_EQ(errors.size(), 2u) << fields_of(errors);
    EXPECT_EQ(errors[0], (FieldError{"sections[1].questions[0].anchors", "only scale questions have anchors"}));
    EXPECT_EQ(errors[1], (FieldError{"sections[1].questions[1].anchors.min", "missing the text in fr"}));
}

TEST(InstrumentCheck, DecimalBoundsAreOrderedAndFinite) {
    auto instrument = sound_instrument();
    auto& turnover = instrument.sections[1].questions[4];
    turnover.decimal_min = 0.5;
    turnover.decimal_max = 0.25;
    EXPECT_TRUE(has_field(problems(instrument), "sections[1].questions[4].max"));
    turnover.decimal_max = 1e300 * 1e300;
    EXPECT_TRUE(has_field(problems(instrument), "sections[1].questions[4].max"));
    turnover.decimal_max = 10.0;
    EXPECT_TRUE(problems(instrument).empty());
}

TEST(InstrumentCheck, RejectsAForwardReference) {
    auto instrument = sound_instrument();
    instrument.sections[0].questions[0].relevant = relevance("${goals} != 'x' or count-selected(${goals}) > 0");
    const auto errors = problems(instrument);
    ASSERT_EQ(errors.size(), 1u) << fields_of(errors);
    EXPECT_EQ(errors[0].field, "sections[0].questions[0].relevant");
    EXPECT_NE(errors[0].message.find("${goals}"), std::string::npos);
}

TEST(InstrumentCheck, RejectsAReferenceToItselfOrToNothing) {
    auto instrument = sound_instrument();
    instrument.sections[0].questions[0].constraint = constraint("${staff_count} >= 1");
    instrument.sections[0].questions[1].relevant = relevance("${no_such_question} = 1");
    const auto errors = problems(instrument);
    EXPECT_EQ(errors.size(), 2u) << fields_of(errors);
    EXPECT_TRUE(has_field(errors, "sections[0].questions[0].constraint"));
    EXPECT_TRUE(has_field(errors, "sections[0].questions[1].relevant"));
}

TEST(InstrumentCheck, RejectsDotInARelevanceExpression) {
    auto instrument = sound_instrument();
    // Built as a constraint by mistake: check_instrument still sees the '.' in `relevant`.
    instrument.sections[0].questions[1].relevant = constraint(". = true");
    const auto errors = problems(instrument);
    ASSERT_EQ(errors.size(), 1u) << fields_of(errors);
    EXPECT_EQ(errors[0].field, "sections[0].questions[1].relevant");
    EXPECT_NE(errors[0].message.find("'.' may only be used in a constraint"), std::string::npos);
}

TEST(InstrumentCheck, ConstraintMessageNeedsAConstraint) {
    auto instrument = sound_instrument();
    instrument.sections[0].questions[0].constraint_message = texts("Too small");
    EXPECT_TRUE(has_field(problems(instrument), "sections[0].questions[0].constraint_message"));
}

TEST(InstrumentCheck, CollectsManyProblemsAtOnce) {
    auto instrument = sound_instrument();
    instrument.respondent = "";
    instrument.title = {};
    instrument.sections[1].questions[1].max = 0;
    instrument.sections[1].questions[2].choices.clear();
    instrument.sections[1].questions[3].key = "sector";
    instrument.sections.push_back(Section{"empty", texts("Empty"), {}});
    const auto errors = problems(instrument);
    EXPECT_EQ(errors.size(), 6u) << fields_of(errors);
    EXPECT_TRUE(has_field(errors, "respondent"));
    EXPECT_TRUE(has_field(errors, "title"));
    EXPECT_TRUE(has_field(errors, "sections[1].questions[1].max"));
    EXPECT_TRUE(has_field(errors, "sections[1].questions[2].choices"));
    EXPECT_TRUE(has_field(errors, "sections[1].questions[3].key"));
    EXPECT_TRUE(has_field(errors, "sections[2].questions"));
}

TEST(InstrumentCheck, NeedsASection) {
    auto instrument = sound_instrument();
    instrument.sections.clear();
    EXPECT_TRUE(has_field(problems(instrument), "sections"));
}

TEST(InstrumentExpression, ParseErrorsNameTheQuestionField) {
    const auto ok =
        parse_question_expression("${a} >= 4", ExpressionUse::relevance, "sections[0].questions[1].relevant");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->references(), std::vector<std::string>{"a"});

    const auto bad = parse_question_expression(". >= 4", ExpressionUse::relevance, "sections[0].questions[1].relevant");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
    ASSERT_EQ(bad.error().fields.size(), 1u);
    EXPECT_EQ(bad.error().fields[0].field, "sections[0].questions[1].relevant");
    EXPECT_EQ(bad.error().fields[0].message, bad.error().message);
}

}  // namespace
}  // namespace yardstick::domain
