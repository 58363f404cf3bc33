#pragma once
// A programme's tallies computed at once from what currently counts, rather
// than event by event: how `yardstick recompute` checks a published report
// from a data package alone. The running tallies are the sum of the
// contributions of what currently counts (contributions.hpp), so both ways
// reach the same cells to the last digit: each response's latest version
// alone, each pair of latest versions an indicator pairs, each issued
// invitation, and the register's reach.

#include <string>
#include <vector>

#include "yardstick/evaluation/tallies/contributions.hpp"
#include "yardstick/evaluation/tallies/reach.hpp"

namespace yardstick::evaluation {

/// A response's latest version, with the engagement it belongs to (any
/// text that tells engagements apart: an id or a pseudonym).
struct EngagementResponse {
    std::string engagement;
    CountedResponse response;
};

/// An invitation as the response rates see it.
struct IssuedInvitation {
    std::string respondent;
    std::string wave;
};

/// Everything a programme's tallies are computed from.
struct ProgrammeRecords {
    std::vector<EngagementResponse> responses;  ///< one per (engagement, instrument)
    std::vector<IssuedInvitation> invitations;
    std::int64_t organisations = 0;  ///< registered
    std::int64_t participants = 0;   ///< added
    /// Each engagement that is not cancelled, with the organisations taking part in it (each once).
    std::vector<std::vector<TakingPart>> live_engagements;
};

/// The tallies of `records` under the programme's indicators. Zero cells are
/// left out, as the stored tallies leave them out.
Tallies count_whole_programme(const IndicatorSet& set, const ProgrammeRecords& records);

}  // namespace yardstick::evaluation
