#include "yardstick/domain/expression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace yardstick::domain {
namespace {

using Answers = std::map<std::string, ExpressionValue, std::less<>>;
using Choices = std::vector<std::string>;

std::function<ExpressionValue(std::string_view)> lookup(const Answers& answers) {
    return [&answers](std::string_view key) -> ExpressionValue {
        const auto found = answers.find(key);
        return found == answers.end() ? ExpressionValue{} : found->second;
    };
}

// Parses as a constraint (the superset of the language) and evaluates; a parse failure fails the test.
bool holds(std::string_view text, const Answers& answers = {}, const ExpressionValue& current = {}) {
    const auto expression = Expression::parse(text, ExpressionUse::constraint);
    if (!expression.ok()) {
        ADD_FAILURE() << "'" << text << "' did not parse: " << expression.error().message;
        return false;
    }
    return expression->evaluate(lookup(answers), current);
}

// The message of the parse error, or "" when the text parses.
std::string error_of(std::string_view text, ExpressionUse use = ExpressionUse::constraint) {
    const auto expression = Expression::parse(text, use);
    if (expression.ok()) {
        return "";
    }
    EXPECT_EQ(expression.error().code, ErrorCode::invalid_argument);
    return expression.error().message;
}

// --- literals and numbers -------------------------------------------------------------------------------------

TEST(ExpressionLiterals, TrueAndFalse) {
    EXPECT_TRUE(holds("true"));
    EXPECT_FALSE(holds("false"));
}

TEST(ExpressionLiterals, NumbersAreIntegersOrDecimalsWithOptionalMinus) {
    EXPECT_TRUE(holds("${q} = 3", {{"q", 3.0}}));
    EXPECT_TRUE(holds("${q} = 0.5", {{"q", 0.5}}));
    EXPECT_TRUE(holds("${q} = -2", {{"q", -2.0}}));
    EXPECT_TRUE(holds("${q} = -0.25", {{"q", -0.25}}));
    EXPECT_TRUE(holds("${q} = 007", {{"q", 7.0}}));
    EXPECT_TRUE(holds("1 = 1.0"));
    EXPECT_TRUE(holds("-0 = 0"));
    EXPECT_TRUE(holds("${q}>=-1", {{"q", -1.0}}));
}

TEST(ExpressionLiterals, StringsMayHoldAnythingButAQuote) {
    EXPECT_TRUE(holds("${city} = 'Zürich (CH), \"old town\"'", {{"city", std::string("Zürich (CH), \"old town\"")}}));
    EXPECT_TRUE(holds("${q} = ''", {{"q", std::string()}}));
}

// --- comparisons ----------------------------------------------------------------------------------------------

struct NumberCase {
    std::string_view text;
    bool expected;

