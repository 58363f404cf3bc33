#pragma once
// Survey instruments: a versioned questionnaire for one respondent kind and one wave, in several languages.
// Plain values; check_instrument() is the one place that decides whether an Instrument is sound. Mapping from
// and to JSON lives in server/ (issue 3, "Instrument format").

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yardstick/domain/expression.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::domain {

/// Text in several languages: language code ("en") → text.
using LocalisedText = std::map<std::string, std::string>;

/// The text in `language`; English when it lacks that language; else its
/// first language; empty when it has none.
std::string in_language(const LocalisedText& text, const std::string& language);

/// What kind of answer a question takes (see answer.hpp for the values each accepts).
enum class QuestionType { likert5, scale, boolean, single, multiple, integer, decimal, text, date };

/// Stable name of a type as written in instrument files, e.g. "likert5".
std::string_view to_string(QuestionType type) noexcept;

/// The type named `name` (as written by to_string), or nullopt.
std::optional<QuestionType> parse_question_type(std::string_view name) noexcept;

/// One option of a single or multiple choice question; `value` is snake_case and is what answers carry.
struct Choice {
    std::string value;
    LocalisedText label;
};

/// One question. Which fields apply depends on `type`:
/// - `choices` only for single and multiple;
/// - `min` / `max` (inclusive, integers) for scale (both required, min < max) and integer (each optional);
///   likert5 is always 1..5 and takes neither;
/// - `decimal_min` / `decimal_max` (inclusive) only for decimal;
/// - `max_length` (UTF-8 code points) only for text;
/// - `anchor_min` / `anchor_max` only for scale: labels of its lowest and highest point ("No knowledge" …
///   "Expert"), each optional, so that a respondent knows which end is which.
/// `hint`, `constraint_message` and the anchors may be empty (absent); when given they need every language.
/// `personal` marks answers that may identify a person (free text); they never go into events in clear.
struct Question {
    std::string key;
    QuestionType type = QuestionType::text;
    LocalisedText text;
    LocalisedText hint;
    bool required = false;
    std::vector<Choice> choices;
    std::optional<std::int64_t> min;
    std::optional<std::int64_t> max;
    std::optional<double> decimal_min;
    std::optional<double> decimal_max;
    LocalisedText anchor_min;
    LocalisedText anchor_max;
    std::optional<std::int64_t> max_length;
    std::optional<Expression> relevant;
    std::optional<Expression> constraint;
    LocalisedText constraint_message;
    bool personal = false;
};

/// A titled group of questions; the order of sections and questions is the order they are asked in.
struct Section {
    std::string key;
    LocalisedText title;
    std::vector<Question> questions;
};

/// The consent a respondent agrees to before answering; `version` (≥ 1) is recorded with each response.
struct Consent {
    int version = 1;
    LocalisedText purpose;
    LocalisedText audience;
    LocalisedText statement;
};

/// A versioned questionnaire. `key` is kebab-case (`mobilisesme-sending-pre`), `version` ≥ 1, `wave` is
/// `pre`, `post`, `follow-up` or a round label (`2018`), `respondent` one of kRespondentKinds, `languages` the
/// codes every text must be given in (the first is the default).
struct Instrument {
    std::string key;
    int version = 1;
    std::string wave;
    std::string respondent;
    std::vector<std::string> languages;
    LocalisedText title;
    Consent consent;
    std::vector<Section> sections;
};

/// The respondent kinds an instrument can be written for.
inline constexpr std::string_view kRespondentKinds[] = {"sending", "hosting", "employee",
                                                        "sme",     "mentor",  "respondent"};

/// True for one of kRespondentKinds.
bool is_valid_respondent(std::string_view respondent) noexcept;

/// True for a wave label: `pre`, `post`, `follow-up` or a round label `[a-z0-9-]{1,32}` (e.g. `2018`).
bool is_valid_wave(std::string_view wave) noexcept;

/// True for a question, section or choice key: `[a-z][a-z0-9_]*`, at most 64 characters.
bool is_valid_question_key(std::string_view key) noexcept;

/// Parses a question's relevance or constraint expression; on error the FieldError is renamed to `field`
/// (e.g. "sections[0].questions[2].relevant") so that the caller can say which question is wrong.
Result<Expression> parse_question_expression(std::string_view text, ExpressionUse use, std::string field);

/// The question with key `key`, or nullptr. The pointer is valid as long as `instrument` is unchanged.
const Question* find_question(const Instrument& instrument, std::string_view key) noexcept;

/// Structural validation. Returns the instrument unchanged when it is sound, otherwise invalid_argument with
/// every problem found as a FieldError whose field is a path such as `sections[1].questions[3].choices`:
/// key formats, unique question keys across the instrument (and unique section keys), a valid respondent and
/// wave, every LocalisedText complete in `languages` (and no others), choices (≥ 2, unique snake_case values)
/// exactly for single/multiple, bounds and anchors that fit the type, and relevant/constraint expressions that
/// refer only to questions asked earlier (never to the question itself), with '.' only in constraints.
Result<Instrument> check_instrument(Instrument instrument);

}  // namespace yardstick::domain
