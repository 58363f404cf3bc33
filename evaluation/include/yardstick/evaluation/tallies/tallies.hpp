#pragma once
// Running tallies: the sufficient statistics of every indicator and group,
// from which a report computes its figures without reading a single
// response. Integer counts and sums only, so that tallies kept incrementally,
// rebuilt from the log or computed offline agree to the last digit.

#include <compare>
#include <cstdint>
#include <map>
#include <string>

namespace yardstick::evaluation {

/// Which cell of which indicator and group. `group_by` and `group_key` are
/// empty for the indicator's overall figure; `cell` names what is counted
/// (see tally_cells.hpp).
struct TallyKey {
    std::string indicator;
    std::string group_by;
    std::string group_key;
    std::string cell;

    friend auto operator<=>(const TallyKey&, const TallyKey&) = default;
};

/// A cell's count and the sums of what it counts (whole numbers, or decimals
/// scaled by kDecimalScale).
struct TallyValue {
    std::int64_t count = 0;
    std::int64_t sum = 0;
    std::int64_t sum_of_squares = 0;

    friend bool operator==(const TallyValue&, const TallyValue&) = default;
};

using Tallies = std::map<TallyKey, TallyValue>;

/// Adds (sign = +1) or takes out (sign = −1) one observation `value` — a
/// whole number, or a decimal already scaled — in `key`.
void tally(Tallies& tallies, const TallyKey& key, std::int64_t value, int sign);

/// Adds `delta` to `into`, cell by cell.
void merge(Tallies& into, const Tallies& delta);

/// The cell's value, zero when it was never counted.
TallyValue value_of(const Tallies& tallies, const TallyKey& key);

}  // namespace yardstick::evaluation
