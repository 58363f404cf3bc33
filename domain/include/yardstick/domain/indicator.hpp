#pragma once
// Indicators: what an impact report shows, declared as data in each programme
// template (indicators.json) next to the instruments they read. Plain values;
// check_indicators() is the one place that decides whether a set of
// indicators fits its instruments.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::domain {

/// What an indicator computes (see the README's "Indicators").
enum class IndicatorKind {
    count,              ///< reach: organisations, engagements, participants, distinct sectors or countries
    share,              ///< successes / valid answers, with a Wilson interval
    mean,               ///< mean with a t interval
    nps,                ///< net promoter score on a 0–10 item
    response_rate,      ///< submitted / invited per wave and respondent kind (AAPOR RR1)
    paired_change,      ///< the same respondent's pre and post answers
    digital_intensity,  ///< Digital Intensity Index items present per SME, pre and post, paired
    skills_gap,         ///< required − current level per competence area, per round
    agreement,          ///< within each engagement, whether the parties agree (Cohen's kappa)
};

std::string_view to_string(IndicatorKind kind) noexcept;
std::optional<IndicatorKind> parse_indicator_kind(std::string_view name) noexcept;

/// What a `count` indicator counts.
enum class CountedThing { registered_organisations, engagements, participants, distinct_sectors, distinct_countries };

std::string_view to_string(CountedThing thing) noexcept;
std::optional<CountedThing> parse_counted_thing(std::string_view name) noexcept;

/// How a share, mean or paired change may be broken down.
enum class Breakdown { respondent, country, sector, size, wave };

std::string_view to_string(Breakdown breakdown) noexcept;
std::optional<Breakdown> parse_breakdown(std::string_view name) noexcept;

/// A question of an instrument (by keys). `question` is empty where only the
/// instrument is meant (digital_intensity's pre and post).
struct QuestionRef {
    std::string instrument;
    std::string question;

    friend bool operator==(const QuestionRef&, const QuestionRef&) = default;
};

/// When an answer counts as a success: a Likert or scale answer at least
/// `at_least` (top-two box: 4), a yes/no answer equal to `equals`, or a
/// choice equal to `choice`. Exactly one is set, fitting the question.
struct SuccessRule {
    std::optional<std::int64_t> at_least;
    std::optional<bool> equals;
    std::optional<std::string> choice;

    friend bool operator==(const SuccessRule&, const SuccessRule&) = default;
};

/// A competence area of the skills monitor: pairs of (current level,
/// required level) questions.
struct CompetenceArea {
    std::string key;
    LocalisedText label;
    std::vector<std::pair<std::string, std::string>> current_and_required;
};

/// One indicator. Which members are used depends on `kind`:
/// - count: `counts`;
/// - share: `reads` (one question per instrument, e.g. the sending and the
///   hosting company's), `success`;
/// - mean, nps: `reads`;
/// - response_rate: `wave`, `respondents`;
/// - paired_change: `pre`, `post` (questions of the same type);
/// - digital_intensity: `pre`, `post` (instruments), `items` (yes/no
///   questions in both), `basic_level`;
/// - skills_gap: `instruments` (one per survey round, in round order, each
///   with the group question and every pair), `group_question`, `areas`;
/// - agreement: `reads` (the same engagement's parties), `success`.
/// `breakdowns` are for share, mean, nps and paired_change.
struct Indicator {
    std::string id;
    LocalisedText label;
    LocalisedText method;  ///< a short methods note, shown with the figure
    IndicatorKind kind = IndicatorKind::count;
    std::optional<CountedThing> counts;
    std::vector<QuestionRef> reads;
    SuccessRule success;
    std::string wave;
    std::vector<std::string> respondents;
    std::optional<QuestionRef> pre;
    std::optional<QuestionRef> post;
    std::vector<std::string> items;
    std::int64_t basic_level = 4;
    std::vector<std::string> instruments;
    std::string group_question;
    std::vector<CompetenceArea> areas;
    std::vector<Breakdown> breakdowns;
};

/// Checks a template's indicators against its instruments and returns them
/// unchanged when sound; otherwise invalid_argument with every problem as a
/// FieldError whose field is a path such as `[3].reads[0].question`:
/// ids (`[a-z][a-z0-9_]*`, unique), labels and methods complete in
/// `languages`, the members the kind needs (and no others), every
/// instrument and question existing, question types fitting the kind
/// (shares: likert5, scale, boolean or single with a fitting success rule;
/// means: likert5, scale, integer or decimal; nps: scale 0–10; paired
/// changes: the same numeric or yes/no type pre and post, in a pre and a
/// post instrument).
Result<std::vector<Indicator>> check_indicators(std::vector<Indicator> indicators,
                                                const std::vector<Instrument>& instruments,
                                                const std::vector<std::string>& languages);

}  // namespace yardstick::domain
