#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>
#include <type_traits>

#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/registry.hpp"

namespace yardstick::domain {

namespace {

constexpr std::string_view kDefaultConstraintMessage = "is not an accepted answer";

std::string number_text(double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::to_string(value);
}

std::string number_text(std::int64_t value) {
    return std::to_string(value);
}

// " from 1 to 5", " of at least 1", " of at most 9" or "" for the bounds that are given.
template <typename T>
std::string range_text(const std::optional<T>& min, const std::optional<T>& max) {
    if (min && max) {
        return " from " + number_text(*min) + " to " + number_text(*max);
    }
    if (min) {
        return " of at least " + number_text(*min);
    }
    if (max) {
        return " of at most " + number_text(*max);
    }
    return {};
}

// The number of code points of `text`, or nullopt when it is not valid UTF-8 (overlong forms, surrogates and
// values above U+10FFFF included, RFC 3629 section 4).
std::optional<std::size_t> utf8_length(std::string_view text) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        char32_t code = 0;
        char32_t smallest = 0;
        if (lead < 0x80) {
            code = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            code = lead & 0x1F;
            smallest = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            code = lead & 0x0F;
            smallest = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            code = lead & 0x07;
            smallest = 0x10000;
        } else {
            return std::nullopt;
        }
        if (extra > text.size() - i - 1) {
            return std::nullopt;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                return std::nullopt;
            }
            code = (code << 6) | (next & 0x3F);
        }
        if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return std::nullopt;
        }
        i += extra + 1;
        ++count;
    }
    return count;
}

bool is_choice(const Question& question, const std::string& value) {
    return std::any_of(question.choices.begin(), question.choices.end(),
                       [&](const Choice& choice) { return choice.value == value; });
}

// Why `value` is not an answer of the question's type, or nullopt when it is one.
std::optional<std::string> type_problem(const Question& question, const AnswerValue& value) {
    const auto* whole = std::get_if<std::int64_t>(&value);
    const auto* text = std::get_if<std::string>(&value);
    switch (question.type) {
        case QuestionType::likert5:
            if (!whole || *whole < 1 || *whole > 5) {
                return "must be a whole number from 1 to 5";
            }
            return std::nullopt;
        case QuestionType::scale:
        case QuestionType::integer:
            if (!whole || (question.min && *whole < *question.min) || (question.max && *whole > *question.max)) {
                return "must be a whole number" + range_text(question.min, question.max);
            }
            return std::nullopt;
        case QuestionType::decimal: {
            std::optional<double> number;
            if (whole) {
                number = static_cast<double>(*whole);
            } else if (const auto* real = std::get_if<double>(&value)) {
                number = *real;
            }
            if (!number || !std::isfinite(*number) || (question.decimal_min && *number < *question.decimal_min) ||
                (question.decimal_max && *number > *question.decimal_max)) {
                return "must be a number" + range_text(question.decimal_min, question.decimal_max);
            }
            return std::nullopt;
        }
        case QuestionType::boolean:
            if (!std::holds_alternative<bool>(value)) {
                return "must be true or false";
            }
            return std::nullopt;
        case QuestionType::single:
            if (!text) {
                return "must be one of the choices";
            }
            if (!is_choice(question, *text)) {
                return "is not one of the choices";
            }
            return std::nullopt;
        case QuestionType::multiple: {
            const auto* chosen = std::get_if<std::vector<std::string>>(&value);
            if (!chosen) {
                return "must be a list of choices";
            }
            std::set<std::string_view> seen;
            for (const auto& item : *chosen) {
                if (!is_choice(question, item)) {
                    return "'" + item + "' is not one of the choices";
                }
                if (!seen.insert(item).second) {
                    return "'" + item + "' is chosen twice";
                }
            }
            return std::nullopt;
        }
        case QuestionType::text: {
            if (!text) {
                return "must be text";
            }
            const auto length = utf8_length(*text);
            if (!length) {
                return "is not valid UTF-8 text";
            }
            if (question.max_length && static_cast<std::int64_t>(*length) > *question.max_length) {
                return "must be at most " + std::to_string(*question.max_length) + " characters long";
            }
            return std::nullopt;
        }
        case QuestionType::date:
            if (!text || !parse_date(*text)) {
                return "not a valid date (YYYY-MM-DD)";
            }
            return std::nullopt;
    }
    return "has an unknown question type";
}

