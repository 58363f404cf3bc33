#pragma once
// Answers as JSON: the request bodies and stored drafts and versions that
// carry them, and the form they take in the event log.

#include <nlohmann/json.hpp>

#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::json {

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
