#pragma once
// Relevance and constraint expressions of survey instruments, in the XLSForm style:
//   ${matched_needs} <= 2
//   ${q} >= 4 and selected(${tools}, 'crm')
//   . >= 1 and . <= 61                        (constraints only: '.' is the answer being checked)
//   not(${crossborder_active})
//   count-selected(${goals}) >= 2
// Instrument authors' guide: docs/expressions.md. An expression is parsed and type-checked once, when the
// instrument is loaded; evaluation then cannot fail.
//
// Grammar (lowest precedence first; whitespace is space, tab, CR or LF):
//   or         := and ('or' and)*
//   and        := comparison ('and' comparison)*
//   comparison := primary (('=' | '!=' | '<' | '<=' | '>' | '>=') primary)?     -- does not chain
//   primary    := number | string | 'true' | 'false' | '${' key '}' | '.' | '(' or ')'
//               | 'not' '(' or ')' | 'selected' '(' answer ',' string ')' | 'count-selected' '(' answer ')'
//   answer     := '${' key '}' | '.'
//   key        := [a-z][a-z0-9_]*
//   number     := '-'? [0-9]+ ('.' [0-9]+)?
//   string     := "'" any characters but "'" "'"
// Words are case-sensitive. There is no arithmetic.
//
// Semantics:
// - Absent (std::monostate) means not answered or not relevant. Every comparison with an absent side is false,
//   `!=` included: `${q} <= 2` and `${q} != 2` are both false while q is unanswered.
// - A comparison is true only when both sides have the same type and the relation holds: numbers compare
//   numerically with all six operators; strings (byte-wise) and booleans only with `=` and `!=`. Sides of
//   different types (a number and a string, anything and a list) make every comparison false — there is no
//   conversion, so a choice named 1 is compared as `${q} = '1'`. When the types are known at load time
//   (literals, comparisons, function results) a comparison that could never be true — mixed types, or a string
//   or boolean with `<`, `<=`, `>`, `>=` — is rejected by parse().
// - `selected(x, 'v')` is true iff x is a list containing 'v' or a string equal to 'v' (a single choice).
// - `count-selected(x)` is the size of list x, 1 for a non-empty string, 0 otherwise (absent included).
// - A value used directly as a condition (`${q}`, `.`, `count-selected(...)`, operand of and/or/not, or the
//   whole expression) is true iff it is boolean true, a number other than 0 (NaN is false), or a non-empty list.
//   Absent and every string are false: a yes/no choice is tested as `${consent} = 'yes'`. A quoted string used
//   as a condition is rejected by parse().
// - `and` and `or` short-circuit left to right: `answers` is not consulted for operands that cannot matter.
//
// Limits (checked by parse()): kMaxExpressionLength characters and kMaxExpressionNesting levels of parentheses
// (grouping, not(), selected(), count-selected()). Errors are ErrorCode::invalid_argument whose message starts
// with the 1-based character position, e.g. "at 8: expected a value, found the end of the expression", and
// whose one FieldError names "relevant" or "constraint" (callers may rename it to locate the question).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "yardstick/domain/result.hpp"

namespace yardstick::domain {

/// What an expression sees of an answer: absent (not answered or not relevant), a boolean, a number (integer
/// answers arrive as double), a string (text or single choice), or the chosen values of a multiple choice.
using ExpressionValue = std::variant<std::monostate, bool, double, std::string, std::vector<std::string>>;

/// Where an expression is used. Only a constraint may refer to the answer being checked as '.'.
enum class ExpressionUse { relevance, constraint };

/// Longest accepted expression text, in characters (UTF-8 code points).
inline constexpr std::size_t kMaxExpressionLength = 1000;
/// Deepest accepted nesting of parentheses; it bounds the recursion of parsing and evaluation.
inline constexpr int kMaxExpressionNesting = 32;

namespace expression_detail {
struct Program;
}  // namespace expression_detail

/// A parsed, type-checked relevance or constraint expression. An immutable value: copies share the parsed form.
class Expression {
public:
    /// Parses `text`; errors (invalid_argument) carry the position of the first problem.
    static Result<Expression> parse(std::string_view text, ExpressionUse use);

    /// The text as given to parse().
    const std::string& text() const;

    /// Question keys referenced with ${...}, in order of first appearance, no duplicates.
    const std::vector<std::string>& references() const;

    /// `answers(key)` returns the current answer of question `key` (monostate when absent); it is called only
    /// with keys from references(), possibly more than once, and an empty function means every answer is
    /// absent. `current` is the value of '.'. Never fails: throws only what `answers` or the allocator throw.
    bool evaluate(const std::function<ExpressionValue(std::string_view)>& answers,
                  const ExpressionValue& current = {}) const;

private:
    explicit Expression(std::shared_ptr<const expression_detail::Program> program);

    std::shared_ptr<const expression_detail::Program> program_;
};

}  // namespace yardstick::domain
