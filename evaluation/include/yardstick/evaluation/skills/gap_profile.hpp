#pragma once
// A respondent's own skills gap profile (issue 10): per competence, the level
// they have, the level their role requires, and the gap between them; per
// competence area (Big Data, IoT, Cybersecurity) the mean and the largest
// gap; how their gaps compare with others of the same target group in the
// same round, only when that group is large enough to say nothing about any
// one of them. Pure: answers and levels in, figures out.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace yardstick::evaluation {

/// An area and its competences, in the order the self-assessment asks them.
struct CompetenceArea {
    std::string key;
    std::vector<std::string> competences;
};

/// Levels by competence key (0–5).
using Levels = std::map<std::string, int>;

struct CompetenceGap {
    std::string competence;
    int current = 0;
    int required = 0;
    int gap = 0;  ///< required − current, never below 0 (a level above the requirement is no gap)
};

struct AreaGap {
    std::string area;
    std::vector<CompetenceGap> competences;  ///< those answered, in order
    double mean_gap = 0;                     ///< over `competences`
    int largest_gap = 0;
};

struct GapProfile {
    std::vector<AreaGap> areas;  ///< areas with at least one answered competence
};

/// The profile of one respondent: `current` holds the levels they gave,
/// `required` the levels their role requires (a competence missing from
/// either is left out).
GapProfile gap_profile(const std::vector<CompetenceArea>& areas, const Levels& current, const Levels& required);

/// How one area of a respondent compares with their peers.
struct PeerArea {
    std::string area;
    std::size_t peers = 0;  ///< peers with this area in their profile (the respondent excluded)
    bool suppressed = true;  ///< fewer peers than the threshold: nothing else is given
    std::optional<double> peer_mean_gap;
    /// Share of peers whose mean gap in the area is smaller than the respondent's.
    std::optional<double> share_with_smaller_gap;
};

/// Per area of `own`, compared with `peers` (the same target group in the
/// same round, the respondent not among them); suppressed below `threshold`.
std::vector<PeerArea> compare_with_peers(const GapProfile& own, const std::vector<GapProfile>& peers,
                                         std::size_t threshold);

}  // namespace yardstick::evaluation
