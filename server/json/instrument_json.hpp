#pragma once
// Instruments and answers as JSON: the one mapping between domain::Instrument / domain::Answers and the files and
// bodies that carry them (docs/instruments.md). Reading is strict — an unknown member is as wrong as a missing
// one — and reports every problem at once, each with the path of the offending member
// (`sections[1].questions[3].min`), so that an instrument author can fix a file in one go.

#include <string_view>

#include <nlohmann/json.hpp>

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

/// Reads answers: an object from question key to a JSON integer (→ int64), a number with a fraction or exponent
/// (→ double, even 3.0: whether that is acceptable is the domain's decision), a boolean, a string, or an array of
/// strings. Anything else (null, an object, an array holding a non-string, an integer beyond int64) is an
/// invalid_argument with the member's name as field; a document that is not an object has field `answers`.
/// Keys are not checked against any instrument here: domain::validate_answers() does that.
Result<domain::Answers> answers_from_json(const nlohmann::json& answers);

/// The inverse of answers_from_json().
nlohmann::json answers_to_json(const domain::Answers& answers);

/// The answers as they may be written to the append-only event log, which must never hold free text or anything
/// that identifies a person: `{"answers": {...}, "withheld": ["key", ...]}`, where answers to `text` questions,
/// to questions marked `personal`, and to keys the instrument does not know (their kind cannot be vouched for)
/// are withheld — named, never included. Keys in both lists are in ascending order.
nlohmann::json answers_for_event(const domain::Instrument& instrument, const domain::Answers& answers);

}  // namespace yardstick::server::json
