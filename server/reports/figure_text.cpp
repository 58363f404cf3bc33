#include "server/reports/figure_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace yardstick::server::reports {

using domain::IndicatorKind;

namespace {

constexpr std::string_view kNotANumber = "—";

// `value` × 10^shift rounded half away from zero to `decimals` decimals,
// worked on the shortest decimal that reads back as `value` (what
// std::to_chars writes without a precision), so that the rounding sees 0.285
// and not 0.28499999999999998. Digits only: no sign, no "-0" question.
std::string rounded_magnitude(double value, int shift, int decimals) {
    std::array<char, 512> buffer{};  // fits any double in fixed notation: DBL_MAX's 309 digits, 5e-324's 324 decimals
    const auto [end, error] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), std::abs(value), std::chars_format::fixed);
    if (error != std::errc{}) {
        return std::string(kNotANumber);
    }
    const std::string written(buffer.data(), end);
    const auto point = written.find('.');
    std::string whole = written.substr(0, point);
    std::string fraction = point == std::string::npos ? "" : written.substr(point + 1);
    // Multiplying by 10^shift moves digits from the fraction to the whole part.
    fraction.resize(std::max(fraction.size(), static_cast<std::size_t>(shift)), '0');
    whole += fraction.substr(0, static_cast<std::size_t>(shift));
    fraction.erase(0, static_cast<std::size_t>(shift));

    const auto kept = static_cast<std::size_t>(decimals);
    const bool round_up = fraction.size() > kept && fraction[kept] >= '5';
    fraction.resize(kept, '0');
    std::string digits = whole + fraction;
    if (round_up) {
        auto at = digits.size();
        while (at > 0 && digits[at - 1] == '9') {
            digits[--at] = '0';
        }
        if (at == 0) {
            digits.insert(digits.begin(), '1');
        } else {
            ++digits[at - 1];
        }
    }
    std::string integer = digits.substr(0, digits.size() - kept);
    integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size() - 1));  // "007" → "7", "0" stays
    return kept == 0 ? integer : integer + "." + digits.substr(digits.size() - kept);
}

// The sign goes back on only when something other than zeros is left.
std::string signed_rounding(double value, int shift, int decimals, bool plus) {
    if (!std::isfinite(value)) {
        return std::string(kNotANumber);
    }
    auto text = rounded_magnitude(value, shift, decimals);
    if (text.find_first_not_of("0.") == std::string::npos) {
        return text;
    }
    if (value < 0) {
        return "-" + text;
    }
    return plus ? "+" + text : text;
}

std::string whole_percent_number(double fraction) {
    return signed_rounding(fraction, 2, 0, false);
}

std::string count_of(std::int64_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

// "95% CI " for the figure's level.
std::string level_text(const IndicatorFigure& figure) {
    return whole_percent(figure.ci_level.value_or(0.95)) + " CI ";
}

std::string interval_and_n(const IndicatorFigure& figure) {
    std::string text;
    const auto low = finite(figure.ci_low);
    const auto high = finite(figure.ci_high);
    if (low && high) {
        text = interval_text(figure, *low, *high);
    }
    if (figure.n) {
        text += (text.empty() ? "" : " · ") + std::string("n = ") + std::to_string(*figure.n);
    }
    return text;
}

// "Share at basic level or above: 58% before → 79% after (change +21 pp, 95%
// CI +5 to +35 pp), mean items present 4.1 → 5.3 of 12", either half alone
// when the other is missing.
std::string digital_intensity_sentence(const IndicatorFigure& figure) {
    std::string sentence;
    const auto pre = finite(figure.mean_pre);
    const auto post = finite(figure.mean_post);
    if (pre && post) {
        sentence =
            "Share at basic level or above: " + whole_percent(*pre) + " before → " + whole_percent(*post) + " after";
        if (const auto change = finite(figure.value)) {
            sentence += " (change " + percentage_points(*change);
            const auto low = finite(figure.ci_low);
            const auto high = finite(figure.ci_high);
            if (low && high) {
                sentence += ", " + interval_text(figure, *low, *high);
            }
            sentence += ")";
        }
    }
    const auto items_pre = finite(figure.items_pre);
    const auto items_post = finite(figure.items_post);
    if (items_pre && items_post) {
        sentence += sentence.empty() ? "Mean items present " : ", mean items present ";
        sentence += fixed(*items_pre, 1) + " → " + fixed(*items_post, 1);
        if (figure.items_total) {
            sentence += " of " + std::to_string(*figure.items_total);
        }
    }
    return sentence;
}

// "Mean gap 1.45 in 2025 → 0.95 in 2026 (change -0.50)", or the one round there is.
std::string skills_gap_sentence(const IndicatorFigure& figure) {
    const auto first = finite(figure.mean_pre);
    const auto last = finite(figure.mean_post);
    if (figure.rounds.size() == 2 && first && last) {
        const auto change = finite(figure.mean_difference).value_or(*last - *first);
        return "Mean gap " + fixed(*first, 2) + " in " + figure.rounds[0] + " → " + fixed(*last, 2) + " in " +
               figure.rounds[1] + " (change " + with_sign(change, 2) + ")";
    }
    const auto value = finite(figure.value);
    if (figure.rounds.size() == 1 && value) {
        return "Mean gap " + fixed(*value, 2) + " in " + figure.rounds[0] + ", the only round so far";
    }
    return "";
}

// "41 of 50 exchanges agree (82%)".
std::string agreement_sentence(const IndicatorFigure& figure) {
    if (!figure.numerator || !figure.denominator || *figure.denominator <= 0) {
        return "";
    }
    const auto share = static_cast<double>(*figure.numerator) / static_cast<double>(*figure.denominator);
    return std::to_string(*figure.numerator) + " of " + count_of(*figure.denominator, "exchange", "exchanges") +
           (*figure.numerator == 1 ? " agrees" : " agree") + " (" + whole_percent(share) + ")";
}

}  // namespace

