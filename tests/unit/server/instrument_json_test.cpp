#include "server/json/instrument_json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "server/templates/bundled_templates.hpp"

namespace yardstick::server::json {
namespace {

using nlohmann::json;

json texts(const std::string& en) {
    return {{"en", en}, {"fr", en + " (fr)"}};
}

// A sound two-language instrument using most members: indices of questions are relied on below.
json sample_document() {
    return {
        {"key", "sample-sending-pre"},
        {"version", 2},
        {"wave", "pre"},
        {"respondent", "sending"},
        {"languages", {"en", "fr"}},
        {"title", texts("Before the exchange")},
        {"consent",
         {{"version", 1}, {"purpose", texts("Purpose")}, {"audience", texts("Audience")}, {"statement", texts("OK")}}},
        {"sections",
         {{{"key", "company"},
           {"title", texts("Your company")},
           {"questions",
            {{{"key", "staff_count"},
              {"type", "integer"},
              {"text", texts("Staff")},
              {"hint", texts("Head count")},
              {"required", true},
              {"min", 1},
              {"max", 100000},
              {"constraint", ". >= 1"},
              {"constraint_message", texts("At least one")}},
             {{"key", "crossborder_active"}, {"type", "boolean"}, {"text", texts("Abroad?")}, {"required", true}},
             {{"key", "crossborder_countries"},
              {"type", "integer"},
              {"text", texts("How many countries?")},
              {"relevant", "${crossborder_active} = true"}},
             {{"key", "turnover"}, {"type", "decimal"}, {"text", texts("Turnover")}, {"min", 0.5}, {"max", 99.75}}}}},
          {{"key", "expectations"},
           {"title", texts("Expectations")},
           {"questions",
            {{{"key", "expect_growth"}, {"type", "likert5"}, {"text", texts("Growth")}, {"required", true}},
             {{"key", "skill"},
              {"type", "scale"},
              {"text", texts("Skill")},
              {"min", 0},
              {"max", 5},
              {"anchors", {{"min", texts("None")}, {"max", texts("Expert")}}}},
             {{"key", "goals"},
              {"type", "multiple"},
              {"text", texts("Goals")},
              {"choices",
               {{{"value", "markets"}, {"label", texts("New markets")}},
                {{"value", "skills"}, {"label", texts("Skills")}}}}},
             {{"key", "comment"},
              {"type", "text"},
              {"text", texts("Anything else?")},
              {"max_length", 2000},
              {"personal", true}},
             {{"key", "started_on"}, {"type", "date"}, {"text", texts("Start")}, {"required", false}}}}}}},
    };
}

std::string fields_of(const Error& error) {
    std::string out;
    for (const auto& e : error.fields) {
        out += e.field + ": " + e.message + "\n";
    }
    return out;
}

std::vector<FieldError> problems(const json& document) {
    auto result = instrument_from_json(document);
    if (result.ok()) {
        return {};
    }
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    return result.error().fields;
}

const FieldError* find_field(const std::vector<FieldError>& errors, const std::string& field) {
    const auto it = std::find_if(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
    return it == errors.end() ? nullptr : &*it;
}

std::string describe(const std::vector<FieldError>& errors) {
    return fields_of(Error{ErrorCode::invalid_argument, "", errors});
}

void expect_same_expression(const std::optional<domain::Expression>& a, const std::optional<domain::Expression>& b) {
    ASSERT_EQ(a.has_value(), b.has_value());
    if (a) {
        EXPECT_EQ(a->text(), b->text());
    }
}

// Field for field: domain::Instrument has no operator== (an Expression compares by its text).
void expect_same_instrument(const domain::Instrument& a, const domain::Instrument& b) {
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.version, b.version);
    EXPECT_EQ(a.wave, b.wave);
    EXPECT_EQ(a.respondent, b.respondent);
    EXPECT_EQ(a.languages, b.languages);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.consent.version, b.consent.version);
    EXPECT_EQ(a.consent.purpose, b.consent.purpose);
    EXPECT_EQ(a.consent.audience, b.consent.audience);
    EXPECT_EQ(a.consent.statement, b.consent.statement);
    ASSERT_EQ(a.sections.size(), b.sections.size());
    for (std::size_t s = 0; s < a.sections.size(); ++s) {
        const auto& sa = a.sections[s];
        const auto& sb = b.sections[s];
        SCOPED_TRACE("section " + sa.key);
        EXPECT_EQ(sa.key, sb.key);
        EXPECT_EQ(sa.title, sb.title);
        ASSERT_EQ(sa.questions.size(), sb.questions.size());
        for (std::size_t q = 0; q < sa.questions.size(); ++q) {
            const auto& qa = sa.questions[q];
            const auto& qb = sb.questions[q];
            SCOPED_TRACE("question " + qa.key);
            EXPECT_EQ(qa.key, qb.key);
            EXPECT_EQ(qa.type, qb.type);
            EXPECT_EQ(qa.text, qb.text);
            EXPECT_EQ(qa.hint, qb.hint);
            EXPECT_EQ(qa.required, qb.required);
            ASSERT_EQ(qa.choices.size(), qb.choices.size());
            for (std::size_t c = 0; c < qa.choices.size(); ++c) {
                EXPECT_EQ(qa.choices[c].value, qb.choices[c].value);
                EXPECT_EQ(qa.choices[c].label, qb.choices[c].label);
            }
            EXPECT_EQ(qa.min, qb.min);
            EXPECT_EQ(qa.max, qb.max);
            EXPECT_EQ(qa.decimal_min, qb.decimal_min);
            EXPECT_EQ(qa.decimal_max, qb.decimal_max);
            EXPECT_EQ(qa.anchor_min, qb.anchor_min);
            EXPECT_EQ(qa.anchor_max, qb.anchor_max);
            EXPECT_EQ(qa.max_length, qb.max_length);
            expect_same_expression(qa.relevant, qb.relevant);
            expect_same_expression(qa.constraint, qb.constraint);
            EXPECT_EQ(qa.constraint_message, qb.constraint_message);
            EXPECT_EQ(qa.personal, qb.personal);
        }
    }
}

TEST(InstrumentFromJson, ReadsEveryMember) {
    auto result = instrument_from_json(sample_document());
    ASSERT_TRUE(result.ok()) << fields_of(result.error());
    const auto& instrument = *result;
    EXPECT_EQ(instrument.key, "sample-sending-pre");
    EXPECT_EQ(instrument.version, 2);
    EXPECT_EQ(instrument.languages, (std::vector<std::string>{"en", "fr"}));
    EXPECT_EQ(instrument.consent.statement.at("fr"), "OK (fr)");

    const auto* staff = domain::find_question(instrument, "staff_count");
    ASSERT_NE(staff, nullptr);
    EXPECT_EQ(staff->type, domain::QuestionType::integer);
    EXPECT_EQ(staff->hint.at("en"), "Head count");
    EXPECT_TRUE(staff->required);
    EXPECT_EQ(staff->min, 1);
    EXPECT_EQ(staff->max, 100000);
    ASSERT_TRUE(staff->constraint.has_value());
    EXPECT_EQ(staff->constraint->text(), ". >= 1");

    const auto* countries = domain::find_question(instrument, "crossborder_countries");
    ASSERT_TRUE(countries->relevant.has_value());
    EXPECT_EQ(countries->relevant->references(), std::vector<std::string>{"crossborder_active"});
    EXPECT_FALSE(countries->required);

    const auto* turnover = domain::find_question(instrument, "turnover");
    EXPECT_EQ(turnover->decimal_min, 0.5);
    EXPECT_EQ(turnover->decimal_max, 99.75);
    EXPECT_FALSE(turnover->min.has_value());

    const auto* skill = domain::find_question(instrument, "skill");
    EXPECT_EQ(skill->anchor_min.at("fr"), "None (fr)");
    EXPECT_EQ(skill->anchor_max.at("en"), "Expert");

    EXPECT_EQ(domain::find_question(instrument, "goals")->choices.size(), 2u);
    EXPECT_TRUE(domain::find_question(instrument, "comment")->personal);
    EXPECT_EQ(domain::find_question(instrument, "comment")->max_length, 2000);
}

TEST(InstrumentFromJson, DecimalBoundsMayBeWholeNumbers) {
    auto document = sample_document();
    document["sections"][0]["questions"][3]["min"] = 0;
    auto result = instrument_from_json(document);
    ASSERT_TRUE(result.ok()) << fields_of(result.error());
    EXPECT_EQ(domain::find_question(*result, "turnover")->decimal_min, 0.0);
}

TEST(InstrumentFromJson, RejectsUnknownMembersWithTheirPath) {
    auto document = sample_document();
    document["colour"] = "blue";
    document["consent"]["signed"] = true;
    document["sections"][1]["questions"][2]["choices"][0]["score"] = 3;
    document["sections"][1]["questions"][1]["anchors"]["middle"] = texts("So-so");
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 4u) << describe(errors);
    EXPECT_EQ(errors[0], (FieldError{"colour", "is not a known member"}));
    EXPECT_NE(find_field(errors, "consent.signed"), nullptr);
    EXPECT_NE(find_field(errors, "sections[1].questions[2].choices[0].score"), nullptr);
    EXPECT_NE(find_field(errors, "sections[1].questions[1].anchors.middle"), nullptr);
}

