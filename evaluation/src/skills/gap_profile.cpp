#include "yardstick/evaluation/skills/gap_profile.hpp"

#include <algorithm>

namespace yardstick::evaluation {
namespace {

const AreaGap* find_area(const GapProfile& profile, const std::string& key) {
    for (const auto& area : profile.areas) {
        if (area.area == key) {
            return &area;
        }
    }
    return nullptr;
}

}  // namespace

GapProfile gap_profile(const std::vector<CompetenceArea>& areas, const Levels& current, const Levels& required) {
    GapProfile profile;
    for (const auto& area : areas) {
        AreaGap gaps{area.key, {}, 0, 0};
        int total = 0;
        for (const auto& competence : area.competences) {
            const auto have = current.find(competence);
            const auto need = required.find(competence);
            if (have == current.end() || need == required.end()) {
                continue;
            }
            const int gap = std::max(0, need->second - have->second);
            gaps.competences.push_back({competence, have->second, need->second, gap});
            total += gap;
            gaps.largest_gap = std::max(gaps.largest_gap, gap);
        }
        if (gaps.competences.empty()) {
            continue;
        }
        gaps.mean_gap = static_cast<double>(total) / static_cast<double>(gaps.competences.size());
        profile.areas.push_back(std::move(gaps));
    }
    return profile;
}

std::vector<PeerArea> compare_with_peers(const GapProfile& own, const std::vector<GapProfile>& peers,
                                         std::size_t threshold) {
    std::vector<PeerArea> compared;
    for (const auto& area : own.areas) {
        PeerArea result{area.area, 0, true, std::nullopt, std::nullopt};
        double sum = 0;
        std::size_t smaller = 0;
        for (const auto& peer : peers) {
            if (const auto* theirs = find_area(peer, area.area)) {
                ++result.peers;
                sum += theirs->mean_gap;
                smaller += theirs->mean_gap < area.mean_gap ? 1 : 0;
            }
        }
        if (result.peers >= threshold && result.peers > 0) {
            result.suppressed = false;
            result.peer_mean_gap = sum / static_cast<double>(result.peers);
            result.share_with_smaller_gap = static_cast<double>(smaller) / static_cast<double>(result.peers);
        }
        compared.push_back(std::move(result));
    }
    return compared;
}

}  // namespace yardstick::evaluation
