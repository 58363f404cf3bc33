#include "yardstick/domain/indicator.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace yardstick::domain {
namespace {

constexpr std::array<std::pair<IndicatorKind, std::string_view>, 9> kKinds = {{
    {IndicatorKind::count, "count"},
    {IndicatorKind::share, "share"},
    {IndicatorKind::mean, "mean"},
    {IndicatorKind::nps, "nps"},
    {IndicatorKind::response_rate, "response_rate"},
    {IndicatorKind::paired_change, "paired_change"},
    {IndicatorKind::digital_intensity, "digital_intensity"},
    {IndicatorKind::skills_gap, "skills_gap"},
    {IndicatorKind::agreement, "agreement"},
}};

constexpr std::array<std::pair<CountedThing, std::string_view>, 5> kCounted = {{
    {CountedThing::registered_organisations, "registered_organisations"},
    {CountedThing::engagements, "engagements"},
    {CountedThing::participants, "participants"},
    {CountedThing::distinct_sectors, "distinct_sectors"},
    {CountedThing::distinct_countries, "distinct_countries"},
}};

constexpr std::array<std::pair<Breakdown, std::string_view>, 5> kBreakdowns = {{
    {Breakdown::respondent, "respondent"},
    {Breakdown::country, "country"},
    {Breakdown::sector, "sector"},
    {Breakdown::size, "size"},
    {Breakdown::wave, "wave"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) noexcept {
    for (const auto& [candidate, name] : table) {
        if (candidate == value) {
            return name;
        }
    }
    return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view name) noexcept {
    for (const auto& [value, candidate] : table) {
        if (candidate == name) {
            return value;
        }
    }
    return std::nullopt;
}

bool is_numeric(QuestionType type) {
    return type == QuestionType::likert5 || type == QuestionType::scale || type == QuestionType::integer ||
           type == QuestionType::decimal;
}

// Collects the problems of one indicator; `at` is its path, e.g. "[3]".
class IndicatorCheck {
public:
    IndicatorCheck(const Indicator& indicator, std::string at, const std::vector<Instrument>& instruments,
                   const std::vector<std::string>& languages, std::vector<FieldError>& errors)
        : indicator_(indicator),
          at_(std::move(at)),
          instruments_(instruments),
          languages_(languages),
          errors_(errors) {}

    void run() {
        if (!is_valid_question_key(indicator_.id)) {
            error(".id", "must be snake_case: [a-z][a-z0-9_]*, at most 64 characters");
        }
        localised(".label", indicator_.label);
        localised(".method", indicator_.method);
        check_kind_members();
        switch (indicator_.kind) {
            case IndicatorKind::count:
                break;
            case IndicatorKind::share:
            case IndicatorKind::agreement:
                for (std::size_t i = 0; i < indicator_.reads.size(); ++i) {
                    if (const auto* question = find(indicator_.reads[i], ".reads[" + std::to_string(i) + "]")) {
                        success_fits(*question, ".reads[" + std::to_string(i) + "]");
                    }
                }
                break;
            case IndicatorKind::mean:
            case IndicatorKind::nps:
                for (std::size_t i = 0; i < indicator_.reads.size(); ++i) {
                    const auto path = ".reads[" + std::to_string(i) + "]";
                    if (const auto* question = find(indicator_.reads[i], path)) {
                        const bool nps = indicator_.kind == IndicatorKind::nps;
                        if (nps && !(question->type == QuestionType::scale && question->min == 0 && question->max == 10)) {
                            error(path + ".question", "must be a 0–10 scale for a net promoter score");
                        } else if (!nps && !is_numeric(question->type)) {
                            error(path + ".question", "must be a number, scale or Likert question for a mean");
                        }
                    }
                }
                break;
            case IndicatorKind::response_rate:
                for (std::size_t i = 0; i < indicator_.respondents.size(); ++i) {
                    if (!is_valid_respondent(indicator_.respondents[i])) {
                        error(".respondents[" + std::to_string(i) + "]", "is not a respondent kind");
                    }
                }
                if (!is_valid_wave(indicator_.wave)) {
                    error(".wave", "is not a wave");
                }
                break;
            case IndicatorKind::paired_change:
                check_pair();
                break;
            case IndicatorKind::digital_intensity:
                check_digital_intensity();
                break;
            case IndicatorKind::skills_gap:
                check_skills_gap();
                break;
        }
    }

private:
    void error(const std::string& field, std::string message) { errors_.push_back({at_ + field, std::move(message)}); }

    void localised(const std::string& field, const LocalisedText& text) {
        for (const auto& language : languages_) {
            const auto it = text.find(language);
            if (it == text.end() || it->second.empty()) {
                error(field + "." + language, "is missing");
            }
        }
        for (const auto& [language, value] : text) {
            if (std::find(languages_.begin(), languages_.end(), language) == languages_.end()) {
                error(field + "." + language, "is not one of the template's languages");
            }
        }
    }

    // Which members the kind uses, and that the others are left empty.
    void check_kind_members() {
        using K = IndicatorKind;
        const auto kind = indicator_.kind;
        const auto needs = [&](bool present, bool wanted, const char* field) {
            if (wanted && !present) {
                error(field, std::string("is needed for a ") + std::string(to_string(kind)) + " indicator");
            } else if (!wanted && present) {
                error(field, std::string("is not used by a ") + std::string(to_string(kind)) + " indicator");
            }
        };
        const bool success_set = indicator_.success.at_least || indicator_.success.equals || indicator_.success.choice;
        needs(indicator_.counts.has_value(), kind == K::count, ".counts");
        needs(!indicator_.reads.empty(), kind == K::share || kind == K::mean || kind == K::nps || kind == K::agreement,
              ".reads");
        needs(success_set, kind == K::share || kind == K::agreement, ".success");
        needs(!indicator_.wave.empty(), kind == K::response_rate, ".wave");
        needs(!indicator_.respondents.empty(), kind == K::response_rate, ".respondents");
        needs(indicator_.pre.has_value(), kind == K::paired_change || kind == K::digital_intensity, ".pre");
        needs(indicator_.post.has_value(), kind == K::paired_change || kind == K::digital_intensity, ".post");
        needs(!indicator_.items.empty(), kind == K::digital_intensity, ".items");
        needs(!indicator_.instruments.empty(), kind == K::skills_gap, ".instruments");
        needs(!indicator_.group_question.empty(), kind == K::skills_gap, ".group_question");
        needs(!indicator_.areas.empty(), kind == K::skills_gap, ".areas");
        const bool breaks_down = kind == K::share || kind == K::mean || kind == K::nps || kind == K::paired_change;
        if (!breaks_down && !indicator_.breakdowns.empty()) {
            error(".breakdowns", std::string("is not used by a ") + std::string(to_string(kind)) + " indicator");
        }
        if (kind == K::agreement && indicator_.reads.size() != 2) {
            error(".reads", "must name the two parties' questions");
        }
        const int rules = (indicator_.success.at_least ? 1 : 0) + (indicator_.success.equals ? 1 : 0) +
                          (indicator_.success.choice ? 1 : 0);
        if (rules > 1) {
            error(".success", "must be one of at_least, equals or choice");
        }
    }

    // The template's instrument `key`, or nullptr after an error at `field`.
    const Instrument* instrument_at(const std::string& key, const std::string& field) {
        const auto it = std::find_if(instruments_.begin(), instruments_.end(),
                                     [&](const Instrument& candidate) { return candidate.key == key; });
        if (it == instruments_.end()) {
            error(field, "is not an instrument of this template");
            return nullptr;
        }
        return &*it;
    }

    const Instrument* instrument(const std::string& key, const std::string& path) {
        return instrument_at(key, path + ".instrument");
    }

    const Question* find(const QuestionRef& ref, const std::string& path) {
        const auto* in = instrument(ref.instrument, path);
        if (in == nullptr) {
            return nullptr;
        }
        const auto* question = find_question(*in, ref.question);
        if (question == nullptr) {
            error(path + ".question", "is not a question of " + ref.instrument);
        }
        return question;
    }

    void success_fits(const Question& question, const std::string& path) {
        const auto& rule = indicator_.success;
        if (rule.at_least) {
            const bool ordered = question.type == QuestionType::likert5 || question.type == QuestionType::scale;
            const auto low = question.type == QuestionType::likert5 ? 1 : question.min.value_or(0);
            const auto high = question.type == QuestionType::likert5 ? 5 : question.max.value_or(0);
            if (!ordered) {
                error(path + ".question", "must be a Likert or scale question for success.at_least");
            } else if (*rule.at_least < low || *rule.at_least > high) {
                error(".success.at_least", "is outside the question's scale");
            }
        } else if (rule.equals && question.type != QuestionType::boolean) {
            error(path + ".question", "must be a yes/no question for success.equals");
        } else if (rule.choice) {
            const bool has = std::any_of(question.choices.begin(), question.choices.end(),
                                         [&](const Choice& choice) { return choice.value == *rule.choice; });
            if (question.type != QuestionType::single || !has) {
                error(".success.choice", "is not a choice of the single-choice question " + question.key);
            }
        }
    }

    void check_pair() {
        if (!indicator_.pre || !indicator_.post) {
            return;
        }
        const auto* before = find(*indicator_.pre, ".pre");
        const auto* after = find(*indicator_.post, ".post");
        if (before == nullptr || after == nullptr) {
            return;
        }
        if (before->type != after->type || !(is_numeric(before->type) || before->type == QuestionType::boolean)) {
            error(".post.question", "must be of the same numeric or yes/no type as the pre question");
        }
        waves_differ();
    }

    void waves_differ() {
        const auto* before = instrument(indicator_.pre->instrument, ".pre");
        const auto* after = instrument(indicator_.post->instrument, ".post");
        if (before != nullptr && after != nullptr &&
            (before->wave == after->wave || before->respondent != after->respondent)) {
            error(".post.instrument", "must be the same respondents' instrument of a later wave than .pre's");
        }
    }

    void check_digital_intensity() {
        if (!indicator_.pre || !indicator_.post) {
            return;
        }
        for (const auto* side : {&*indicator_.pre, &*indicator_.post}) {
            const std::string path = side == &*indicator_.pre ? ".pre" : ".post";
            if (!side->question.empty()) {
                error(path + ".question", "is not used: the items are");
            }
            const auto* in = instrument(side->instrument, path);
            if (in == nullptr) {
                continue;
            }
            for (std::size_t i = 0; i < indicator_.items.size(); ++i) {
                const auto* question = find_question(*in, indicator_.items[i]);
                if (question == nullptr || question->type != QuestionType::boolean) {
                    error(".items[" + std::to_string(i) + "]", "must be a yes/no question of " + in->key);
                }
            }
        }
        if (indicator_.basic_level < 1 || indicator_.basic_level > static_cast<std::int64_t>(indicator_.items.size())) {
            error(".basic_level", "must be between 1 and the number of items");
        }
        waves_differ();
    }

    // One instrument per survey round, all for the same respondents, each
    // asking the group question and every (current, required) pair, so that
    // the rounds' gaps compare.
    void check_skills_gap() {
        std::vector<const Instrument*> rounds;
        std::set<std::string> waves;
        for (std::size_t i = 0; i < indicator_.instruments.size(); ++i) {
            const auto path = ".instruments[" + std::to_string(i) + "]";
            const auto* in = instrument_at(indicator_.instruments[i], path);
            if (in == nullptr) {
                continue;
            }
            if (!waves.insert(in->wave).second) {
                error(path, "must be another round's instrument: wave " + in->wave + " is listed already");
            } else if (!rounds.empty() && in->respondent != rounds.front()->respondent) {
                error(path, "must be for the same respondents as .instruments[0]");
            }
            rounds.push_back(in);
        }
        for (const auto* in : rounds) {
            const auto* group = find_question(*in, indicator_.group_question);
            if (group == nullptr || group->type != QuestionType::single) {
                error(".group_question", "must be a single-choice question of " + in->key);
            }
        }
        std::set<std::string> keys;
        for (std::size_t a = 0; a < indicator_.areas.size(); ++a) {
            const auto& area = indicator_.areas[a];
            const auto path = ".areas[" + std::to_string(a) + "]";
            if (!is_valid_question_key(area.key) || !keys.insert(area.key).second) {
                error(path + ".key", "must be a unique snake_case key");
            }
            localised(path + ".label", area.label);
            if (area.current_and_required.empty()) {
                error(path + ".pairs", "needs at least one (current, required) pair");
            }
            for (std::size_t p = 0; p < area.current_and_required.size(); ++p) {
                for (const auto* in : rounds) {
                    for (const auto& key : {area.current_and_required[p].first, area.current_and_required[p].second}) {
                        const auto* question = find_question(*in, key);
                        if (question == nullptr || question->type != QuestionType::scale) {
                            error(path + ".pairs[" + std::to_string(p) + "]",
                                  key + " must be a scale question of " + in->key);
                        }
                    }
                }
            }
        }
    }

    const Indicator& indicator_;
    std::string at_;
    const std::vector<Instrument>& instruments_;
    const std::vector<std::string>& languages_;
    std::vector<FieldError>& errors_;
};

}  // namespace

std::string_view to_string(IndicatorKind kind) noexcept {
    return name_of(kKinds, kind);
}
std::optional<IndicatorKind> parse_indicator_kind(std::string_view name) noexcept {
    return value_of(kKinds, name);
}
std::string_view to_string(CountedThing thing) noexcept {
    return name_of(kCounted, thing);
}
std::optional<CountedThing> parse_counted_thing(std::string_view name) noexcept {
    return value_of(kCounted, name);
}
std::string_view to_string(Breakdown breakdown) noexcept {
    return name_of(kBreakdowns, breakdown);
}
std::optional<Breakdown> parse_breakdown(std::string_view name) noexcept {
    return value_of(kBreakdowns, name);
}

Result<std::vector<Indicator>> check_indicators(std::vector<Indicator> indicators,
                                                const std::vector<Instrument>& instruments,
                                                const std::vector<std::string>& languages) {
    std::vector<FieldError> errors;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        const auto at = "[" + std::to_string(i) + "]";
        if (!ids.insert(indicators[i].id).second) {
            errors.push_back({at + ".id", "is used by an earlier indicator"});
        }
        IndicatorCheck(indicators[i], at, instruments, languages, errors).run();
    }
    if (!errors.empty()) {
        return Error{ErrorCode::invalid_argument, "The indicators do not fit the template's instruments.",
                     std::move(errors)};
    }
    return indicators;
}

}  // namespace yardstick::domain