TEST(InstrumentFromJson, RejectsWrongTypesWithTheirPath) {
    auto document = sample_document();
    document["version"] = "2";
    document["sections"][0]["questions"][0]["min"] = "1";
    document["sections"][0]["questions"][0]["required"] = "yes";
    document["sections"][0]["questions"][1]["text"]["fr"] = nullptr;
    document["sections"][1]["questions"] = json::object();
    const auto errors = problems(document);
    EXPECT_EQ(*find_field(errors, "version"), (FieldError{"version", "must be a whole number, not a string"}));
    EXPECT_EQ(find_field(errors, "sections[0].questions[0].min")->message, "must be a whole number, not a string");
    EXPECT_EQ(find_field(errors, "sections[0].questions[0].required")->message, "must be true or false, not a string");
    EXPECT_EQ(find_field(errors, "sections[0].questions[1].text.fr")->message, "must be a string, not null");
    EXPECT_EQ(find_field(errors, "sections[1].questions")->message, "must be an array, not an object");
    // What follows from those (a text now lacking fr, a section without questions) is not reported again.
    EXPECT_EQ(find_field(errors, "sections[0].questions[1].text"), nullptr) << describe(errors);
    EXPECT_EQ(errors.size(), 5u) << describe(errors);
}

TEST(InstrumentFromJson, UnreadableLanguagesAreReportedAlone) {
    auto document = sample_document();
    document["languages"][1] = 7;
    document["respondent"] = "contact";  // found again once the languages can be read
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0], (FieldError{"languages[1]", "must be a string, not a number"}));
}

