#pragma once
// Answers to an instrument and their validation against it (issue 3: "A question that is not relevant must be
// absent; required means required when relevant").

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "yardstick/domain/expression.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::domain {

/// One answer as it arrives: a boolean (boolean), a whole number (likert5, scale, integer; also accepted for
/// decimal), a number (decimal), a string (single choice value, text, "YYYY-MM-DD" date) or the chosen values of
/// a multiple choice. A whole number sent as a double (3.0) is not a whole number: the JSON layer decides.
using AnswerValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

/// Answers by question key; a key that is absent means not answered.
using Answers = std::map<std::string, AnswerValue>;

/// What an expression sees of an answer (int64 becomes double).
ExpressionValue to_expression_value(const AnswerValue& value);

/// How strictly to validate: a draft may leave anything out; a submission must answer every relevant required
/// question. Both check types, relevance and constraints of what is given.
enum class ValidationMode { draft, submission };

/// Validates `answers` against `instrument` (which should have passed check_instrument). Questions are visited in
/// instrument order; each one's `relevant` is evaluated against the answers accepted so far, where a question
/// that is not relevant or whose answer is invalid counts as absent (so B depending on an irrelevant A sees no
/// answer). Returns invalid_argument with one FieldError per problem, `field` being the question key (or the
/// unknown key): "unknown question", a type error such as "must be a whole number from 1 to 5", "not relevant:
/// leave it out", the constraint message in the instrument's first language, or (submission only) "required".
/// For the required check an empty string or an empty selection counts as not answered.
Status validate_answers(const Instrument& instrument, const Answers& answers, ValidationMode mode);

/// The questions to show given `answers`, in instrument order, with the same relevance rules as
/// validate_answers(). Pointers into `instrument`.
std::vector<const Question*> relevant_questions(const Instrument& instrument, const Answers& answers);

}  // namespace yardstick::domain
