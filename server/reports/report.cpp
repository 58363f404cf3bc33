#include "server/reports/report.hpp"

namespace yardstick::server::reports {

using domain::IndicatorKind;

std::string_view to_string(IntervalMethod method) noexcept {
    switch (method) {
        case IntervalMethod::wilson:
            return "wilson";
        case IntervalMethod::t:
            return "t";
        case IntervalMethod::newcombe_paired:
            return "newcombe_paired";
        case IntervalMethod::nps:
            return "nps";
    }
    return "unknown";
}

std::string_view to_string(PairedTestKind test) noexcept {
    switch (test) {
        case PairedTestKind::wilcoxon_signed_rank:
            return "wilcoxon_signed_rank";
        case PairedTestKind::mcnemar:
            return "mcnemar";
        case PairedTestKind::paired_t:
            return "paired_t";
    }
    return "unknown";
}

bool is_proportion(IndicatorKind kind) noexcept {
    return kind == IndicatorKind::share || kind == IndicatorKind::response_rate;
}

bool is_paired(IndicatorKind kind) noexcept {
    return kind == IndicatorKind::paired_change || kind == IndicatorKind::digital_intensity;
}

bool has_breakdowns(IndicatorKind kind) noexcept {
    return kind == IndicatorKind::share || kind == IndicatorKind::mean || kind == IndicatorKind::nps ||
           kind == IndicatorKind::paired_change || kind == IndicatorKind::response_rate ||
           kind == IndicatorKind::skills_gap;
}

bool has_interval(IndicatorKind kind) noexcept {
    return is_proportion(kind) || is_paired(kind) || kind == IndicatorKind::mean || kind == IndicatorKind::nps;
}

}  // namespace yardstick::server::reports