TEST(InstrumentFromJson, IntegerBoundsMustBeWholeNumbers) {
    auto document = sample_document();
    document["sections"][1]["questions"][1]["max"] = 4.5;
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0],
              (FieldError{"sections[1].questions[1].max", "must be a whole number (without a decimal point)"}));
}

TEST(InstrumentFromJson, ReportsMissingMembers) {
    auto document = sample_document();
    document.erase("title");
    document["sections"][0]["questions"][1].erase("type");
    document["sections"][1]["questions"][2]["choices"][1].erase("label");
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 3u) << describe(errors);
    EXPECT_EQ(errors[0], (FieldError{"title", "is required"}));
    EXPECT_EQ(errors[1], (FieldError{"sections[0].questions[1].type", "is required"}));
    EXPECT_EQ(errors[2], (FieldError{"sections[1].questions[2].choices[1].label", "is required"}));
}

TEST(InstrumentFromJson, RejectsAnUnknownTypeWithoutFollowUpNoise) {
    auto document = sample_document();
    document["sections"][1]["questions"][1]["type"] = "likert7";  // the scale, with min, max and anchors
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0].field, "sections[1].questions[1].type");
    EXPECT_NE(errors[0].message.find("likert5"), std::string::npos);
}

TEST(InstrumentFromJson, ReportsABadExpressionAtItsPath) {
    auto document = sample_document();
    document["sections"][0]["questions"][2]["relevant"] = "${crossborder_active} =";
    document["sections"][0]["questions"][0]["constraint"] = "${staff_count} >= 1";  // itself, not '.'
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 2u) << describe(errors);
    const auto* itself = find_field(errors, "sections[0].questions[0].constraint");
    ASSERT_NE(itself, nullptr);
    EXPECT_NE(itself->message.find("itself"), std::string::npos);
    const auto* unfinished = find_field(errors, "sections[0].questions[2].relevant");
    ASSERT_NE(unfinished, nullptr);
    EXPECT_EQ(unfinished->message.rfind("at ", 0), 0u) << unfinished->message;

    document = sample_document();
    document["sections"][0]["questions"][1]["relevant"] = ". = true";  // '.' only in constraints
    const auto dot = problems(document);
    ASSERT_EQ(dot.size(), 1u) << describe(dot);
    EXPECT_EQ(dot[0].field, "sections[0].questions[1].relevant");
}

