#include "server/reports/report_versions.hpp"

#include <charconv>

namespace yardstick::server::reports {

void ReportVersions::publish(std::int64_t programme_id, std::int64_t version) {
    const std::lock_guard lock(mutex_);
    auto& latest = versions_[programme_id];
    latest = std::max(latest, version);
}

bool ReportVersions::publish(const std::string& payload) {
    const auto colon = payload.find(':');
    if (colon == std::string::npos) {
        return false;
    }
    std::int64_t programme_id = 0;
    std::int64_t version = 0;
    const auto* begin = payload.data();
    const auto* end = begin + payload.size();
    const auto first = std::from_chars(begin, begin + colon, programme_id);
    const auto second = std::from_chars(begin + colon + 1, end, version);
    if (first.ec != std::errc{} || first.ptr != begin + colon || second.ec != std::errc{} || second.ptr != end) {
        return false;
    }
    publish(programme_id, version);
    return true;
}

std::int64_t ReportVersions::latest(std::int64_t programme_id) const {
    const std::lock_guard lock(mutex_);
    const auto it = versions_.find(programme_id);
    return it == versions_.end() ? 0 : it->second;
}

}  // namespace yardstick::server::reports
