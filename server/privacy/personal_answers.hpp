#pragma once
// Answers to questions marked `personal` (free text that may name people) are
// stored only sealed with the respondent's own key; the other answers are
// stored as they are, to be counted and exported. These split one set of
// answers in two and put them together again.

#include <optional>
#include <string>
#include <string_view>

#include "server/security/person_keys.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::privacy {

struct SplitAnswers {
    domain::Answers kept;      ///< stored as they are
    domain::Answers personal;  ///< stored only sealed
};

/// Splits by the instrument's `personal` marks.
SplitAnswers split_personal(const domain::Instrument& instrument, const domain::Answers& answers);

/// The personal answers sealed as one JSON object; nullopt when there are none.
std::optional<std::string> seal_personal(const security::PersonKey& key, const domain::Answers& personal);

/// Adds the sealed personal answers to `answers`. Nothing sealed, or no key
/// (erased): `answers` as they are.
Result<domain::Answers> with_personal(domain::Answers answers, const std::optional<std::string>& sealed,
                                      const std::optional<security::PersonKey>& key);

}  // namespace yardstick::server::privacy