    friend std::ostream& operator<<(std::ostream& out, const NumberCase& c) { return out << c.text; }
};

class ExpressionNumberComparison : public ::testing::TestWithParam<NumberCase> {};

TEST_P(ExpressionNumberComparison, ComparesNumerically) {
    EXPECT_EQ(holds(GetParam().text, {{"q", 2.0}}), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(ExpressionOperators, ExpressionNumberComparison,
                         ::testing::Values(NumberCase{"${q} = 2", true}, NumberCase{"${q} = 3", false},
                                           NumberCase{"${q} != 3", true}, NumberCase{"${q} != 2", false},
                                           NumberCase{"${q} < 3", true}, NumberCase{"${q} < 2", false},
                                           NumberCase{"${q} <= 2", true}, NumberCase{"${q} <= 1.5", false},
                                           NumberCase{"${q} > 1", true}, NumberCase{"${q} > 2", false},
                                           NumberCase{"${q} >= 2", true}, NumberCase{"${q} >= 2.5", false},
                                           NumberCase{"3 > ${q}", true}, NumberCase{"2.0 >= ${q}", true}));

TEST(ExpressionComparison, StringsCompareForEqualityOnly) {
    const Answers answers{{"country", std::string("AT")}, {"other", std::string("AT")}};
    EXPECT_TRUE(holds("${country} = 'AT'", answers));
    EXPECT_FALSE(holds("${country} = 'at'", answers));
    EXPECT_TRUE(holds("${country} != 'DE'", answers));
    EXPECT_FALSE(holds("${country} != 'AT'", answers));
    EXPECT_TRUE(holds("${country} = ${other}", answers));
    // Ordering two answers cannot be rejected at load time; at run time it is false.
    EXPECT_FALSE(holds("${country} < ${other}", answers));
    EXPECT_FALSE(holds("${country} <= ${other}", answers));
    EXPECT_FALSE(holds("${country} >= ${other}", answers));
}

TEST(ExpressionComparison, BooleansCompareForEqualityOnly) {
    const Answers answers{{"yes", true}, {"no", false}};
    EXPECT_TRUE(holds("${yes} = true", answers));
    EXPECT_FALSE(holds("${yes} = false", answers));
    EXPECT_TRUE(holds("${no} != true", answers));
    EXPECT_TRUE(holds("${yes} != ${no}", answers));
    EXPECT_FALSE(holds("${yes} > ${no}", answers));
}

TEST(ExpressionComparison, ConditionsCompareAsBooleans) {
    const Answers answers{{"a", 3.0}, {"b", 0.0}};
    EXPECT_TRUE(holds("(${a} > 1) = true", answers));
    EXPECT_TRUE(holds("(${a} > 1) != (${b} > 1)", answers));
    EXPECT_TRUE(holds("not(${b} > 1) = selected(${c}, 'x') or true", answers));
    EXPECT_TRUE(holds("(1 < 2) = true"));
}

TEST(ExpressionComparison, MixedTypesAreFalseForEveryOperatorWithoutConversion) {
    const Answers answers{{"text", std::string("1")}, {"number", 1.0}, {"flag", true}, {"list", Choices{"1"}}};
    EXPECT_FALSE(holds("${text} = 1", answers));
    EXPECT_FALSE(holds("${text} != 1", answers));
    EXPECT_FALSE(holds("${number} = '1'", answers));
    EXPECT_FALSE(holds("${number} != '1'", answers));
    EXPECT_FALSE(holds("${flag} = 1", answers));
    EXPECT_FALSE(holds("${number} = true", answers));
    EXPECT_FALSE(holds("${text} = ${number}", answers));
    EXPECT_FALSE(holds("${text} != ${number}", answers));
}

TEST(ExpressionComparison, ListsCompareWithNothing) {
    const Answers answers{{"tools", Choices{"crm"}}, {"same", Choices{"crm"}}};
    EXPECT_FALSE(holds("${tools} = 'crm'", answers));
    EXPECT_FALSE(holds("${tools} != 'crm'", answers));
    EXPECT_FALSE(holds("${tools} = ${same}", answers));
    EXPECT_FALSE(holds("${tools} != ${same}", answers));
}

TEST(ExpressionComparison, NotANumberAnswerIsUnequalToEverything) {
    const Answers answers{{"q", std::numeric_limits<double>::quiet_NaN()}};
    EXPECT_FALSE(holds("${q} = 0", answers));
    EXPECT_FALSE(holds("${q} < 0", answers));
    EXPECT_FALSE(holds("${q} >= 0", answers));
    EXPECT_TRUE(holds("${q} != 0", answers));
}

// --- absent answers -------------------------------------------------------------------------------------------

TEST(ExpressionAbsent, EveryComparisonWithAnAbsentSideIsFalse) {
    for (const std::string_view text :
         {"${q} = 2", "${q} != 2", "${q} < 2", "${q} <= 2", "${q} > 2", "${q} >= 2", "2 != ${q}", "${q} = 'x'",
          "${q} != 'x'", "${q} = true", "${q} != false", "${q} = ${r}", "${q} != ${r}"}) {
        EXPECT_FALSE(holds(text)) << text;
    }
}

TEST(ExpressionAbsent, NotOfAComparisonWithAnAbsentSideIsTrue) {
    EXPECT_TRUE(holds("not(${q} <= 2)"));
    EXPECT_TRUE(holds("not(${q} = 2)"));
}

TEST(ExpressionAbsent, AnEmptyLookupMeansEveryAnswerIsAbsent) {
    const auto expression = Expression::parse("${q} != 1 or count-selected(${goals}) = 0", ExpressionUse::relevance);
    ASSERT_TRUE(expression.ok());
    EXPECT_TRUE(expression->evaluate({}));
}

// --- and, or, not, precedence, short-circuit ------------------------------------------------------------------

TEST(ExpressionLogic, TruthTables) {
    EXPECT_TRUE(holds("true and true"));
    EXPECT_FALSE(holds("true and false"));
    EXPECT_FALSE(holds("false and true"));
    EXPECT_FALSE(holds("false and false"));
    EXPECT_TRUE(holds("true or true"));
    EXPECT_TRUE(holds("true or false"));
    EXPECT_TRUE(holds("false or true"));
    EXPECT_FALSE(holds("false or false"));
    EXPECT_TRUE(holds("not(false)"));
    EXPECT_FALSE(holds("not(true)"));
    EXPECT_TRUE(holds("not(not(true))"));
    EXPECT_TRUE(holds("false or false or false or true"));
    EXPECT_FALSE(holds("true and true and true and false"));
}

TEST(ExpressionLogic, AndBindsTighterThanOr) {
    EXPECT_TRUE(holds("true or false and false"));
    EXPECT_TRUE(holds("false and false or true"));
    EXPECT_FALSE(holds("(true or false) and false"));
    EXPECT_FALSE(holds("false and (false or true)"));
}

TEST(ExpressionLogic, ComparisonBindsTighterThanAndAndOr) {
    const Answers answers{{"a", 1.0}, {"b", 5.0}};
    EXPECT_TRUE(holds("${a} = 1 and ${b} > 4", answers));
    EXPECT_TRUE(holds("${a} = 2 or ${b} = 5", answers));
    EXPECT_FALSE(holds("${a} = 2 or ${b} = 5 and ${a} = 3", answers));
}

TEST(ExpressionLogic, NotAppliesToItsParenthesisedArgumentOnly) {
    EXPECT_TRUE(holds("not(false) and true"));
    EXPECT_FALSE(holds("not(false) and false"));
    EXPECT_TRUE(holds("not(false and true) or false"));
}

TEST(ExpressionLogic, AndAndOrShortCircuit) {
    std::vector<std::string> asked;
    const auto answers = [&asked](std::string_view key) -> ExpressionValue {
        asked.emplace_back(key);
        return key == "a" ? ExpressionValue{1.0} : ExpressionValue{2.0};
    };
    const auto conjunction = Expression::parse("${a} = 2 and ${b} = 2", ExpressionUse::relevance);
    ASSERT_TRUE(conjunction.ok());
    EXPECT_FALSE(conjunction->evaluate(answers));
    EXPECT_EQ(asked, std::vector<std::string>{"a"});

    asked.clear();
    const auto disjunction = Expression::parse("${a} = 1 or ${b} = 2", ExpressionUse::relevance);
    ASSERT_TRUE(disjunction.ok());
    EXPECT_TRUE(disjunction->evaluate(answers));
    EXPECT_EQ(asked, std::vector<std::string>{"a"});

    asked.clear();
    EXPECT_TRUE(conjunction->evaluate([&asked](std::string_view key) -> ExpressionValue {
        asked.emplace_back(key);
        return 2.0;
    }));
    EXPECT_EQ(asked, (std::vector<std::string>{"a", "b"}));
}

// --- values used directly as conditions -----------------------------------------------------------------------

TEST(ExpressionTruth, ABareAnswerIsTrueForTrueNonZeroNumbersAndNonEmptyLists) {
    EXPECT_TRUE(holds("${q}", {{"q", true}}));
    EXPECT_FALSE(holds("${q}", {{"q", false}}));
    EXPECT_TRUE(holds("${q}", {{"q", 3.0}}));
    EXPECT_TRUE(holds("${q}", {{"q", -0.5}}));
    EXPECT_FALSE(holds("${q}", {{"q", 0.0}}));
    EXPECT_FALSE(holds("${q}", {{"q", std::numeric_limits<double>::quiet_NaN()}}));
    EXPECT_TRUE(holds("${q}", {{"q", Choices{"crm"}}}));
    EXPECT_FALSE(holds("${q}", {{"q", Choices{}}}));
    EXPECT_FALSE(holds("${q}"));
}

TEST(ExpressionTruth, StringsAreNeverTrueSoThatNoIsNotYes) {
    EXPECT_FALSE(holds("${q}", {{"q", std::string("no")}}));
    EXPECT_FALSE(holds("${q}", {{"q", std::string("yes")}}));
    EXPECT_TRUE(holds("${q} = 'yes'", {{"q", std::string("yes")}}));
}

TEST(ExpressionTruth, NotAndLogicUseTheSameTruth) {
    EXPECT_TRUE(holds("not(${crossborder_active})"));
    EXPECT_TRUE(holds("not(${crossborder_active})", {{"crossborder_active", false}}));
    EXPECT_FALSE(holds("not(${crossborder_active})", {{"crossborder_active", true}}));
    EXPECT_TRUE(holds("${a} and ${b}", {{"a", true}, {"b", 1.0}}));
    EXPECT_FALSE(holds("${a} or ${b}", {{"a", std::string("yes")}, {"b", Choices{}}}));
    EXPECT_TRUE(holds("count-selected(${goals})", {{"goals", Choices{"x"}}}));
    EXPECT_FALSE(holds("count-selected(${goals})"));
    EXPECT_TRUE(holds("1"));
    EXPECT_FALSE(holds("0"));
}

// --- selected and count-selected ------------------------------------------------------------------------------

TEST(ExpressionSelected, FindsAChoiceInAListOrASingleChoice) {
    const Answers answers{{"tools", Choices{"erp", "crm"}},
                          {"single", std::string("crm")},
                          {"none", Choices{}},
                          {"number", 1.0},
                          {"flag", true}};
    EXPECT_TRUE(holds("selected(${tools}, 'crm')", answers));
    EXPECT_TRUE(holds("selected(${tools}, 'erp')", answers));
    EXPECT_FALSE(holds("selected(${tools}, 'CRM')", answers));
    EXPECT_FALSE(holds("selected(${tools}, 'cr')", answers));
    EXPECT_TRUE(holds("selected(${single}, 'crm')", answers));
    EXPECT_FALSE(holds("selected(${single}, 'erp')", answers));
    EXPECT_FALSE(holds("selected(${none}, 'crm')", answers));
    EXPECT_FALSE(holds("selected(${absent}, 'crm')", answers));
    EXPECT_FALSE(holds("selected(${number}, '1')", answers));
    EXPECT_FALSE(holds("selected(${flag}, 'true')", answers));
    EXPECT_TRUE(holds("not(selected(${tools}, 'web'))", answers));
    EXPECT_TRUE(holds("selected( ${tools} , 'crm' )", answers));
}

TEST(ExpressionSelected, CountsListsSingleChoicesAndAbsentAnswers) {
    const Answers answers{{"goals", Choices{"a", "b", "c"}}, {"none", Choices{}}, {"single", std::string("a")},
                          {"blank", std::string()},          {"number", 7.0},     {"flag", true}};
    EXPECT_TRUE(holds("count-selected(${goals}) = 3", answers));
    EXPECT_TRUE(holds("count-selected(${goals}) >= 2", answers));
    EXPECT_FALSE(holds("count-selected(${goals}) > 3", answers));
    EXPECT_TRUE(holds("count-selected(${none}) = 0", answers));
    EXPECT_TRUE(holds("count-selected(${single}) = 1", answers));
    EXPECT_TRUE(holds("count-selected(${blank}) = 0", answers));
    EXPECT_TRUE(holds("count-selected(${absent}) = 0", answers));
    EXPECT_TRUE(holds("count-selected(${number}) = 0", answers));
    EXPECT_TRUE(holds("count-selected(${flag}) = 0", answers));
    EXPECT_TRUE(holds("count-selected(${goals}) = count-selected(${goals})", answers));
}

// --- '.' in constraints ---------------------------------------------------------------------------------------

TEST(ExpressionCurrent, DotIsTheAnswerBeingChecked) {
    EXPECT_TRUE(holds(". >= 1 and . <= 61", {}, 30.0));
    EXPECT_TRUE(holds(". >= 1 and . <= 61", {}, 61.0));
    EXPECT_FALSE(holds(". >= 1 and . <= 61", {}, 0.0));
    EXPECT_FALSE(holds(". >= 1 and . <= 61", {}, 62.0));
    EXPECT_FALSE(holds(". >= 1 and . <= 61"));
    EXPECT_TRUE(holds(".>=1", {}, 1.0));
    EXPECT_TRUE(holds(". = 'other'", {}, std::string("other")));
    EXPECT_TRUE(holds("selected(., 'crm')", {}, Choices{"crm"}));
    EXPECT_TRUE(holds("count-selected(.) <= ${max_tools}", {{"max_tools", 2.0}}, Choices{"crm", "erp"}));
    EXPECT_TRUE(holds(".", {}, true));
}

TEST(ExpressionCurrent, DotIsRefusedInRelevance) {
    EXPECT_EQ(error_of(". >= 1", ExpressionUse::relevance), "at 1: '.' may only be used in a constraint");
    EXPECT_EQ(error_of("${a} = 1 or count-selected(.) > 1", ExpressionUse::relevance),
              "at 28: '.' may only be used in a constraint");
    EXPECT_EQ(error_of(". >= 1", ExpressionUse::constraint), "");
}

// --- the examples of the brief --------------------------------------------------------------------------------

TEST(ExpressionExamples, InstrumentExpressions) {
    EXPECT_TRUE(holds("${matched_needs} <= 2", {{"matched_needs", 2.0}}));
    EXPECT_FALSE(holds("${matched_needs} <= 2", {}));
    const Answers company{{"q", 4.0}, {"tools", Choices{"crm", "erp"}}};
    EXPECT_TRUE(holds("${q} >= 4 and selected(${tools}, 'crm')", company));
    EXPECT_FALSE(holds("${q} >= 5 and selected(${tools}, 'crm')", company));
    EXPECT_TRUE(holds("count-selected(${goals}) >= 2", {{"goals", Choices{"export", "hiring"}}}));
    EXPECT_TRUE(holds("\t${q} >= 4\n and\r\n${q} < 5 ", company));
}

// --- references, text, value semantics ------------------------------------------------------------------------

TEST(ExpressionReferences, AreInOrderOfFirstAppearanceWithoutDuplicates) {
    const auto expression =
        Expression::parse("${b} > 1 and (selected(${a}, 'x') or ${b} = 2) and count-selected(${c}) = 0 or not(${a})",
                          ExpressionUse::relevance);
    ASSERT_TRUE(expression.ok());
    EXPECT_EQ(expression->references(), (std::vector<std::string>{"b", "a", "c"}));
}

TEST(ExpressionReferences, AreEmptyWithoutAnswersAndIgnoreDot) {
    const auto expression = Expression::parse(". > 1 and true", ExpressionUse::constraint);
    ASSERT_TRUE(expression.ok());
    EXPECT_TRUE(expression->references().empty());
}

TEST(ExpressionValueSemantics, KeepsTheTextAndCopiesOutliveTheOriginal) {
    std::optional<Expression> copy;
    {
        const std::string text = "${q_1} = 'a b'";
        auto expression = Expression::parse(text, ExpressionUse::relevance);
        ASSERT_TRUE(expression.ok());
        copy = *expression;
    }
    EXPECT_EQ(copy->text(), "${q_1} = 'a b'");
    EXPECT_EQ(copy->references(), std::vector<std::string>{"q_1"});
    EXPECT_TRUE(copy->evaluate(lookup({{"q_1", std::string("a b")}})));
    const Expression second = *copy;
    EXPECT_EQ(second.text(), copy->text());
}

// --- parse errors, with positions -----------------------------------------------------------------------------

struct ErrorCase {
    std::string_view text;
    std::string_view message;

    friend std::ostream& operator<<(std::ostream& out, const ErrorCase& c) { return out << c.text; }
};

class ExpressionParseError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ExpressionParseError, NamesThePositionAndTheProblem) {
    EXPECT_EQ(error_of(GetParam().text), GetParam().message) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    ExpressionGrammar, ExpressionParseError,
    ::testing::Values(
        ErrorCase{"", "at 1: expression is empty"}, ErrorCase{"  \t ", "at 1: expression is empty"},
        ErrorCase{"${q} >=", "at 8: expected a value, found the end of the expression"},
        ErrorCase{"${q} = ,", "at 8: expected a value, found ','"},
        ErrorCase{"and", "at 1: expected a value, found 'and'"},
        ErrorCase{"true or", "at 8: expected a value, found the end of the expression"},
        ErrorCase{"()", "at 2: expected a value, found ')'"}, ErrorCase{"= 1", "at 1: expected a value, found '='"},
        ErrorCase{"(${q} = 1", "at 10: expected ')' to close the '(' at 1, found the end of the expression"},
        ErrorCase{"${q} = 1)", "at 9: unexpected ')' without a matching '('"},
        ErrorCase{"${a} ${b}", "at 6: expected 'and', 'or' or the end of the expression, found '${b}'"},
        ErrorCase{"true 'x'", "at 6: expected 'and', 'or' or the end of the expression, found 'x'"},
        ErrorCase{"1 < 2 < 3", "at 7: comparisons do not chain; join them with 'and'"},
        ErrorCase{"${a} = ${b} = ${c}", "at 13: comparisons do not chain; join them with 'and'"},
        ErrorCase{"not ${a}", "at 5: expected '(' after 'not', found '${a}'"},
        ErrorCase{"not(${a}", "at 9: expected ')' after the argument of not(), found the end of the expression"},
        ErrorCase{"count-selected(${goals} >= 2",
                  "at 25: expected ')' after the argument of count-selected(), found '>='"},
        ErrorCase{"count-selected ${goals}", "at 16: expected '(' after 'count-selected', found '${goals}'"},
        ErrorCase{"count-selected('a')",
                  "at 16: expected an answer such as ${key} as the first argument of count-selected(), found 'a'"},
        ErrorCase{"selected('crm', ${q})",
                  "at 10: expected an answer such as ${key} as the first argument of selected(), found 'crm'"},
        ErrorCase{"selected(${q} 'x')", "at 15: expected ',' after the first argument of selected(), found 'x'"},
        ErrorCase{"selected(${q})", "at 14: expected ',' after the first argument of selected(), found ')'"},
        ErrorCase{"selected(${q}, crm)",
                  "at 16: expected a quoted choice such as 'crm' as the second argument of selected(), found 'crm'"},
        ErrorCase{"selected(${q}, 1)",
                  "at 16: expected a quoted choice such as 'crm' as the second argument of selected(), found '1'"},
        ErrorCase{"selected(${q}, 'x'",
                  "at 19: expected ')' after the second argument of selected(), found the end of the expression"},
        ErrorCase{"selected(${q}, 'x', 'y')", "at 19: expected ')' after the second argument of selected(), found ','"},
        ErrorCase{"selectd(${q}, 'x')",
                  "at 1: unknown function 'selectd'; the functions are not(), selected() and count-selected()"},
        ErrorCase{"${q} = 1 or count (${q}) > 1",
                  "at 13: unknown function 'count'; the functions are not(), selected() and count-selected()"},
        ErrorCase{"consent = 'yes'", "at 1: unknown name 'consent'; an answer is written ${key}"},
        ErrorCase{"${a} = 1 AND ${b} = 2",
                  "at 10: expected 'and', 'or' or the end of the expression, found 'AND'; write 'and' in lower case"},
        ErrorCase{"(${a} = 1 OR ${b} = 2)",
                  "at 11: expected ')' to close the '(' at 1, found 'OR'; write 'or' in lower case"},
        ErrorCase{"${a} = 1 and Not(${b})", "at 14: unknown function 'Not'; write 'not' in lower case"},
        ErrorCase{"${a} = True", "at 8: unknown name 'True'; write 'true' in lower case"},
        ErrorCase{"NOT(${a})", "at 1: unknown function 'NOT'; write 'not' in lower case"}));

INSTANTIATE_TEST_SUITE_P(
    ExpressionLexical, ExpressionParseError,
    ::testing::Values(
        ErrorCase{"${q} = 'abc", "at 8: unterminated string; close it with '"},
        ErrorCase{"'", "at 1: unterminated string; close it with '"},
        ErrorCase{"${q} = \"x\"", "at 8: unexpected character '\"'; strings use single quotes"},
        ErrorCase{"$q = 1", "at 1: expected '{' after '$'; an answer is written ${key}"},
        ErrorCase{"${} = 1", "at 3: expected a question key after '${' (a lower-case letter first)"},
        ErrorCase{"${Q} = 1", "at 3: expected a question key after '${' (a lower-case letter first)"},
        ErrorCase{"${1q} = 1", "at 3: expected a question key after '${' (a lower-case letter first)"},
        ErrorCase{"${myQ} = 1", "at 5: a question key has only lower-case letters, digits and '_'"},
        ErrorCase{"${my-q} = 1", "at 5: a question key has only lower-case letters, digits and '_'"},
        ErrorCase{"${q = 1", "at 4: expected '}' after question key 'q'"},
        ErrorCase{"${q", "at 4: expected '}' after question key 'q'"},
        ErrorCase{"${q} == 1", "at 6: '==' is not an operator; write '='"},
        ErrorCase{"!${q}", "at 1: unexpected '!'; write not(...) or '!='"},
        ErrorCase{"${a} && ${b}", "at 6: unexpected character '&'; write 'and' or 'or'"},
        ErrorCase{"${a} || ${b}", "at 6: unexpected character '|'; write 'and' or 'or'"},
        ErrorCase{"${a} + 1 > 2", "at 6: unexpected character '+'"},
        ErrorCase{"${a} = 1 ¬", "at 10: unexpected character"},
        ErrorCase{"${a} > - 1", "at 8: '-' must be followed directly by a number; there is no arithmetic"},
        ErrorCase{"${a} > -${b}", "at 8: '-' must be followed directly by a number; there is no arithmetic"},
        ErrorCase{". > .5", "at 5: a number needs a digit before the decimal point, e.g. 0.5"},
        ErrorCase{"${a} > 1.", "at 10: expected a digit after the decimal point"},
        ErrorCase{"${a} > 1.x", "at 10: expected a digit after the decimal point"},
        ErrorCase{"${a} > 1e3", "at 8: malformed number '1e3'"},
        ErrorCase{"${a} > 1.2.3", "at 8: malformed number '1.2.3'"},
        ErrorCase{"${a} = 1and true", "at 8: malformed number '1and'"},
        ErrorCase{"${a} = 1-2", "at 8: malformed number '1-2'"}));

INSTANTIATE_TEST_SUITE_P(
    ExpressionTypes, ExpressionParseError,
    ::testing::Values(
        ErrorCase{"'a' < 'b'", "at 5: a string cannot be compared with '<', only with '=' and '!='"},
        ErrorCase{"${q} >= 'b'", "at 6: a string cannot be compared with '>=', only with '=' and '!='"},
        ErrorCase{"'b' > ${q}", "at 5: a string cannot be compared with '>', only with '=' and '!='"},
        ErrorCase{"${q} <= true", "at 6: true/false cannot be compared with '<=', only with '=' and '!='"},
        ErrorCase{"selected(${q}, 'a') < ${r}",
                  "at 21: true/false cannot be compared with '<', only with '=' and '!='"},
        ErrorCase{"1 = 'a'", "at 3: cannot compare a number with a string; the comparison is never true"},
        ErrorCase{"'1' != 1", "at 5: cannot compare a string with a number; the comparison is never true"},
        ErrorCase{"true = 1", "at 6: cannot compare true/false with a number; the comparison is never true"},
        ErrorCase{"count-selected(${g}) = 'x'",
                  "at 22: cannot compare a number with a string; the comparison is never true"},
        ErrorCase{"(${a} > 1) = 1", "at 12: cannot compare true/false with a number; the comparison is never true"},
        ErrorCase{"'yes'", "at 1: a quoted string is not a condition; compare it, e.g. ${q} = 'yes'"},
        ErrorCase{"${a} = 1 and 'x'", "at 14: a quoted string is not a condition; compare it, e.g. ${q} = 'yes'"},
        ErrorCase{"'x' or ${a}", "at 1: a quoted string is not a condition; compare it, e.g. ${q} = 'yes'"},
        ErrorCase{"not('x')", "at 5: a quoted string is not a condition; compare it, e.g. ${q} = 'yes'"},
        ErrorCase{"('x')", "at 2: a quoted string is not a condition; compare it, e.g. ${q} = 'yes'"}));

TEST(ExpressionParseErrors, CarryTheUseAsTheFieldName) {
    const auto relevance = Expression::parse("${q} >", ExpressionUse::relevance);
    ASSERT_FALSE(relevance.ok());
    EXPECT_EQ(relevance.error().code, ErrorCode::invalid_argument);
    ASSERT_EQ(relevance.error().fields.size(), 1u);
    EXPECT_EQ(relevance.error().fields[0].field, "relevant");
    EXPECT_EQ(relevance.error().fields[0].message, relevance.error().message);

    const auto constraint = Expression::parse(". >", ExpressionUse::constraint);
    ASSERT_FALSE(constraint.ok());
    ASSERT_EQ(constraint.error().fields.size(), 1u);
    EXPECT_EQ(constraint.error().fields[0].field, "constraint");
}

TEST(ExpressionParseErrors, ReportTheFirstProblemInReadingOrder) {
    // The unknown function comes before the unterminated string.
    EXPECT_EQ(error_of("selectd(${q}, 'x"),
              "at 1: unknown function 'selectd'; the functions are not(), selected() and count-selected()");
    // The lexical error comes before the missing parenthesis.
    EXPECT_EQ(error_of("(${q} = 'x"), "at 9: unterminated string; close it with '");
}

TEST(ExpressionParseErrors, PositionsCountCharactersNotBytes) {
    EXPECT_EQ(error_of("${a} = 'é' and"), "at 15: expected a value, found the end of the expression");
    EXPECT_EQ(error_of("${a} = 'ÄÖÜ' or ${b} ${c}"),
              "at 22: expected 'and', 'or' or the end of the expression, found '${c}'");
}

TEST(ExpressionParseErrors, NumbersOutOfRangeAreRejected) {
    EXPECT_EQ(error_of("${a} > 1" + std::string(400, '0')), "at 8: number out of range");
}

// --- limits ---------------------------------------------------------------------------------------------------

TEST(ExpressionLimits, AcceptsTheLongestTextAndRejectsOneCharacterMore) {
    const std::string longest = std::string(kMaxExpressionLength - 4, ' ') + "true";
    EXPECT_EQ(error_of(longest), "");
    EXPECT_EQ(error_of(" " + longest), "at 1001: expression is 1001 characters long; the limit is 1000");
}

TEST(ExpressionLimits, CountsTheLengthInCharacters) {
    std::string text = "${a} = '";
    for (std::size_t i = 0; i < kMaxExpressionLength - 9; ++i) {
        text += "é";
    }
    text += "'";
    EXPECT_EQ(error_of(text), "");
    EXPECT_TRUE(holds(text, {{"a", text.substr(8, text.size() - 9)}}));
    EXPECT_EQ(error_of(text + " "), "at 1001: expression is 1001 characters long; the limit is 1000");
}

std::string nested(int depth, std::string_view open, std::string_view inner) {
    std::string text;
    for (int i = 0; i < depth; ++i) {
        text += open;
    }
    text += inner;
    text += std::string(static_cast<std::size_t>(depth), ')');
    return text;
}

TEST(ExpressionLimits, AcceptsTheDeepestNestingAndRejectsOneLevelMore) {
    EXPECT_TRUE(holds(nested(kMaxExpressionNesting, "(", "${a} = 1"), {{"a", 1.0}}));
    EXPECT_EQ(error_of(nested(kMaxExpressionNesting + 1, "(", "${a} = 1")),
              "at 33: parentheses are nested more than 32 levels deep");
    // 32 times not(): an even number of negations.
    EXPECT_TRUE(holds(nested(kMaxExpressionNesting, "not(", "true")));
    EXPECT_EQ(error_of(nested(kMaxExpressionNesting + 1, "not(", "true")),
              "at 132: parentheses are nested more than 32 levels deep");
    EXPECT_EQ(error_of(nested(kMaxExpressionNesting, "(", "count-selected(${g}) = 0")),
              "at 47: parentheses are nested more than 32 levels deep");
}

TEST(ExpressionLimits, LongChainsOfAndAndOrCostNoDepth) {
    std::string conjunction = "${a}";
    std::string disjunction = "${a} = 0";
    for (int i = 0; i < 90; ++i) {
        conjunction += " and ${a}";
    }
    for (int i = 0; i < 60; ++i) {
        disjunction += " or ${a} = 0";
    }
    disjunction += " or ${a} = 1";
    EXPECT_TRUE(holds(conjunction, {{"a", true}}));
    EXPECT_FALSE(holds(conjunction, {{"a", false}}));
    EXPECT_TRUE(holds(disjunction, {{"a", 1.0}}));
}

}  // namespace
}  // namespace yardstick::domain
