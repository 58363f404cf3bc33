#include "server/forms/form_input.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "server/forms/interface_text.hpp"

namespace yardstick::server::forms {
namespace {

using domain::QuestionType;

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::optional<std::int64_t> whole_number(std::string_view text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

// A decimal as people write it: "2.5" or "2,5".
std::optional<double> decimal_number(std::string_view text) {
    std::string normal(text);
    std::replace(normal.begin(), normal.end(), ',', '.');
    double value = 0;
    const auto* end = normal.data() + normal.size();
    const auto [ptr, ec] = std::from_chars(normal.data(), end, value);
    if (ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

std::string localised(const domain::LocalisedText& text, std::string_view language) {
    if (const auto it = text.find(std::string(language)); it != text.end()) {
        return it->second;
    }
    return text.empty() ? std::string() : text.begin()->second;
}

// The message for a question whose answer the domain refused, by type: the
// domain's own words are English and technical.
std::string message_for(const domain::Question& question, const std::string& domain_message,
                        const std::string& first_language_constraint, std::string_view language) {
    if (domain_message == "required") {
        return std::string(text(Text::error_required, language));
    }
    if (!first_language_constraint.empty() && domain_message == first_language_constraint) {
        return localised(question.constraint_message, language);
    }
    switch (question.type) {
        case QuestionType::likert5:
        case QuestionType::scale:
        case QuestionType::boolean:
        case QuestionType::single:
        case QuestionType::multiple:
            return std::string(text(Text::error_choice, language));
        case QuestionType::integer:
        case QuestionType::decimal:
            if (question.type == QuestionType::integer && question.min && question.max) {
                return fill(text(Text::error_range, language),
                            {{"min", std::to_string(*question.min)}, {"max", std::to_string(*question.max)}});
            }
            return std::string(
                text(question.type == QuestionType::integer ? Text::error_whole_number : Text::error_number, language));
        case QuestionType::date:
            return std::string(text(Text::error_date, language));
        case QuestionType::text:
            if (question.max_length) {
                return fill(text(Text::error_too_long, language), {{"max", std::to_string(*question.max_length)}});
            }
            break;
    }
    return std::string(text(Text::error_invalid, language));
}

}  // namespace

PageAnswers read_page(const std::vector<const domain::Question*>& questions, const FormFields& fields,
                      std::string_view language) {
    PageAnswers page;
    for (const auto* question : questions) {
        const auto it = fields.find(question->key);
        if (it == fields.end()) {
            continue;
        }
        const auto& values = it->second;
        if (question->type == QuestionType::multiple) {
            std::vector<std::string> chosen;
            for (const auto& value : values) {
                if (!value.empty() && std::find(chosen.begin(), chosen.end(), value) == chosen.end()) {
                    chosen.push_back(value);
                }
            }
            if (!chosen.empty()) {
                page.answers[question->key] = std::move(chosen);
            }
            continue;
        }
        const auto value = trimmed(values.empty() ? std::string_view() : std::string_view(values.front()));
        if (value.empty()) {
            continue;
        }
        switch (question->type) {
            case QuestionType::likert5:
            case QuestionType::scale:
            case QuestionType::integer:
                if (const auto number = whole_number(value)) {
                    page.answers[question->key] = *number;
                } else {
                    page.errors[question->key] = message_for(*question, {}, {}, language);
                }
                break;
            case QuestionType::decimal:
                if (const auto number = decimal_number(value)) {
                    page.answers[question->key] = *number;
                } else {
                    page.errors[question->key] = message_for(*question, {}, {}, language);
                }
                break;
            case QuestionType::boolean:
                if (value == "true" || value == "false") {
                    page.answers[question->key] = value == "true";
                } else {
                    page.errors[question->key] = message_for(*question, {}, {}, language);
                }
                break;
            case QuestionType::text:
                // As typed (only blank counts as unanswered): the participant's words.
                page.answers[question->key] = values.front();
                break;
            default:
                page.answers[question->key] = std::string(value);
        }
    }
    return page;
}

domain::Answers without_irrelevant(const domain::Instrument& instrument, domain::Answers answers) {
    for (;;) {
        const auto relevant = domain::relevant_questions(instrument, answers);
        bool dropped = false;
        for (auto it = answers.begin(); it != answers.end();) {
            const bool shown = std::any_of(relevant.begin(), relevant.end(),
                                           [&](const domain::Question* q) { return q->key == it->first; });
            if (shown) {
                ++it;
            } else {
                it = answers.erase(it);
                dropped = true;
            }
        }
        if (!dropped) {
            return answers;
        }
    }
}

FieldMessages check_answers(const domain::Instrument& instrument, const domain::Answers& answers,
                            const std::vector<std::string>& keys, std::string_view language, FieldMessages known) {
    const auto verdict = domain::validate_answers(instrument, answers, domain::ValidationMode::submission);
    if (verdict.ok()) {
        return known;
    }
    const auto first_language = instrument.languages.empty() ? std::string("en") : instrument.languages.front();
    for (const auto& problem : verdict.error().fields) {
        if (!keys.empty() && std::find(keys.begin(), keys.end(), problem.field) == keys.end()) {
            continue;
        }
        if (known.contains(problem.field)) {
            continue;
        }
        const auto* question = domain::find_question(instrument, problem.field);
        if (question == nullptr) {
            continue;  // an unknown key: forms only read known questions
        }
        const auto constraint = question->constraint_message.contains(first_language)
                                    ? question->constraint_message.at(first_language)
                                    : std::string();
        known[problem.field] = message_for(*question, problem.message, constraint, language);
    }
    return known;
}

}  // namespace yardstick::server::forms
