#include "server/forms/question_controls.hpp"

#include <algorithm>
#include <sstream>
#include <variant>

#include "server/forms/interface_text.hpp"

namespace yardstick::server::forms {
namespace {

using domain::QuestionType;
using html::Attributes;
using html::HtmlWriter;

std::string t(Text id, const std::string& language) {
    return std::string(text(id, language));
}

std::string likert_label(std::int64_t point, const std::string& language) {
    static constexpr Text labels[] = {Text::likert_1, Text::likert_2, Text::likert_3, Text::likert_4, Text::likert_5};
    return point >= 1 && point <= 5 ? t(labels[point - 1], language) : std::to_string(point);
}

// The options of a choice question: (value, label).

// An answer as form values: what the controls show as entered or chosen.

std::vector<std::string> answer_as_values(const domain::AnswerValue& value) {
    return std::visit(
        [](const auto& v) -> std::vector<std::string> {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, bool>) {
                return {v ? "true" : "false"};
            } else if constexpr (std::is_same_v<V, std::int64_t>) {
                return {std::to_string(v)};
            } else if constexpr (std::is_same_v<V, double>) {
                std::ostringstream out;
                out << v;
                return {out.str()};
            } else if constexpr (std::is_same_v<V, std::string>) {
                return {v};
            } else {
                return v;
            }
        },
        value);
}

// An answer in words, for the check and confirmation pages.

// The values a control shows: as typed when the page was posted, else saved.

std::vector<std::string> shown_values(const FormPage& page, const domain::Question& question) {
    if (const auto it = page.typed.find(question.key); it != page.typed.end()) {
        return it->second;
    }
    if (const auto it = page.answers.find(question.key); it != page.answers.end()) {
        return answer_as_values(it->second);
    }
    return {};
}

// The hint of a question: its own, and what the type asks for.

std::string hint_of(const domain::Question& question, const std::string& language) {
    std::vector<std::string> parts;
    if (auto own = localised(question.hint, language); !own.empty()) {
        parts.push_back(std::move(own));
    }
    if (question.type == QuestionType::scale && (!question.anchor_min.empty() || !question.anchor_max.empty())) {
        parts.push_back(std::to_string(question.min.value_or(0)) + " = " + localised(question.anchor_min, language) +
                        ", " + std::to_string(question.max.value_or(10)) + " = " +
                        localised(question.anchor_max, language));
    }
    if (question.type == QuestionType::multiple) {
        parts.push_back(t(Text::select_all_hint, language));
    }
    if (question.type == QuestionType::date) {
        parts.push_back(t(Text::date_hint, language));
    }
    if (question.type == QuestionType::text && question.max_length) {
        parts.push_back(fill(text(Text::length_hint, language), {{"max", std::to_string(*question.max_length)}}));
    }
    std::string hint;
    for (const auto& part : parts) {
        hint += (hint.empty() ? "" : " ") + part;
    }
    return hint;
}

}  // namespace

std::string localised(const domain::LocalisedText& text, const std::string& language) {
    return domain::in_language(text, language);
}

std::vector<std::pair<std::string, std::string>> options_of(const domain::Question& question,
                                                            const std::string& language) {
    std::vector<std::pair<std::string, std::string>> options;
    switch (question.type) {
        case QuestionType::likert5:
            for (std::int64_t point = 1; point <= 5; ++point) {
                options.emplace_back(std::to_string(point), likert_label(point, language));
            }
            break;
        case QuestionType::scale:
            for (auto point = question.min.value_or(0); point <= question.max.value_or(10); ++point) {
                options.emplace_back(std::to_string(point), std::to_string(point));
            }
            break;
        case QuestionType::boolean:
            options.emplace_back("true", t(Text::yes, language));
            options.emplace_back("false", t(Text::no, language));
            break;
        case QuestionType::single:
        case QuestionType::multiple:
            for (const auto& choice : question.choices) {
                options.emplace_back(choice.value, localised(choice.label, language));
            }
            break;
        default:
            break;
    }
    return options;
}

std::string answer_in_words(const domain::Question& question, const domain::AnswerValue& value,
                            const std::string& language) {
    const auto values = answer_as_values(value);
    const auto options = options_of(question, language);
    std::string words;
    for (const auto& v : values) {
        std::string shown = v;
        if (question.type != QuestionType::scale) {
            for (const auto& [option, label] : options) {
                if (option == v) {
                    shown = label;
                }
            }
        }
        words += (words.empty() ? "" : ", ") + shown;
    }
    return words;
}

std::string question_id(const domain::Question& question) {
    return "q-" + question.key;
}

void question_control(HtmlWriter& html, const FormPage& page, const domain::Question& question) {
    const auto& language = page.language;
    const auto id = question_id(question);
    const auto hint = hint_of(question, language);
    const auto error = page.errors.find(question.key);
    std::string described;
    if (!hint.empty()) {
        described = id + "-hint";
    }
    if (error != page.errors.end()) {
        described += (described.empty() ? "" : " ") + id + "-error";
    }
    const auto label =
        localised(question.text, language) + (question.required ? "" : " " + t(Text::optional_marker, language));
    const auto values = shown_values(page, question);
    const auto hint_and_error = [&] {
        if (!hint.empty()) {
            html.element("p", {{"class", "hint"}, {"id", id + "-hint"}}, hint);
        }
        if (error != page.errors.end()) {
            html.element("p", {{"class", "field-error"}, {"id", id + "-error"}}, error->second);
        }
    };
    const std::string css = error != page.errors.end() ? "question has-error" : "question";
    const auto options = options_of(question, language);
    if (!options.empty()) {
        const bool many = question.type == QuestionType::multiple;
        auto group = html.open("fieldset", {{"class", css}, {"aria-describedby", described, !described.empty()}});
        html.element("legend", label);
        hint_and_error();
        auto list =
            html.open("div", {{"class", question.type == QuestionType::scale || question.type == QuestionType::likert5
                                            ? "options options-inline"
                                            : "options"}});
        bool first = true;
        for (const auto& [value, option_label] : options) {
            const auto option_id = first ? id : id + "-" + value;
            first = false;
            const bool checked = std::find(values.begin(), values.end(), value) != values.end();
            auto option = html.open("div", {{"class", "option"}});
            html.empty("input", {{"type", many ? "checkbox" : "radio"},
                                 {"name", question.key},
                                 {"id", option_id},
                                 {"value", value},
                                 {"checked", "", checked}});
            html.element("label", {{"for", option_id}}, option_label);
        }
        return;
    }
    auto block = html.open("div", {{"class", css}});
    html.element("label", {{"for", id}, {"class", "question-text"}}, label);
    hint_and_error();
    const auto value = values.empty() ? std::string() : values.front();
    Attributes attributes = {{"id", id}, {"name", question.key}, {"aria-describedby", described, !described.empty()}};
    if (error != page.errors.end()) {
        attributes.push_back({"aria-invalid", "true"});
    }
    if (question.type == QuestionType::text) {
        attributes.push_back({"rows", "5"});
        html.element("textarea", attributes, value);
        return;
    }
    attributes.push_back({"value", value});
    if (question.type == QuestionType::date) {
        attributes.push_back({"type", "date"});
    } else {
        attributes.push_back({"type", "text"});
        attributes.push_back({"inputmode", question.type == QuestionType::integer ? "numeric" : "decimal"});
        attributes.push_back({"class", "number"});
    }
    html.empty("input", attributes);
}

}  // namespace yardstick::server::forms
