#include "yardstick/evaluation/statistics/confidence_interval.hpp"

namespace yardstick::evaluation {

std::string_view explain(Unavailable reason) noexcept {
    switch (reason) {
        case Unavailable::single_observation:
            return "there is only one answer, so its uncertainty cannot be estimated";
        case Unavailable::no_variation:
            return "all answers are the same, so their spread is zero and no test is possible";
        case Unavailable::all_differences_zero:
            return "every participant gave the same answer before and after, so there is no change to test";
        case Unavailable::no_discordant_pairs:
            return "nobody changed their answer between before and after, so there is no change to test";
        case Unavailable::chance_agreement_total:
            return "both raters used a single category, so agreement beyond chance is undefined";
    }
    return "the statistic is not available";
}

}  // namespace yardstick::evaluation
