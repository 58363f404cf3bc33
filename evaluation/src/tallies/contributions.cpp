#include "yardstick/evaluation/tallies/contributions.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <variant>

#include "yardstick/evaluation/tallies/tally_cells.hpp"

namespace yardstick::evaluation {

namespace {

using domain::Indicator;
using domain::IndicatorKind;
using domain::QuestionType;

const domain::AnswerValue* answer_to(const CountedResponse& response, const std::string& question) {
    const auto it = response.answers.find(question);
    return it == response.answers.end() ? nullptr : &it->second;
}

std::optional<std::int64_t> whole_number(const domain::AnswerValue* answer) {
    if (answer != nullptr) {
        if (const auto* value = std::get_if<std::int64_t>(answer)) {
            return *value;
        }
    }
    return std::nullopt;
}

std::optional<bool> yes_or_no(const domain::AnswerValue* answer) {
    if (answer != nullptr) {
        if (const auto* value = std::get_if<bool>(answer)) {
            return *value;
        }
    }
    return std::nullopt;
}

/// A numeric answer as the tallies count it: whole numbers as they are,
/// decimal questions' answers in fixed point.
std::optional<std::int64_t> counted_number(const domain::AnswerValue* answer, QuestionType type) {
    if (answer == nullptr) {
        return std::nullopt;
    }
    if (type == QuestionType::decimal) {
        if (const auto* value = std::get_if<double>(answer)) {
            return fixed_point(*value);
        }
        if (const auto* value = std::get_if<std::int64_t>(answer)) {
            return *value * kDecimalScale;
        }
        return std::nullopt;
    }
    return whole_number(answer);
}

/// Whether an answer meets the indicator's success rule; nothing when the
/// answer is absent or of another type (it is then not a valid answer).
std::optional<bool> succeeds(const domain::SuccessRule& rule, const domain::AnswerValue* answer) {
    if (answer == nullptr) {
        return std::nullopt;
    }
    if (rule.at_least) {
        const auto value = whole_number(answer);
        return value ? std::optional<bool>(*value >= *rule.at_least) : std::nullopt;
    }
    if (rule.equals) {
        const auto value = yes_or_no(answer);
        return value ? std::optional<bool>(*value == *rule.equals) : std::nullopt;
    }
    if (rule.choice) {
        const auto* value = std::get_if<std::string>(answer);
        return value != nullptr ? std::optional<bool>(*value == *rule.choice) : std::nullopt;
    }
    return std::nullopt;
}

/// Counts one observation in the overall figure and in every breakdown the
/// indicator offers.
void tally_with_breakdowns(Tallies& tallies, const Indicator& indicator, const CountedResponse& response,
                           std::string_view cell, std::int64_t value, int sign) {
    tally(tallies, {indicator.id, "", "", std::string(cell)}, value, sign);
    for (const auto by : indicator.breakdowns) {
        tally(tallies, {indicator.id, std::string(to_string(by)), group_of(response, by), std::string(cell)}, value,
              sign);
    }
}

std::string_view net_promoter_cell(std::int64_t answer) {
    if (answer >= 9) {
        return cells::promoter;
    }
    return answer >= 7 ? cells::passive : cells::detractor;
}

std::string_view yes_no_cell(bool before, bool after) {
    if (before) {
        return after ? cells::yes_yes : cells::yes_no;
    }
    return after ? cells::no_yes : cells::no_no;
}

void count_reads(Tallies& tallies, const IndicatorSet& set, const Indicator& indicator, const CountedResponse& response,
                 int sign) {
    for (const auto& read : indicator.reads) {
        if (read.instrument != response.instrument) {
            continue;
        }
        const auto* answer = answer_to(response, read.question);
        switch (indicator.kind) {
            case IndicatorKind::share:
                if (const auto success = succeeds(indicator.success, answer)) {
                    tally_with_breakdowns(tallies, indicator, response, *success ? cells::success : cells::failure, 0,
                                          sign);
                }
                break;
            case IndicatorKind::mean:
                if (const auto value = counted_number(answer, type_of(set, read))) {
                    tally_with_breakdowns(tallies, indicator, response, cells::answers, *value, sign);
                }
                break;
            case IndicatorKind::nps:
                if (const auto value = whole_number(answer)) {
                    tally_with_breakdowns(tallies, indicator, response, net_promoter_cell(*value), 0, sign);
                }
                break;
            default:
                break;
        }
    }
}

/// Skills gaps: each answered pair of (current, required) levels is one
/// observation of required − current, per round (the cell), overall, per
/// competence area and per target group; beside it the respondents who gave
/// at least one such pair, which is the n that disclosure control checks.
/// Every round has its own instrument (`indicator.instruments`); the round
/// is the response's wave.
void count_skills_gaps(Tallies& tallies, const Indicator& indicator, const CountedResponse& response, int sign) {
    const auto& rounds = indicator.instruments;
    if (std::find(rounds.begin(), rounds.end(), response.instrument) == rounds.end()) {
        return;
    }
    const auto* group_answer = answer_to(response, indicator.group_question);
    const auto* group = group_answer != nullptr ? std::get_if<std::string>(group_answer) : nullptr;
    const auto respondents_cell = cells::respondents_in(response.wave);
    bool answered_any = false;
    for (const auto& area : indicator.areas) {
        bool answered_area = false;
        for (const auto& [current_key, required_key] : area.current_and_required) {
            const auto current = whole_number(answer_to(response, current_key));
            const auto required = whole_number(answer_to(response, required_key));
            if (!current || !required) {
                continue;
            }
            const auto gap = *required - *current;
            tally(tallies, {indicator.id, "", "", response.wave}, gap, sign);
            tally(tallies, {indicator.id, std::string(cells::competence_area), area.key, response.wave}, gap, sign);
            if (group != nullptr) {
                tally(tallies, {indicator.id, std::string(cells::target_group), *group, response.wave}, gap, sign);
            }
            answered_area = true;
        }
        if (answered_area) {
            tally(tallies, {indicator.id, std::string(cells::competence_area), area.key, respondents_cell}, 0, sign);
            answered_any = true;
        }
    }
    if (answered_any) {
        tally(tallies, {indicator.id, "", "", respondents_cell}, 0, sign);
        if (group != nullptr) {
            tally(tallies, {indicator.id, std::string(cells::target_group), *group, respondents_cell}, 0, sign);
        }
    }
}

bool asks(const Indicator& indicator, const std::string& respondent, const std::string& wave) {
    return indicator.kind == IndicatorKind::response_rate && indicator.wave == wave &&
           std::find(indicator.respondents.begin(), indicator.respondents.end(), respondent) !=
               indicator.respondents.end();
}

void count_rate_cell(Tallies& tallies, const IndicatorSet& set, const std::string& respondent, const std::string& wave,
                     std::string_view cell, int sign) {
    for (const auto& indicator : set.indicators) {
        if (asks(indicator, respondent, wave)) {
            tally(tallies, {indicator.id, "", "", std::string(cell)}, 0, sign);
            tally(tallies,
                  {indicator.id, std::string(to_string(domain::Breakdown::respondent)), respondent, std::string(cell)},
                  0, sign);
        }
    }
}

/// Before and after of one question: the 2×2 table for yes/no answers; for
/// numbers the answers before and after and, for whole numbers, the
/// histogram of differences (what the signed-rank and t tests read), for
/// decimals the sums of the differences.
void count_change(Tallies& tallies, const IndicatorSet& set, const Indicator& indicator, const CountedResponse& before,
                  const CountedResponse& after, int sign) {
    const auto* answer_before = answer_to(before, indicator.pre->question);
    const auto* answer_after = answer_to(after, indicator.post->question);
    const auto type = type_of(set, *indicator.pre);
    if (type == QuestionType::boolean) {
        const auto was = yes_or_no(answer_before);
        const auto is = yes_or_no(answer_after);
        if (was && is) {
            tally_with_breakdowns(tallies, indicator, after, yes_no_cell(*was, *is), 0, sign);
        }
        return;
    }
    const auto was = counted_number(answer_before, type);
    const auto is = counted_number(answer_after, type);
    if (!was || !is) {
        return;
    }
    tally_with_breakdowns(tallies, indicator, after, cells::before, *was, sign);
    tally_with_breakdowns(tallies, indicator, after, cells::after, *is, sign);
    if (type == QuestionType::decimal) {
        tally_with_breakdowns(tallies, indicator, after, cells::difference, *is - *was, sign);
    } else {
        tally_with_breakdowns(tallies, indicator, after, cells::difference_of(*is - *was), 0, sign);
    }
}

/// Digital intensity: items present before and after (their histogram of
/// differences and sums), and whether the SME was at basic level or above.
void count_digital_intensity(Tallies& tallies, const Indicator& indicator, const CountedResponse& before,
                             const CountedResponse& after, int sign) {
    const auto items_present = [&indicator](const CountedResponse& response) {
        std::int64_t present = 0;
        for (const auto& item : indicator.items) {
            present += yes_or_no(answer_to(response, item)).value_or(false) ? 1 : 0;
        }
        return present;
    };
    const auto was = items_present(before);
    const auto is = items_present(after);
    tally(tallies, {indicator.id, "", "", std::string(cells::before)}, was, sign);
    tally(tallies, {indicator.id, "", "", std::string(cells::after)}, is, sign);
    tally(tallies, {indicator.id, "", "", cells::difference_of(is - was)}, 0, sign);
    const auto basic_cell = yes_no_cell(was >= indicator.basic_level, is >= indicator.basic_level);
    tally(tallies, {indicator.id, std::string(cells::basic_level_group), "", std::string(basic_cell)}, 0, sign);
}

/// Agreement: whether each party of the engagement succeeded, as a 2×2
/// table with the first read's party as rows.
void count_agreement(Tallies& tallies, const Indicator& indicator, const CountedResponse& first,
                     const CountedResponse& second, int sign) {
    const auto first_success = succeeds(indicator.success, answer_to(first, indicator.reads[0].question));
    const auto second_success = succeeds(indicator.success, answer_to(second, indicator.reads[1].question));
    if (first_success && second_success) {
        tally(tallies, {indicator.id, "", "", std::string(yes_no_cell(*first_success, *second_success))}, 0, sign);
    }
}

/// For an indicator that pairs instruments, which two; empty when it does not.
std::pair<std::string, std::string> paired_instruments(const Indicator& indicator) {
    switch (indicator.kind) {
        case IndicatorKind::paired_change:
        case IndicatorKind::digital_intensity:
            if (indicator.pre && indicator.post) {
                return {indicator.pre->instrument, indicator.post->instrument};
            }
            break;
        case IndicatorKind::agreement:
            if (indicator.reads.size() == 2) {
                return {indicator.reads[0].instrument, indicator.reads[1].instrument};
            }
            break;
        default:
            break;
    }
    return {};
}

}  // namespace

std::int64_t fixed_point(double value) {
    return static_cast<std::int64_t>(std::llround(value * static_cast<double>(kDecimalScale)));
}

IndicatorSet indicator_set(std::vector<domain::Indicator> indicators,
                           const std::vector<domain::Instrument>& instruments) {
    IndicatorSet set;
    set.indicators = std::move(indicators);
    for (const auto& instrument : instruments) {
        for (const auto& section : instrument.sections) {
            for (const auto& question : section.questions) {
                set.question_types[std::pair{instrument.key, question.key}] = question.type;
            }
        }
    }
    return set;
}

domain::QuestionType type_of(const IndicatorSet& set, const domain::QuestionRef& question) {
    const auto it = set.question_types.find({question.instrument, question.question});
    return it == set.question_types.end() ? QuestionType::text : it->second;
}

void count_response(Tallies& tallies, const IndicatorSet& set, const CountedResponse& response, int sign) {
    for (const auto& indicator : set.indicators) {
        if (indicator.kind == IndicatorKind::skills_gap) {
            count_skills_gaps(tallies, indicator, response, sign);
        } else {
            count_reads(tallies, set, indicator, response, sign);
        }
    }
}

void count_first_submission(Tallies& tallies, const IndicatorSet& set, const std::string& respondent,
                            const std::string& wave, int sign) {
    count_rate_cell(tallies, set, respondent, wave, cells::responded, sign);
}

void count_invitation(Tallies& tallies, const IndicatorSet& set, const std::string& respondent, const std::string& wave,
                      int sign) {
    count_rate_cell(tallies, set, respondent, wave, cells::invited, sign);
}

void count_pair(Tallies& tallies, const IndicatorSet& set, const CountedResponse& one, const CountedResponse& other,
                int sign) {
    for (const auto& indicator : set.indicators) {
        const auto [first, second] = paired_instruments(indicator);
        if (first.empty() || first == second) {
            continue;
        }
        const CountedResponse* a = nullptr;
        const CountedResponse* b = nullptr;
        if (one.instrument == first && other.instrument == second) {
            a = &one;
            b = &other;
        } else if (other.instrument == first && one.instrument == second) {
            a = &other;
            b = &one;
        } else {
            continue;
        }
        if (indicator.kind == IndicatorKind::paired_change) {
            count_change(tallies, set, indicator, *a, *b, sign);
        } else if (indicator.kind == IndicatorKind::digital_intensity) {
            count_digital_intensity(tallies, indicator, *a, *b, sign);
        } else {
            count_agreement(tallies, indicator, *a, *b, sign);
        }
    }
}

std::vector<std::string> partner_instruments(const IndicatorSet& set, const std::string& instrument) {
    std::vector<std::string> partners;
    for (const auto& indicator : set.indicators) {
        const auto [first, second] = paired_instruments(indicator);
        const std::string* partner = nullptr;
        if (first == instrument) {
            partner = &second;
        } else if (second == instrument) {
            partner = &first;
        }
        if (partner != nullptr && !partner->empty() && *partner != instrument &&
            std::find(partners.begin(), partners.end(), *partner) == partners.end()) {
            partners.push_back(*partner);
        }
    }
    return partners;
}

}  // namespace yardstick::evaluation
