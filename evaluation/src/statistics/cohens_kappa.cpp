#include "yardstick/evaluation/statistics/cohens_kappa.hpp"

#include <limits>

namespace yardstick::evaluation {

Result<Agreement> cohens_kappa(const std::vector<std::vector<std::int64_t>>& table) {
    const std::size_t k = table.size();
    if (k == 0) {
        return Error::invalid("table", "an agreement table needs at least one category");
    }
    std::vector<long double> rows(k, 0);
    std::vector<long double> columns(k, 0);
    long double total = 0;
    long double diagonal = 0;
    for (std::size_t i = 0; i < k; ++i) {
        if (table[i].size() != k) {
            return Error::invalid("table", "an agreement table must be square");
        }
        for (std::size_t j = 0; j < k; ++j) {
            const std::int64_t count = table[i][j];
            if (count < 0) {
                return Error::invalid("table", "a count cannot be negative");
            }
            rows[i] += count;
            columns[j] += count;
            total += count;
            if (i == j) {
                diagonal += count;
            }
        }
    }
    if (total == 0) {
        return Error::invalid("table", "kappa needs at least one rated item");
    }
    if (total > static_cast<long double>(std::numeric_limits<std::int64_t>::max())) {
        return Error::invalid("table", "the counts are too large");
    }
    long double chance = 0;
    for (std::size_t i = 0; i < k; ++i) {
        chance += rows[i] * columns[i];
    }
    chance /= total * total;
    Agreement agreement;
    agreement.ratings = static_cast<std::int64_t>(total);
    agreement.observed_agreement = static_cast<double>(diagonal / total);
    agreement.chance_agreement = static_cast<double>(chance);
    // p_e = 1 exactly when one row and the matching column hold everything: then
    // every count sits in that one diagonal cell. Test it on the integers.
    bool single_category = false;
    for (std::size_t i = 0; i < k; ++i) {
        single_category = single_category || (rows[i] == total && columns[i] == total);
    }
    if (single_category) {
        agreement.no_kappa_because = Unavailable::chance_agreement_total;
        return agreement;
    }
    agreement.kappa = static_cast<double>((diagonal / total - chance) / (1 - chance));
    return agreement;
}

}  // namespace yardstick::evaluation
