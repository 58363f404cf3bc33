#include "yardstick/evaluation/statistics/cohens_kappa.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "reference/r_reference.hpp"

namespace yardstick::evaluation {
namespace {

std::vector<std::vector<std::int64_t>> table_of(const r_reference::KappaCase& c) {
    std::vector<std::vector<std::int64_t>> table(c.categories);
    for (std::size_t i = 0; i < c.categories; ++i) {
        table[i].assign(c.counts.begin() + static_cast<std::ptrdiff_t>(i * c.categories),
                        c.counts.begin() + static_cast<std::ptrdiff_t>((i + 1) * c.categories));
    }
    return table;
}

// p_o and p_e written out in R; kappa also checked there against psych::cohen.kappa.
TEST(CohensKappa, MatchesR) {
    for (const auto& c : r_reference::kKappa) {
        SCOPED_TRACE(c.name);
        const auto agreement = cohens_kappa(table_of(c));
        ASSERT_TRUE(agreement.ok());
        EXPECT_NEAR(agreement->observed_agreement, c.observed, 1e-15);
        EXPECT_NEAR(agreement->chance_agreement, c.chance, 1e-15);
        ASSERT_EQ(agreement->kappa.has_value(), c.has_kappa);
        if (c.has_kappa) {
            EXPECT_NEAR(*agreement->kappa, c.kappa, 1e-12);
        } else {
            EXPECT_EQ(agreement->no_kappa_because, Unavailable::chance_agreement_total);
        }
    }
}

TEST(CohensKappa, RejectsImpossibleTables) {
    EXPECT_FALSE(cohens_kappa({}).ok());
    EXPECT_FALSE(cohens_kappa({{1, 2}, {3}}).ok());
    EXPECT_FALSE(cohens_kappa({{1, -2}, {3, 4}}).ok());
    EXPECT_FALSE(cohens_kappa({{0, 0}, {0, 0}}).ok());
}

}  // namespace
}  // namespace yardstick::evaluation