TEST(InstrumentFromJson, RequiresEveryLanguage) {
    auto document = sample_document();
    document["sections"][0]["questions"][0]["text"].erase("fr");
    document["sections"][1]["questions"][1]["anchors"]["max"]["de"] = "Experte";
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 2u) << describe(errors);
    EXPECT_EQ(errors[0], (FieldError{"sections[0].questions[0].text", "missing the text in fr"}));
    EXPECT_EQ(errors[1].field, "sections[1].questions[1].anchors.max");
}

TEST(InstrumentFromJson, AnchorsOnlyOnScales) {
    auto document = sample_document();
    document["sections"][1]["questions"][0]["anchors"] = {{"min", texts("No")}};
    document["sections"][1]["questions"][1]["anchors"] = json::object();
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 2u) << describe(errors);
    EXPECT_EQ(errors[0], (FieldError{"sections[1].questions[1].anchors", "needs min, max or both"}));
    EXPECT_EQ(errors[1], (FieldError{"sections[1].questions[0].anchors", "only scale questions have anchors"}));
}

TEST(InstrumentFromJson, ReportsStructuralAndDomainProblemsTogether) {
    auto document = sample_document();
    document["respondent"] = "contact";                                          // domain
    document["sections"][0]["questions"][3]["max"] = "a lot";                    // structure
    document["sections"][1]["questions"][2]["choices"][1]["value"] = "markets";  // domain: duplicate
    const auto errors = problems(document);
    ASSERT_EQ(errors.size(), 3u) << describe(errors);
    EXPECT_EQ(errors[0].field, "sections[0].questions[3].max");
    EXPECT_NE(find_field(errors, "respondent"), nullptr);
    EXPECT_NE(find_field(errors, "sections[1].questions[2].choices[1].value"), nullptr);
}

TEST(InstrumentFromJson, RejectsANonObjectDocument) {
    for (const auto& document : {json::array(), json("instrument"), json()}) {
        const auto errors = problems(document);
        ASSERT_EQ(errors.size(), 1u) << describe(errors);
        EXPECT_EQ(errors[0].field, "instrument");
    }
}

TEST(InstrumentToJson, RoundTripsTheSample) {
    const auto first = instrument_from_json(sample_document());
    ASSERT_TRUE(first.ok()) << fields_of(first.error());
    const auto written = instrument_to_json(*first);
    auto expected = sample_document();  // with `required` spelt out: it is always written
    for (auto& section : expected["sections"]) {
        for (auto& question : section["questions"]) {
            if (!question.contains("required")) {
                question["required"] = false;
            }
        }
    }
    EXPECT_EQ(written, expected) << written.dump(2);
    const auto again = instrument_from_json(written);
    ASSERT_TRUE(again.ok()) << fields_of(again.error());
    expect_same_instrument(*first, *again);
}

TEST(InstrumentToJson, WritesOnlyWhatIsSet) {
    const auto instrument = instrument_from_json(sample_document()).value();
    const auto written = instrument_to_json(instrument);
    const auto& active = written["sections"][0]["questions"][1];
    EXPECT_EQ(
        active,
        (json{{"key", "crossborder_active"}, {"type", "boolean"}, {"text", texts("Abroad?")}, {"required", true}}));
    EXPECT_TRUE(written["sections"][0]["questions"][3]["min"].is_number_float());
    EXPECT_TRUE(written["sections"][1]["questions"][4].contains("required"));  // always written
}