// ---- numbers

std::string fixed(double value, int decimals) {
    return signed_rounding(value, 0, std::max(decimals, 0), false);
}

std::string short_decimal(double value, int decimals) {
    auto text = fixed(value, decimals);
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') {
            text.pop_back();
        }
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    return text;
}

std::string with_sign(double value, int decimals) {
    return signed_rounding(value, 0, std::max(decimals, 0), true);
}

std::string whole_percent(double fraction) {
    const auto number = whole_percent_number(fraction);
    return number == kNotANumber ? number : number + "%";
}

std::string percentage_points(double change) {
    const auto number = signed_rounding(change, 2, 0, true);
    return number == kNotANumber ? number : number + " pp";
}

std::string p_value_text(double p_value) {
    if (!std::isfinite(p_value)) {
        return "p = " + std::string(kNotANumber);
    }
    return p_value < 0.001 ? "p < 0.001" : "p = " + short_decimal(p_value, 3);
}

std::optional<double> finite(std::optional<double> value) noexcept {
    return value && std::isfinite(*value) ? value : std::nullopt;
}

// ---- one figure

bool change_is_share(const IndicatorFigure& figure) noexcept {
    // A digital intensity figure is always the change in a share; a paired
    // change is one when its item is yes/no (Newcombe's interval, McNemar's test).
    return figure.kind == IndicatorKind::digital_intensity ||
           (figure.kind == IndicatorKind::paired_change &&
            (figure.ci_method == IntervalMethod::newcombe_paired || figure.test == PairedTestKind::mcnemar));
}

std::string value_text(const IndicatorFigure& figure, double value) {
    switch (figure.kind) {
        case IndicatorKind::count:
            return fixed(value, 0);
        case IndicatorKind::share:
        case IndicatorKind::response_rate:
            return whole_percent(value);
        case IndicatorKind::nps:
            return signed_rounding(value, 2, 0, true);  // −1…1 shown as −100…+100
        case IndicatorKind::paired_change:
        case IndicatorKind::digital_intensity:
            return change_is_share(figure) ? percentage_points(value) : with_sign(value, 2);
        case IndicatorKind::mean:
        case IndicatorKind::skills_gap:
        case IndicatorKind::agreement:
            return fixed(value, 2);
    }
    return fixed(value, 2);
}

std::string interval_text(const IndicatorFigure& figure, double low, double high) {
    if (is_proportion(figure.kind)) {
        return level_text(figure) + whole_percent_number(low) + "–" + whole_percent(high);
    }
    if (change_is_share(figure)) {
        return level_text(figure) + signed_rounding(low, 2, 0, true) + " to " + percentage_points(high);
    }
    return level_text(figure) + value_text(figure, low) + " to " + value_text(figure, high);
}

std::string figure_details(const IndicatorFigure& figure) {
    switch (figure.kind) {
        case IndicatorKind::agreement:
            return "Cohen's kappa";
        case IndicatorKind::skills_gap: {
            // Only the latest round's respondents count in n.
            std::string text = figure.rounds.empty() ? "mean gap" : "mean gap in " + figure.rounds.back();
            return figure.n ? text + " · n = " + std::to_string(*figure.n) : text;
        }
        default:
            return interval_and_n(figure);
    }
}

std::string figure_note(const IndicatorFigure& figure) {
    if (!figure.note.empty()) {
        return figure.note;
    }
    return finite(figure.value) ? "" : "No figure.";
}

std::string test_text(const IndicatorFigure& figure) {
    if (!figure.test) {
        return "";
    }
    std::string_view statistic_name;
    std::string_view effect_name;
    switch (*figure.test) {
        case PairedTestKind::wilcoxon_signed_rank:
            statistic_name = "Wilcoxon signed-rank V";
            effect_name = "rank-biserial r";
            break;
        case PairedTestKind::mcnemar:
            statistic_name = "McNemar χ²";  // no effect size: the change itself says how large
            break;
        case PairedTestKind::paired_t:
            statistic_name = "Paired t-test t";
            effect_name = "Cohen's d_z";
            break;
    }
    std::string text(statistic_name);
    if (const auto statistic = finite(figure.statistic)) {
        text += " = " + short_decimal(*statistic, 2);
    }
    if (figure.p_value) {
        text += ", " + p_value_text(*figure.p_value);
    }
    if (const auto effect = finite(figure.effect_size); effect && !effect_name.empty()) {
        text += "; " + std::string(effect_name) + " = " + fixed(*effect, 2);
    }
    if (figure.n_pairs) {
        text += "; " + count_of(*figure.n_pairs, "pair", "pairs");
    }
    return text;
}

std::vector<std::string> kind_sentences(const IndicatorFigure& figure) {
    std::string sentence;
    switch (figure.kind) {
        case IndicatorKind::digital_intensity:
            sentence = digital_intensity_sentence(figure);
            break;
        case IndicatorKind::skills_gap:
            sentence = skills_gap_sentence(figure);
            break;
        case IndicatorKind::agreement:
            sentence = agreement_sentence(figure);
            break;
        default:
            break;
    }
    if (sentence.empty()) {
        return {};
    }
    return {sentence};
}

// ---- one group of a breakdown

std::string group_value_text(const IndicatorFigure& figure, const GroupFigure& group) {
    if (const auto value = finite(group.value)) {
        return value_text(figure, *value);
    }
    return group.note.empty() ? std::string(kNotANumber) : group.note;
}

std::string group_label(const GroupFigure& group) {
    return group.label.empty() ? group.key : group.label;
}

}  // namespace yardstick::server::reports
