#include "yardstick/domain/instrument.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace yardstick::domain {

namespace {

constexpr std::pair<QuestionType, std::string_view> kTypeNames[] = {
    {QuestionType::likert5, "likert5"}, {QuestionType::scale, "scale"},       {QuestionType::boolean, "boolean"},
    {QuestionType::single, "single"},   {QuestionType::multiple, "multiple"}, {QuestionType::integer, "integer"},
    {QuestionType::decimal, "decimal"}, {QuestionType::text, "text"},         {QuestionType::date, "date"},
};

constexpr std::size_t kMaxKeyLength = 64;

bool is_lower_or_digit(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// An instrument key: kebab-case `[a-z0-9]+(-[a-z0-9]+)*`, at most 64 characters.
bool is_valid_instrument_key(std::string_view key) noexcept {
    if (key.empty() || key.size() > kMaxKeyLength || key.front() == '-' || key.back() == '-') {
        return false;
    }
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (key[i] == '-') {
            if (key[i - 1] == '-') {
                return false;
            }
        } else if (!is_lower_or_digit(key[i])) {
            return false;
        }
    }
    return true;
}

// A language code as used in LocalisedText: two lower-case letters (ISO 639-1).
bool is_valid_language(std::string_view language) noexcept {
    return language.size() == 2 && language[0] >= 'a' && language[0] <= 'z' && language[1] >= 'a' && language[1] <= 'z';
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += ", ";
        }
        out += item;
    }
    return out;
}

// Collects every problem of one instrument; `languages` are the instrument's valid language codes.
class Checker {
public:
    explicit Checker(const std::vector<std::string>& languages) : languages_(languages) {}

    void add(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }

    // `optional` texts may be empty as a whole (e.g. a hint that is not given).
    void localised(const std::string& field, const LocalisedText& text, bool optional) {
        if (optional && text.empty()) {
            return;
        }
        std::vector<std::string> missing;
        for (const auto& language : languages_) {
            const auto it = text.find(language);
            if (it == text.end() || it->second.empty()) {
                missing.push_back(language);
            }
        }
        if (!missing.empty()) {
            add(field, "missing the text in " + join(missing));
        }
        std::vector<std::string> extra;
        for (const auto& [language, value] : text) {
            if (std::find(languages_.begin(), languages_.end(), language) == languages_.end()) {
                extra.push_back(language);
            }
        }
        if (!extra.empty()) {
            add(field, "has text in " + join(extra) + ", which is not one of the instrument's languages");
        }
    }

    std::vector<FieldError> take() && { return std::move(errors_); }

private:
    const std::vector<std::string>& languages_;
    std::vector<FieldError> errors_;
};

void check_choices(Checker& checker, const std::string& path, const Question& question) {
    const bool takes_choices = question.type == QuestionType::single || question.type == QuestionType::multiple;
    if (!takes_choices) {
        if (!question.choices.empty()) {
            checker.add(path + ".choices", "only single and multiple choice questions have choices");
        }
        return;
    }
    if (question.choices.size() < 2) {
        checker.add(path + ".choices", "needs at least 2 choices");
    }
    std::set<std::string> seen;
    for (std::size_t c = 0; c < question.choices.size(); ++c) {
        const auto& choice = question.choices[c];
        const std::string choice_path = path + ".choices[" + std::to_string(c) + "]";
        if (!is_valid_question_key(choice.value)) {
            checker.add(choice_path + ".value",
                        "must be snake_case: a lower-case letter, then lower-case letters, digits or '_'");
        } else if (!seen.insert(choice.value).second) {
            checker.add(choice_path + ".value", "'" + choice.value + "' is used by another choice");
        }
        checker.localised(choice_path + ".label", choice.label, false);
    }
}

