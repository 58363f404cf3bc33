#pragma once
// The programme's reach ("400 companies registered, 54 exchanges, 23 sectors,
// 16 countries") kept as tallies of the register's events, like every other
// figure: a report reads a few cells, never the register, so its cost does not
// grow with the number of organisations and engagements.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "yardstick/evaluation/tallies/tallies.hpp"

namespace yardstick::evaluation {

/// The reach figures of a programme.
struct Reach {
    std::int64_t organisations = 0;  ///< registered
    std::int64_t engagements = 0;    ///< not cancelled
    std::int64_t participants = 0;
    std::int64_t sectors = 0;    ///< of organisations taking part in an engagement
    std::int64_t countries = 0;  ///< of organisations taking part in an engagement

    friend bool operator==(const Reach&, const Reach&) = default;
};

/// An organisation an engagement involves, by the groups reach counts it in.
struct TakingPart {
    std::string sector;  ///< NACE Rev. 2 code
    std::string country;  ///< ISO 3166-1 alpha-2
};

/// The tallies' indicator under which reach is kept; no template indicator
/// may be called so (their ids start with a letter).
inline constexpr std::string_view kReachIndicator = "_reach";

/// An organisation registered (sign +1).
void count_registered_organisation(Tallies& tallies, int sign);
/// A participant added (sign +1).
void count_added_participant(Tallies& tallies, int sign);
/// An engagement that became live (created, or taken back from cancelled:
/// sign +1) or stopped being live (cancelled: sign −1), with the
/// organisations taking part in it, each once. A sector or country is reached
/// while at least one live engagement involves an organisation of it.
void count_live_engagement(Tallies& tallies, const std::vector<TakingPart>& taking_part, int sign);

/// The reach figures the tallies hold.
Reach reach_of(const Tallies& tallies);

}  // namespace yardstick::evaluation
