#pragma once
// Small instruments for the export tests, built in code: a question of a
// type with its text in English and French and its choices labelled, and an
// instrument of one section.

#include <string>
#include <vector>

#include "yardstick/domain/instrument.hpp"

namespace yardstick::server::exports::testing {

inline domain::Question question(std::string key, domain::QuestionType type, std::vector<std::string> choices = {},
                                 bool personal = false) {
    domain::Question made;
    made.key = std::move(key);
    made.type = type;
    made.text = {{"en", "Text of " + made.key}, {"fr", "Texte de " + made.key}};
    for (auto& value : choices) {
        made.choices.push_back({value, {{"en", "Label " + value}}});
    }
    made.personal = personal;
    return made;
}

inline domain::Instrument instrument(std::string key, int version, std::vector<domain::Question> questions) {
    domain::Instrument made;
    made.key = std::move(key);
    made.version = version;
    made.sections.push_back({"main", {{"en", "Main"}}, std::move(questions)});
    return made;
}

/// Version `version` of the instrument "survey".
inline domain::Instrument instrument(int version, std::vector<domain::Question> questions) {
    return instrument("survey", version, std::move(questions));
}

}  // namespace yardstick::server::exports::testing