void check_bounds(Checker& checker, const std::string& path, const Question& question) {
    const bool integer_bounds = question.type == QuestionType::scale || question.type == QuestionType::integer;
    if (!integer_bounds) {
        if (question.min) {
            checker.add(path + ".min", "only scale and integer questions have an integer minimum");
        }
        if (question.max) {
            checker.add(path + ".max", "only scale and integer questions have an integer maximum");
        }
    }
    if (question.type == QuestionType::scale && (!question.min || !question.max)) {
        checker.add(path, "a scale needs both min and max");
    }
    if (integer_bounds && question.min && question.max) {
        const bool strict = question.type == QuestionType::scale;
        if (strict ? *question.min >= *question.max : *question.min > *question.max) {
            checker.add(path + ".max", strict ? "must be greater than min" : "must not be less than min");
        }
    }

    if (question.type != QuestionType::decimal) {
        if (question.decimal_min || question.decimal_max) {
            checker.add(path, "only decimal questions have decimal bounds");
        }
    } else {
        if (question.decimal_min && !std::isfinite(*question.decimal_min)) {
            checker.add(path + ".min", "must be a finite number");
        }
        if (question.decimal_max && !std::isfinite(*question.decimal_max)) {
            checker.add(path + ".max", "must be a finite number");
        }
        if (question.decimal_min && question.decimal_max && *question.decimal_min > *question.decimal_max) {
            checker.add(path + ".max", "must not be less than min");
        }
    }

    if (question.type != QuestionType::scale) {
        if (!question.anchor_min.empty() || !question.anchor_max.empty()) {
            checker.add(path + ".anchors", "only scale questions have anchors");
        }
    } else {
        checker.localised(path + ".anchors.min", question.anchor_min, true);
        checker.localised(path + ".anchors.max", question.anchor_max, true);
    }

    if (question.max_length) {
        if (question.type != QuestionType::text) {
            checker.add(path + ".max_length", "only text questions have a maximum length");
        } else if (*question.max_length < 1) {
            checker.add(path + ".max_length", "must be at least 1");
        }
    }
}

// `earlier` holds the keys of the questions asked before this one.
void check_expression(Checker& checker, const std::string& field, const std::optional<Expression>& expression,
                      ExpressionUse use, const std::string& own_key, const std::set<std::string>& earlier) {
    if (!expression) {
        return;
    }
    // An Expression does not remember what it was parsed for: parse the text again for this use, so that a
    // relevance expression with '.' is caught even when the builder parsed it as a constraint.
    if (auto reparsed = Expression::parse(expression->text(), use); !reparsed) {
        checker.add(field, reparsed.error().message);
        return;
    }
    for (const auto& reference : expression->references()) {
        if (reference == own_key) {
            checker.add(field, "refers to the question itself as ${" + reference + "}; use '.' in a constraint");
        } else if (!earlier.contains(reference)) {
            checker.add(field, "refers to ${" + reference + "}, which is not a question asked before this one");
        }
    }
}

}  // namespace

std::string_view to_string(QuestionType type) noexcept {
    for (const auto& [value, name] : kTypeNames) {
        if (value == type) {
            return name;
        }
    }
    return "unknown";
}

std::optional<QuestionType> parse_question_type(std::string_view name) noexcept {
    for (const auto& [value, type_name] : kTypeNames) {
        if (type_name == name) {
            return value;
        }
    }
    return std::nullopt;
}

bool is_valid_respondent(std::string_view respondent) noexcept {
    return std::find(std::begin(kRespondentKinds), std::end(kRespondentKinds), respondent) !=
           std::end(kRespondentKinds);
}

bool is_valid_wave(std::string_view wave) noexcept {
    // pre, post, follow-up and four-digit years are all round labels too.
    return !wave.empty() && wave.size() <= 32 &&
           std::all_of(wave.begin(), wave.end(), [](char c) { return is_lower_or_digit(c) || c == '-'; });
}

bool is_valid_question_key(std::string_view key) noexcept {
    if (key.empty() || key.size() > kMaxKeyLength || key.front() < 'a' || key.front() > 'z') {
        return false;
    }
    return std::all_of(key.begin(), key.end(), [](char c) { return is_lower_or_digit(c) || c == '_'; });
}

Result<Expression> parse_question_expression(std::string_view text, ExpressionUse use, std::string field) {
    auto parsed = Expression::parse(text, use);
    if (parsed) {
        return parsed;
    }
    Error error = std::move(parsed).error();
    error.fields = {FieldError{std::move(field), error.message}};
    return error;
}

const Question* find_question(const Instrument& instrument, std::string_view key) noexcept {
    for (const auto& section : instrument.sections) {
        for (const auto& question : section.questions) {
            if (question.key == key) {
                return &question;
            }
        }
    }
    return nullptr;
}

