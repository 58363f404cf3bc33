#pragma once
// Paired answers on an integer scale, reduced to what the paired tests need.

#include <cstdint>
#include <map>

namespace yardstick::evaluation {

/// How many pairs had each difference after − before (e.g. −4 … 4 on a 1–5
/// scale): difference → number of pairs. Kept incrementally by the reports;
/// entries with a count of 0 are allowed and ignored.
using DifferenceHistogram = std::map<std::int64_t, std::int64_t>;

}  // namespace yardstick::evaluation