TEST(InstrumentToJson, RoundTripsEveryBundledInstrument) {
    std::size_t count = 0;
    for (const auto& programme : templates::bundled_templates()) {
        for (const auto& instrument : programme.instruments) {
            SCOPED_TRACE(instrument.key);
            const auto written = instrument_to_json(instrument);
            const auto again = instrument_from_json(written);
            ASSERT_TRUE(again.ok()) << fields_of(again.error());
            expect_same_instrument(instrument, *again);
            EXPECT_EQ(instrument_to_json(*again), written);
            ++count;
        }
    }
    EXPECT_EQ(count, 11u);
}

TEST(LocalisedInstrumentJson, GivesPlainTextsInTheLanguage) {
    const auto instrument = instrument_from_json(sample_document()).value();
    const auto form = localised_instrument_json(instrument, "fr");
    EXPECT_EQ(form["language"], "fr");
    EXPECT_EQ(form["title"], "Before the exchange (fr)");
    EXPECT_EQ(form["consent"]["statement"], "OK (fr)");
    EXPECT_EQ(form["sections"][0]["title"], "Your company (fr)");
    const auto& staff = form["sections"][0]["questions"][0];
    EXPECT_EQ(staff["text"], "Staff (fr)");
    EXPECT_EQ(staff["hint"], "Head count (fr)");
    EXPECT_EQ(staff["constraint"], ". >= 1");
    EXPECT_EQ(staff["constraint_message"], "At least one (fr)");
    EXPECT_EQ(form["sections"][1]["questions"][1]["anchors"], (json{{"min", "None (fr)"}, {"max", "Expert (fr)"}}));
    EXPECT_EQ(form["sections"][1]["questions"][2]["choices"][0],
              (json{{"value", "markets"}, {"label", "New markets (fr)"}}));
    EXPECT_EQ(form["languages"], (json{"en", "fr"}));
}

TEST(LocalisedInstrumentJson, FallsBackToTheFirstLanguage) {
    const auto instrument = instrument_from_json(sample_document()).value();
    for (const auto* language : {"de", "", "english"}) {
        const auto form = localised_instrument_json(instrument, language);
        EXPECT_EQ(form["language"], "en") << language;
        EXPECT_EQ(form["title"], "Before the exchange") << language;
        // The likert points follow the language used, not the one asked for.
        EXPECT_EQ(form["sections"][1]["questions"][0]["choices"][0]["label"], "Strongly disagree") << language;
    }
}

TEST(LocalisedInstrumentJson, Likert5CarriesFiveLabelledPointsInEveryLanguage) {
    const auto* mobilisesme = templates::find_template("mobilisesme");
    ASSERT_NE(mobilisesme, nullptr);
    const auto& instrument = mobilisesme->instruments.front();
    const auto likert_choices = [&](const char* language) {
        std::vector<json> all;
        const auto form = localised_instrument_json(instrument, language);
        EXPECT_EQ(form["language"], language);
        for (const auto& section : form["sections"]) {
            for (const auto& question : section["questions"]) {
                if (question["type"] == "likert5") {
                    all.push_back(question["choices"]);
                }
            }
        }
        return all;
    };
    const auto english = likert_choices("en").at(0);
    for (const auto* language : {"en", "fr", "de", "it"}) {
        SCOPED_TRACE(language);
        const auto questions = likert_choices(language);
        ASSERT_FALSE(questions.empty());
        for (const auto& choices : questions) {
            ASSERT_EQ(choices.size(), 5u);
            EXPECT_EQ(choices, questions.front());  // one wording for every likert5 question
            for (int point = 0; point < 5; ++point) {
                EXPECT_EQ(choices[point]["value"], point + 1);
                ASSERT_TRUE(choices[point]["label"].is_string());
                EXPECT_FALSE(choices[point]["label"].get<std::string>().empty());
                if (std::string_view(language) != "en") {
                    EXPECT_NE(choices[point]["label"], english[point]["label"]);
                }
            }
        }
    }
    EXPECT_EQ(english[0]["label"], "Strongly disagree");
    EXPECT_EQ(english[4]["label"], "Strongly agree");
}

}  // namespace
}  // namespace yardstick::server::json