Result<Instrument> check_instrument(Instrument instrument) {
    // Only well-formed, distinct language codes count as the instrument's languages for the text checks, so a
    // bad code is reported once (on `languages`) rather than on every text.
    std::vector<std::string> languages;
    std::vector<FieldError> language_errors;
    for (std::size_t i = 0; i < instrument.languages.size(); ++i) {
        const auto& language = instrument.languages[i];
        const std::string field = "languages[" + std::to_string(i) + "]";
        if (!is_valid_language(language)) {
            language_errors.push_back({field, "must be a two-letter lower-case language code such as en"});
        } else if (std::find(languages.begin(), languages.end(), language) != languages.end()) {
            language_errors.push_back({field, "'" + language + "' is listed twice"});
        } else {
            languages.push_back(language);
        }
    }
    Checker checker(languages);
    if (instrument.languages.empty()) {
        checker.add("languages", "needs at least one language");
    }
    for (auto& error : language_errors) {
        checker.add(std::move(error.field), std::move(error.message));
    }

    if (!is_valid_instrument_key(instrument.key)) {
        checker.add("key", "must be kebab-case: lower-case letters and digits joined by '-', at most 64 characters");
    }
    if (instrument.version < 1) {
        checker.add("version", "must be at least 1");
    }
    if (!is_valid_wave(instrument.wave)) {
        checker.add("wave", "must be pre, post, follow-up or a round label such as 2018 (a-z, 0-9, '-')");
    }
    if (!is_valid_respondent(instrument.respondent)) {
        checker.add("respondent", "must be one of sending, hosting, employee, sme, mentor, respondent");
    }
    checker.localised("title", instrument.title, false);
    if (instrument.consent.version < 1) {
        checker.add("consent.version", "must be at least 1");
    }
    checker.localised("consent.purpose", instrument.consent.purpose, false);
    checker.localised("consent.audience", instrument.consent.audience, false);
    checker.localised("consent.statement", instrument.consent.statement, false);

    if (instrument.sections.empty()) {
        checker.add("sections", "needs at least one section");
    }
    std::set<std::string> section_keys;
    std::set<std::string> earlier;  // question keys asked so far
    for (std::size_t s = 0; s < instrument.sections.size(); ++s) {
        const auto& section = instrument.sections[s];
        const std::string section_path = "sections[" + std::to_string(s) + "]";
        if (!is_valid_question_key(section.key)) {
            checker.add(section_path + ".key",
                        "must be snake_case: a lower-case letter, then lower-case letters, digits or '_'");
        } else if (!section_keys.insert(section.key).second) {
            checker.add(section_path + ".key", "'" + section.key + "' is used by another section");
        }
        checker.localised(section_path + ".title", section.title, false);
        if (section.questions.empty()) {
            checker.add(section_path + ".questions", "needs at least one question");
        }
        for (std::size_t q = 0; q < section.questions.size(); ++q) {
            const auto& question = section.questions[q];
            const std::string path = section_path + ".questions[" + std::to_string(q) + "]";
            if (!is_valid_question_key(question.key)) {
                checker.add(path + ".key",
                            "must be snake_case: a lower-case letter, then lower-case letters, digits or '_'");
            } else if (earlier.contains(question.key)) {
                checker.add(path + ".key", "'" + question.key + "' is used by another question");
            }
            checker.localised(path + ".text", question.text, false);
            checker.localised(path + ".hint", question.hint, true);
            checker.localised(path + ".constraint_message", question.constraint_message, true);
            check_choices(checker, path, question);
            check_bounds(checker, path, question);
            check_expression(checker, path + ".relevant", question.relevant, ExpressionUse::relevance, question.key,
                             earlier);
            check_expression(checker, path + ".constraint", question.constraint, ExpressionUse::constraint,
                             question.key, earlier);
            if (!question.constraint_message.empty() && !question.constraint) {
                checker.add(path + ".constraint_message", "is given without a constraint");
            }
            earlier.insert(question.key);
        }
    }

    auto errors = std::move(checker).take();
    if (errors.empty()) {
        return instrument;
    }
    Error error{ErrorCode::invalid_argument,
                "the instrument has " + std::to_string(errors.size()) + (errors.size() == 1 ? " problem" : " problems"),
                std::move(errors)};
    return error;
}

std::string in_language(const LocalisedText& text, const std::string& language) {
    if (const auto it = text.find(language); it != text.end()) {
        return it->second;
    }
    if (const auto it = text.find("en"); it != text.end()) {
        return it->second;
    }
    return text.empty() ? std::string() : text.begin()->second;
}

}  // namespace yardstick::domain
