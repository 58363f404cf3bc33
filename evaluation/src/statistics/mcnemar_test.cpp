#include "yardstick/evaluation/statistics/mcnemar_test.hpp"

#include <cstdlib>

#include "yardstick/evaluation/statistics/chi_square_distribution.hpp"

namespace yardstick::evaluation {

Result<McNemarResult> mcnemar_test(const PairedYesNoTable& table) {
    if (auto status = check_counts(table); !status.ok()) {
        return std::move(status).error();
    }
    McNemarResult result;
    result.discordant_pairs = table.yes_no + table.no_yes;
    if (result.discordant_pairs == 0) {
        result.no_test_because = Unavailable::no_discordant_pairs;
        return result;
    }
    const std::int64_t gap = std::llabs(table.yes_no - table.no_yes);
    const double corrected = gap == 0 ? 0.0 : static_cast<double>(gap - 1);
    const double chi_square = corrected * corrected / static_cast<double>(result.discordant_pairs);
    result.test = McNemarTest{chi_square, chi_square_upper_tail(chi_square, 1.0)};
    return result;
}

}  // namespace yardstick::evaluation
