#include "server/reports/register_events.hpp"

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "yardstick/sql/report_tallies.hpp"

namespace yardstick::server::reports {

namespace {

using nlohmann::json;

constexpr std::string_view kOrganisationRegistered = "organisation.registered";
constexpr std::string_view kParticipantAdded = "participant.added";
constexpr std::string_view kEngagementCreated = "engagement.created";
constexpr std::string_view kEngagementStatusChanged = "engagement.status_changed";
constexpr std::string_view kCancelled = "cancelled";

bool names_engagement(const sql::StoredEvent& event) {
    return event.type == kEngagementCreated || event.type == kEngagementStatusChanged;
}

std::string text_of(const json& data, const char* name) {
    const auto it = data.find(name);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// +1 when the event makes the engagement live, −1 when it makes it stop
/// being live, 0 when neither.
int liveness_change(const sql::StoredEvent& event, const json& data) {
    if (event.type == kEngagementCreated) {
        return text_of(data, "status") == kCancelled ? 0 : +1;
    }
    const bool was_live = text_of(data, "from") != kCancelled;
    const bool is_live = text_of(data, "to") != kCancelled;
    return was_live == is_live ? 0 : (is_live ? +1 : -1);
}

}  // namespace

RegisterEvents::RegisterEvents(pqxx::transaction_base& tx, const std::vector<sql::StoredEvent>& batch) {
    std::vector<std::int64_t> engagement_ids;
    for (const auto& event : batch) {
        if (names_engagement(event)) {
            engagement_ids.push_back(json::parse(event.data_json).value("engagement_id", std::int64_t{0}));
        }
    }
    if (engagement_ids.empty()) {
        return;
    }
    for (auto& organisation : sql::organisations_taking_part(tx, engagement_ids)) {
        taking_part_[organisation.engagement_id].push_back(
            {std::move(organisation.sector), std::move(organisation.country)});
    }
}

bool RegisterEvents::count(evaluation::Tallies& tallies, const sql::StoredEvent& event) const {
    if (event.type == kOrganisationRegistered) {
        evaluation::count_registered_organisation(tallies, +1);
        return true;
    }
    if (event.type == kParticipantAdded) {
        evaluation::count_added_participant(tallies, +1);
        return true;
    }
    if (!names_engagement(event)) {
        return false;
    }
    const auto data = json::parse(event.data_json);
    const auto change = liveness_change(event, data);
    if (change == 0) {
        return false;
    }
    const auto it = taking_part_.find(data.value("engagement_id", std::int64_t{0}));
    static const std::vector<evaluation::TakingPart> none;
    evaluation::count_live_engagement(tallies, it == taking_part_.end() ? none : it->second, change);
    return true;
}

}  // namespace yardstick::server::reports
