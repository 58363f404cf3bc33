#include "yardstick/evaluation/statistics/paired_share_change.hpp"

#include <algorithm>
#include <cmath>

#include "yardstick/evaluation/statistics/wilson_interval.hpp"

namespace yardstick::evaluation {

Result<PairedShareChange> paired_share_change(const PairedYesNoTable& table, double level) {
    if (auto status = check_counts(table); !status.ok()) {
        return std::move(status).error();
    }
    const std::int64_t pairs = table.pairs();
    if (pairs == 0) {
        return Error::invalid("table", "a change in share needs at least one pair");
    }
    const std::int64_t yes_after = table.yes_yes + table.no_yes;
    const std::int64_t yes_before = table.yes_yes + table.yes_no;
    auto after = wilson_interval(yes_after, pairs, level);
    if (!after.ok()) {
        return std::move(after).error();
    }
    auto before = wilson_interval(yes_before, pairs, level);
    if (!before.ok()) {
        return std::move(before).error();
    }
    // Newcombe (1998), method 10, with p1 = share after and p2 = share before
    // (φ is the same for the transposed table, so the order does not change it):
    //   L = D − √((p1 − l1)² − 2φ (p1 − l1)(u2 − p2) + (u2 − p2)²)
    //   U = D + √((p2 − l2)² − 2φ (p2 − l2)(u1 − p1) + (u1 − p1)²)
    // φ = C / √(product of the four margins), where C = ad − bc − n/2 when
    // ad − bc > n/2, 0 when 0 ≤ ad − bc ≤ n/2, and ad − bc when it is negative;
    // φ = 0 when any margin is 0.
    const double n = static_cast<double>(pairs);
    const double margins = static_cast<double>(yes_before) * static_cast<double>(pairs - yes_before) *
                           static_cast<double>(yes_after) * static_cast<double>(pairs - yes_after);
    double phi = 0.0;
    if (margins > 0.0) {
        const double cross = static_cast<double>(table.yes_yes) * static_cast<double>(table.no_no) -
                             static_cast<double>(table.yes_no) * static_cast<double>(table.no_yes);
        double corrected = 0.0;
        if (cross > n / 2.0) {
            corrected = cross - n / 2.0;
        } else if (cross < 0.0) {
            corrected = cross;
        }
        phi = corrected / std::sqrt(margins);
    }
    const double p1 = after->estimate;
    const double p2 = before->estimate;
    const double below1 = p1 - after->low;
    const double above1 = after->high - p1;
    const double below2 = p2 - before->low;
    const double above2 = before->high - p2;
    PairedShareChange change;
    change.pairs = pairs;
    change.share_before = p2;
    change.share_after = p1;
    change.change = static_cast<double>(table.no_yes - table.yes_no) / n;
    const double low = change.change - std::sqrt(below1 * below1 - 2.0 * phi * below1 * above2 + above2 * above2);
    const double high = change.change + std::sqrt(below2 * below2 - 2.0 * phi * below2 * above1 + above1 * above1);
    change.interval = ConfidenceInterval{std::max(-1.0, low), std::min(1.0, high)};
    return change;
}

}  // namespace yardstick::evaluation
