#pragma once
// Instruments as JSON (answers: answers_json.hpp): the one mapping between domain::Instrument and the files and
// bodies that carry them (docs/instruments.md). Reading is strict — an unknown member is as wrong as a missing
// one — and reports every problem at once, each with the path of the offending member
// (`sections[1].questions[3].min`), so that an instrument author can fix a file in one go.

#include <string_view>

#include <nlohmann/json.hpp>

#include "server/json/answers_json.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::json {

/// Reads an instrument document and checks it with domain::check_instrument(). Errors are invalid_argument with
/// one FieldError per problem: wrong JSON types, missing or unknown members, unknown question types, expressions
/// that do not parse (field `…relevant` / `…constraint`), then everything check_instrument finds (problems that
/// only follow from one already reported are left out).
Result<domain::Instrument> instrument_from_json(const nlohmann::json& document);

/// The full multilingual document; instrument_from_json(instrument_to_json(x)) gives back x, expressions by their
/// text. Optional members are written only when set (`required` always).
nlohmann::json instrument_to_json(const domain::Instrument& instrument);

/// What a respondent's form receives: the shape of instrument_to_json() with every localised text reduced to the
/// plain string in `language` — or in the instrument's first language when it does not offer `language` — plus
/// `"language"` (the one used). likert5 questions also carry their five points as
/// `"choices": [{"value": 1, "label": "Strongly disagree"}, …]`; scale questions their anchors as
/// `"anchors": {"min": "…", "max": "…"}` when they have any.
nlohmann::json localised_instrument_json(const domain::Instrument& instrument, std::string_view language);

/// The label of point 1–5 of every likert5 question in `language` (English
/// for a language without one); empty for another point.
std::string likert_label(int point, std::string_view language);

}  // namespace yardstick::server::json
