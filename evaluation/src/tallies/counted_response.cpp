#include "yardstick/evaluation/tallies/counted_response.hpp"

namespace yardstick::evaluation {

const std::string& group_of(const CountedResponse& response, domain::Breakdown by) {
    switch (by) {
        case domain::Breakdown::respondent:
            return response.respondent;
        case domain::Breakdown::country:
            return response.country;
        case domain::Breakdown::sector:
            return response.sector;
        case domain::Breakdown::size:
            return response.size;
        case domain::Breakdown::wave:
            break;
    }
    return response.wave;
}

}  // namespace yardstick::evaluation
