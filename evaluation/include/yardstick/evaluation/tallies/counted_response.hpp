#pragma once
// A response as the tallies see it: the instrument it answers, who answered
// in which wave, the organisation's groups as they were when it was written,
// and its non-personal answers. Built from a response event.

#include <map>
#include <string>

#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/indicator.hpp"

namespace yardstick::evaluation {

struct CountedResponse {
    std::string instrument;  ///< the instrument's key
    std::string respondent;  ///< sending, hosting, employee, sme, mentor, respondent
    std::string wave;        ///< pre, post, or a round
    std::string country;     ///< of the respondent's organisation (ISO 3166-1 alpha-2)
    std::string sector;      ///< NACE Rev. 2 code
    std::string size;        ///< micro, small, medium, large
    domain::Answers answers;
};

/// The response's group in a breakdown (its country for `country`, …).
const std::string& group_of(const CountedResponse& response, domain::Breakdown by);

}  // namespace yardstick::evaluation