std::string constraint_message(const Instrument& instrument, const Question& question) {
    if (!instrument.languages.empty()) {
        if (const auto it = question.constraint_message.find(instrument.languages.front());
            it != question.constraint_message.end() && !it->second.empty()) {
            return it->second;
        }
    }
    for (const auto& [language, message] : question.constraint_message) {
        if (!message.empty()) {
            return message;
        }
    }
    return std::string(kDefaultConstraintMessage);
}

bool is_empty_answer(const AnswerValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return text->empty();
    }
    if (const auto* chosen = std::get_if<std::vector<std::string>>(&value)) {
        return chosen->empty();
    }
    return false;
}

// What happened to one question when walking the instrument.
struct Visit {
    const Question* question = nullptr;
    bool relevant = false;
    const AnswerValue* given = nullptr;  // the answer sent, if any
    std::optional<std::string> problem;  // type or constraint problem of a relevant, given answer
};

// Walks the instrument in order; an answer is seen by later expressions only when its question is relevant and
// the answer passes its type check and constraint.
std::vector<Visit> walk(const Instrument& instrument, const Answers& answers) {
    std::map<std::string, ExpressionValue, std::less<>> accepted;
    const auto lookup = [&accepted](std::string_view key) -> ExpressionValue {
        const auto it = accepted.find(key);
        return it == accepted.end() ? ExpressionValue{} : it->second;
    };
    std::vector<Visit> visits;
    for (const auto& section : instrument.sections) {
        for (const auto& question : section.questions) {
            Visit visit;
            visit.question = &question;
            visit.relevant = !question.relevant || question.relevant->evaluate(lookup);
            if (const auto it = answers.find(question.key); it != answers.end()) {
                visit.given = &it->second;
            }
            if (visit.relevant && visit.given) {
                visit.problem = type_problem(question, *visit.given);
                if (!visit.problem) {
                    auto current = to_expression_value(*visit.given);
                    if (question.constraint && !question.constraint->evaluate(lookup, current)) {
                        visit.problem = constraint_message(instrument, question);
                    } else {
                        accepted.insert_or_assign(question.key, std::move(current));
                    }
                }
            }
            visits.push_back(std::move(visit));
        }
    }
    return visits;
}

}  // namespace

ExpressionValue to_expression_value(const AnswerValue& value) {
    return std::visit(
        [](const auto& v) -> ExpressionValue {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                return static_cast<double>(v);
            } else {
                return v;
            }
        },
        value);
}

Status validate_answers(const Instrument& instrument, const Answers& answers, ValidationMode mode) {
    std::vector<FieldError> errors;
    for (const auto& [key, value] : answers) {
        if (find_question(instrument, key) == nullptr) {
            errors.push_back({key, "unknown question"});
        }
    }
    for (const auto& visit : walk(instrument, answers)) {
        const auto& key = visit.question->key;
        if (!visit.relevant) {
            if (visit.given) {
                errors.push_back({key, "not relevant: leave it out"});
            }
        } else if (visit.problem) {
            errors.push_back({key, *visit.problem});
        } else if (mode == ValidationMode::submission && visit.question->required &&
                   (!visit.given || is_empty_answer(*visit.given))) {
            errors.push_back({key, "required"});
        }
    }
    if (errors.empty()) {
        return {};
    }
    return Error{ErrorCode::invalid_argument,
                 std::to_string(errors.size()) + (errors.size() == 1 ? " answer is" : " answers are") + " not valid",
                 std::move(errors)};
}

std::vector<const Question*> relevant_questions(const Instrument& instrument, const Answers& answers) {
    std::vector<const Question*> relevant;
    for (const auto& visit : walk(instrument, answers)) {
        if (visit.relevant) {
            relevant.push_back(visit.question);
        }
    }
    return relevant;
}

}  // namespace yardstick::domain
