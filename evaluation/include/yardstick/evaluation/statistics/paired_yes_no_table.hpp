#pragma once
// The 2×2 table of a yes/no question asked of the same people before and after.

#include <cstdint>
#include <limits>

#include "yardstick/domain/result.hpp"

namespace yardstick::evaluation {

/// Counts of pairs by (before, after) answer. In Newcombe's (1998) notation
/// yes_yes = e (or a), yes_no = f (b), no_yes = g (c), no_no = h (d).
struct PairedYesNoTable {
    std::int64_t yes_yes = 0;  ///< yes before, yes after
    std::int64_t yes_no = 0;   ///< yes before, no after
    std::int64_t no_yes = 0;   ///< no before, yes after
    std::int64_t no_no = 0;    ///< no before, no after

    std::int64_t pairs() const noexcept { return yes_yes + yes_no + no_yes + no_no; }
};

/// Ok when every count is non-negative and the total fits in 64 bits.
inline Status check_counts(const PairedYesNoTable& table) {
    if (table.yes_yes < 0 || table.yes_no < 0 || table.no_yes < 0 || table.no_no < 0) {
        return Error::invalid("table", "a count of pairs cannot be negative");
    }
    // Four counts of at most 2^61 − 1 each cannot overflow their sum.
    constexpr std::int64_t kLimit = std::numeric_limits<std::int64_t>::max() / 4;
    if (table.yes_yes > kLimit || table.yes_no > kLimit || table.no_yes > kLimit || table.no_no > kLimit) {
        return Error::invalid("table", "the counts are too large");
    }
    return {};
}

}  // namespace yardstick::evaluation
