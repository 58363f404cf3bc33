#pragma once
// What one response, one pair of responses or one invitation adds to the
// tallies of a programme's indicators. Called with sign −1 the same
// functions take the contribution out again, which is how an amendment
// replaces the version before it: the tallies are always the sum of the
// contributions of what currently counts.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "yardstick/domain/indicator.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/evaluation/tallies/counted_response.hpp"
#include "yardstick/evaluation/tallies/tallies.hpp"

namespace yardstick::evaluation {

/// Decimal answers are counted in thousandths: 2.5 becomes 2500. Instruments
/// ask for at most three decimals; a finer answer is rounded half away from
/// zero.
inline constexpr std::int64_t kDecimalScale = 1000;

/// A decimal (or whole) answer in fixed point.
std::int64_t fixed_point(double value);

/// A programme's indicators with the types of the questions they read, so
/// that a decimal question's answer is scaled even when it came as a whole
/// number.
struct IndicatorSet {
    std::vector<domain::Indicator> indicators;
    std::map<std::pair<std::string, std::string>, domain::QuestionType> question_types;  ///< (instrument, question)
};

/// The set for `indicators` (already checked against `instruments`).
IndicatorSet indicator_set(std::vector<domain::Indicator> indicators,
                           const std::vector<domain::Instrument>& instruments);

/// The type of a question the set reads; text when unknown.
domain::QuestionType type_of(const IndicatorSet& set, const domain::QuestionRef& question);

/// The response's own contribution: shares, means, NPS and skills gaps.
void count_response(Tallies& tallies, const IndicatorSet& set, const CountedResponse& response, int sign);

/// A response rate's numerator: the first submission of an invitation
/// (amendments do not count again).
void count_first_submission(Tallies& tallies, const IndicatorSet& set, const std::string& respondent,
                            const std::string& wave, int sign);

/// A response rate's denominator: an issued invitation.
void count_invitation(Tallies& tallies, const IndicatorSet& set, const std::string& respondent, const std::string& wave,
                      int sign);

/// The contribution of two responses of the same engagement taken together:
/// before and after (paired_change, digital_intensity), or the parties of
/// an exchange (agreement). Either order; indicators they do not pair for
/// are left alone.
void count_pair(Tallies& tallies, const IndicatorSet& set, const CountedResponse& one, const CountedResponse& other,
                int sign);

/// The instruments whose responses of the same engagement pair with a
/// response to `instrument` under some indicator.
std::vector<std::string> partner_instruments(const IndicatorSet& set, const std::string& instrument);

}  // namespace yardstick::evaluation
