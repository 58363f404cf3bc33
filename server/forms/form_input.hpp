#pragma once
// What a participant posted: the fields of an HTML form, read into answers
// to the questions of one page, with messages in the participant's language
// for whatever does not fit. The domain's validation decides (types,
// ranges, constraints, required-when-relevant); this layer turns form
// strings into answer values and the domain's verdicts into words.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/form_body.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::forms {

using http::FormFields;
using http::first_value;
using http::parse_form_body;

/// Messages by question key, in the page's language.
using FieldMessages = std::map<std::string, std::string>;

/// A page's questions as posted.
struct PageAnswers {
    domain::Answers answers;  ///< what could be read (blank fields are absent)
    FieldMessages errors;     ///< what could not (e.g. "12x" for a whole number)
};

/// Reads the posted values of `questions` (others in `fields` are ignored).
PageAnswers read_page(const std::vector<const domain::Question*>& questions, const FormFields& fields,
                      std::string_view language);

/// `answers` without answers to questions that are not relevant given the
/// others (repeated until nothing changes, since dropping one answer can
/// make another irrelevant). A form hides such questions; their stale
/// values are dropped rather than refused.
domain::Answers without_irrelevant(const domain::Instrument& instrument, domain::Answers answers);

/// The domain's verdict on `answers` (mode: submission, so required counts)
/// for the questions whose keys are in `keys` (all when empty), as messages
/// in `language`. Questions already in `known` keep their message.
FieldMessages check_answers(const domain::Instrument& instrument, const domain::Answers& answers,
                            const std::vector<std::string>& keys, std::string_view language, FieldMessages known = {});

}  // namespace yardstick::server::forms
