#include "server/exports/table_fields.hpp"

namespace yardstick::server::exports {

using nlohmann::json;

json pseudonym_field(const std::string& name, const std::string& kind, std::string title) {
    return {{"name", name},
            {"type", "string"},
            {"title", std::move(title)},
            {"description", "The programme's stable pseudonym of the " + kind + " (a keyed hash, never a name)"},
            {"constraints", {{"pattern", (kind == "organisation" ? "O-" : "P-") + std::string("[0-9a-f]{16}")}}}};
}

json integer_field(std::string title, int minimum) {
    return {{"type", "integer"}, {"title", std::move(title)}, {"constraints", {{"minimum", minimum}}}};
}

json string_field(std::string title) { return {{"type", "string"}, {"title", std::move(title)}}; }

json enum_field(std::string title, const json& values) {
    return {{"type", "string"}, {"title", std::move(title)}, {"constraints", {{"enum", values}}}};
}

json country_field() {
    return {{"type", "string"},
            {"title", "Country"},
            {"description", "ISO 3166-1 alpha-2 code of the organisation's country"},
            {"constraints", {{"pattern", "[A-Z]{2}"}}}};
}

json sector_field() {
    return {{"type", "string"},
            {"title", "Sector"},
            {"description", "NACE Rev. 2 section (letter) or division (letter and two digits)"},
            {"constraints", {{"pattern", "[A-U]([0-9]{2})?"}}}};
}

json size_field() { return enum_field("Size class", {"micro", "small", "medium", "large"}); }

json respondent_field() {
    auto values = json::array();
    for (const auto kind : domain::kRespondentKinds) {
        values.push_back(std::string(kind));
    }
    return enum_field("Respondent", values);
}

json time_field(std::string title) {
    return {{"type", "datetime"},
            {"format", "any"},
            {"title", std::move(title)},
            {"description", "RFC 3339, UTC, to the microsecond"}};
}

json date_field(std::string title) { return {{"type", "date"}, {"title", std::move(title)}}; }

json answer_field(const AnswerColumn& column, const domain::Question* question,
                  const std::vector<std::string>& choices, bool withheld, const std::string& language) {
    json field = {{"name", column.name}, {"title", question ? domain::in_language(question->text, language) : ""}};
    if (withheld) {
        field["type"] = "string";
        field["description"] = "Withheld: a personal answer (free text that may name people)";
        field["constraints"] = {{"maxLength", 0}};
        return field;
    }
    if (!column.choice.empty()) {
        field["type"] = "integer";
        field["description"] = "1 when \"" + column.choice + "\" was chosen, 0 when not";
        field["constraints"] = {{"enum", {0, 1}}};
        return field;
    }
    using domain::QuestionType;
    switch (question ? question->type : QuestionType::text) {
        case QuestionType::likert5:
            field["type"] = "integer";
            field["constraints"] = {{"minimum", 1}, {"maximum", 5}};
            break;
        case QuestionType::scale:
        case QuestionType::integer:
            field["type"] = "integer";
            if (question->min) {
                field["constraints"]["minimum"] = *question->min;
            }
            if (question->max) {
                field["constraints"]["maximum"] = *question->max;
            }
            break;
        case QuestionType::decimal:
            field["type"] = "number";
            if (question->decimal_min) {
                field["constraints"]["minimum"] = *question->decimal_min;
            }
            if (question->decimal_max) {
                field["constraints"]["maximum"] = *question->decimal_max;
            }
            break;
        case QuestionType::boolean:
            field["type"] = "boolean";
            field["trueValues"] = {"1"};
            field["falseValues"] = {"0"};
            break;
        case QuestionType::single:
            field["type"] = "string";
            field["constraints"] = {{"enum", choices}};
            break;
        case QuestionType::date:
            field["type"] = "date";
            break;
        default:
            field["type"] = "string";
    }
    return field;
}

}  // namespace yardstick::server::exports
