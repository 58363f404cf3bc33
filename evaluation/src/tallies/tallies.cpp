#include "yardstick/evaluation/tallies/tallies.hpp"

namespace yardstick::evaluation {

void tally(Tallies& tallies, const TallyKey& key, std::int64_t value, int sign) {
    auto& cell = tallies[key];
    cell.count += sign;
    cell.sum += sign * value;
    cell.sum_of_squares += sign * value * value;
}

void merge(Tallies& into, const Tallies& delta) {
    for (const auto& [key, value] : delta) {
        auto& cell = into[key];
        cell.count += value.count;
        cell.sum += value.sum;
        cell.sum_of_squares += value.sum_of_squares;
    }
}

TallyValue value_of(const Tallies& tallies, const TallyKey& key) {
    const auto it = tallies.find(key);
    return it == tallies.end() ? TallyValue{} : it->second;
}

}  // namespace yardstick::evaluation
