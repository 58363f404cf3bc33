#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "server/json/instrument_json.hpp"

namespace yardstick::server::json {
namespace {

using nlohmann::json;

json texts(const std::string& en) {
    return {{"en", en}};
}

// One question of each kind that matters for events: plain, free text, and personal.
domain::Instrument small_instrument() {
    const json document = {
        {"key", "small-post"},
        {"version", 1},
        {"wave", "post"},
        {"respondent", "employee"},
        {"languages", {"en"}},
        {"title", texts("After")},
        {"consent",
         {{"version", 1}, {"purpose", texts("Purpose")}, {"audience", texts("Audience")}, {"statement", texts("OK")}}},
        {"sections",
         {{{"key", "main"},
           {"title", texts("Main")},
           {"questions",
            {{{"key", "useful"}, {"type", "likert5"}, {"text", texts("Useful?")}, {"required", true}},
             {{"key", "goals"},
              {"type", "multiple"},
              {"text", texts("Goals")},
              {"choices", {{{"value", "a"}, {"label", texts("A")}}, {{"value", "b"}, {"label", texts("B")}}}}},
             {{"key", "hours"}, {"type", "decimal"}, {"text", texts("Hours")}},
             {{"key", "comment"}, {"type", "text"}, {"text", texts("Comment")}},
             {{"key", "contact_town"},
              {"type", "single"},
              {"text", texts("Town")},
              {"personal", true},
              {"choices", {{{"value", "x"}, {"label", texts("X")}}, {{"value", "y"}, {"label", texts("Y")}}}}},
             {{"key", "started_on"}, {"type", "date"}, {"text", texts("Start")}}}}}}},
    };
    return instrument_from_json(document).value();
}

std::string fields_of(const Error& error) {
    std::string out;
    for (const auto& e : error.fields) {
        out += e.field + ": " + e.message + "\n";
    }
    return out;
}

TEST(AnswersFromJson, ReadsEveryKindOfValue) {
    const auto result = answers_from_json(json::parse(R"({
        "useful": 4, "negative": -3, "whole_float": 3.0, "hours": 2.5, "exponent": 1e2,
        "flag": true, "choice": "a", "goals": ["a", "b"], "none_chosen": [], "started_on": "2024-02-29"
    })"));
    ASSERT_TRUE(result.ok()) << fields_of(result.error());
    const auto& answers = *result;
    EXPECT_EQ(answers.size(), 10u);
    EXPECT_EQ(std::get<std::int64_t>(answers.at("useful")), 4);
    EXPECT_EQ(std::get<std::int64_t>(answers.at("negative")), -3);
    // 3.0 stays a double: whether a whole number may be written so is the domain's decision.
    EXPECT_EQ(std::get<double>(answers.at("whole_float")), 3.0);
    EXPECT_EQ(std::get<double>(answers.at("hours")), 2.5);
    EXPECT_EQ(std::get<double>(answers.at("exponent")), 100.0);
    EXPECT_EQ(std::get<bool>(answers.at("flag")), true);
    EXPECT_EQ(std::get<std::string>(answers.at("choice")), "a");
    EXPECT_EQ(std::get<std::vector<std::string>>(answers.at("goals")), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(std::get<std::vector<std::string>>(answers.at("none_chosen")).empty());
    EXPECT_EQ(std::get<std::string>(answers.at("started_on")), "2024-02-29");
}

TEST(AnswersFromJson, AcceptsTheInt64Range) {
    const auto result =
        answers_from_json(json::parse(R"({"big": 9223372036854775807, "small": -9223372036854775808})"));
    ASSERT_TRUE(result.ok()) << fields_of(result.error());
    EXPECT_EQ(std::get<std::int64_t>(result->at("big")), INT64_MAX);
    EXPECT_EQ(std::get<std::int64_t>(result->at("small")), INT64_MIN);
}

TEST(AnswersFromJson, RejectsNullObjectsNestedArraysAndHugeNumbersAtOnce) {
    const auto result = answers_from_json(json::parse(R"({
        "skipped": null, "nested": {"value": 3}, "mixed": ["a", 2], "deep": [["a"]],
        "huge": 9223372036854775808, "fine": 1
    })"));
    ASSERT_FALSE(result.ok());
    const auto& error = result.error();
    EXPECT_EQ(error.code, ErrorCode::invalid_argument);
    EXPECT_EQ(error.message, "5 answers cannot be read");
    ASSERT_EQ(error.fields.size(), 5u) << fields_of(error);
    // nlohmann::json keeps members in key order.
    EXPECT_EQ(error.fields[0].field, "deep");
    EXPECT_EQ(error.fields[0].message, "must be a list of choice values (strings), but item 0 is an array");
    EXPECT_EQ(error.fields[1], (FieldError{"huge", "is too large for a whole number"}));
    EXPECT_EQ(error.fields[2],
              (FieldError{"mixed", "must be a list of choice values (strings), but item 1 is a number"}));
    EXPECT_EQ(error.fields[3].field, "nested");
    EXPECT_NE(error.fields[3].message.find("not an object"), std::string::npos);
    EXPECT_EQ(error.fields[4], (FieldError{"skipped", "must not be null: leave an unanswered question out"}));
}

TEST(AnswersFromJson, NeedsAnObject) {
    for (const auto& body : {json::array({1, 2}), json("answers"), json(), json(3)}) {
        const auto result = answers_from_json(body);
        ASSERT_FALSE(result.ok());
        ASSERT_EQ(result.error().fields.size(), 1u);
        EXPECT_EQ(result.error().fields[0].field, "answers");
    }
    EXPECT_EQ(answers_from_json(json::array()).error().fields[0].message,
              "must be an object from question key to answer, not an array");
}

TEST(AnswersFromJson, LeavesUnknownKeysToTheDomain) {
    const auto instrument = small_instrument();
    const auto answers = answers_from_json(json{{"useful", 4}, {"no_such_question", 1}});
    ASSERT_TRUE(answers.ok());
    const auto status = domain::validate_answers(instrument, *answers, domain::ValidationMode::draft);
    ASSERT_FALSE(status.ok());
    ASSERT_EQ(status.error().fields.size(), 1u);
    EXPECT_EQ(status.error().fields[0], (FieldError{"no_such_question", "unknown question"}));
}

TEST(AnswersFromJson, AWholeNumberWrittenAsAFloatIsForTheDomainToJudge) {
    const auto instrument = small_instrument();
    const auto as_float = answers_from_json(json::parse(R"({"useful": 4.0, "hours": 3})"));
    ASSERT_TRUE(as_float.ok());
    const auto status = domain::validate_answers(instrument, *as_float, domain::ValidationMode::draft);
    ASSERT_FALSE(status.ok());
    ASSERT_EQ(status.error().fields.size(), 1u) << fields_of(status.error());
    EXPECT_EQ(status.error().fields[0].field, "useful");  // likert5 wants a whole number; decimal takes 3
}

TEST(AnswersToJson, RoundTrips) {
    const domain::Answers answers = {{"b", true},
                                     {"i", std::int64_t{-7}},
                                     {"d", 3.0},
                                     {"s", std::string("x")},
                                     {"m", std::vector<std::string>{"a", "b"}},
                                     {"e", std::vector<std::string>{}}};
    const auto written = answers_to_json(answers);
    EXPECT_EQ(written.dump(), R"({"b":true,"d":3.0,"e":[],"i":-7,"m":["a","b"],"s":"x"})");
    const auto again = answers_from_json(json::parse(written.dump()));
    ASSERT_TRUE(again.ok()) << fields_of(again.error());
    EXPECT_EQ(*again, answers);
    EXPECT_EQ(answers_to_json({}), json::object());
}

TEST(AnswersForEvent, WithholdsTextPersonalAndUnknownAnswers) {
    const auto instrument = small_instrument();
    const domain::Answers answers = {{"useful", std::int64_t{5}},
                                     {"goals", std::vector<std::string>{"a"}},
                                     {"hours", 1.5},
                                     {"comment", std::string("Call Jane Doe on 555 1234")},
                                     {"contact_town", std::string("x")},
                                     {"started_on", std::string("2024-03-01")},
                                     {"stray", std::string("free text under an unknown key")}};
    const auto event = answers_for_event(instrument, answers);
    EXPECT_EQ(event["answers"], (json{{"useful", 5}, {"goals", {"a"}}, {"hours", 1.5}, {"started_on", "2024-03-01"}}));
    EXPECT_EQ(event["withheld"], (json{"comment", "contact_town", "stray"}));
    EXPECT_EQ(event.dump().find("Jane"), std::string::npos);
}

TEST(AnswersForEvent, EmptyAnswersGiveEmptyLists) {
    const auto event = answers_for_event(small_instrument(), {});
    EXPECT_EQ(event, (json{{"answers", json::object()}, {"withheld", json::array()}}));
}

}  // namespace
}  // namespace yardstick::server::json
