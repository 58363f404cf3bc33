#include "yardstick/sql/schedule.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {
namespace {

std::optional<domain::CalendarDate> optional_date(const pqxx::field& field) {
    if (field.is_null()) {
        return std::nullopt;
    }
    return domain::parse_date(field.as<std::string>()).value();
}

}  // namespace

std::vector<std::int64_t> scheduled_programme_ids(pqxx::transaction_base& tx) {
    const auto rows =
        tx.exec("SELECT id FROM programmes WHERE (settings #>> '{schedule,enabled}')::bool ORDER BY id");
    return map_rows(rows, [](const pqxx::row& row) { return row[0].as<std::int64_t>(); });
}

std::vector<EngagementToInvite> engagements_to_invite(pqxx::transaction_base& tx, std::int64_t programme_id) {
    const auto rows = tx.exec_params(
        "SELECT e.id, e.status, e.starts_on::text, e.ends_on::text, extract(epoch FROM e.completed_at)::bigint, "
        "       coalesce((SELECT string_agg(i.wave || ':' || i.respondent, ',') FROM invitations i "
        "                 WHERE i.engagement_id = e.id), '') "
        "FROM engagements e "
        "WHERE e.programme_id = $1 AND e.kind <> 'skills-monitor' "
        "  AND e.status IN ('matched', 'started', 'completed') "
        "ORDER BY e.id",
        programme_id);
    return map_rows(rows, [](const pqxx::row& row) {
        EngagementToInvite engagement;
        engagement.id = row[0].as<std::int64_t>();
        engagement.status = domain::parse_engagement_status(row[1].as<std::string>()).value();
        engagement.starts_on = optional_date(row[2]);
        engagement.ends_on = optional_date(row[3]);
        engagement.completed_at = optional_field<std::int64_t>(row[4]);
        const auto invited = row[5].as<std::string>();
        for (std::size_t begin = 0; begin < invited.size();) {
            const auto end = std::min(invited.find(',', begin), invited.size());
            engagement.invited.push_back(invited.substr(begin, end - begin));
            begin = end + 1;
        }
        return engagement;
    });
}

std::vector<UnansweredInvitation> unanswered_invitations(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                         int reminder_max) {
    const auto rows = tx.exec_params(
        "SELECT i.id, i.participant_id, i.wave, extract(epoch FROM i.issued_at)::bigint, "
        "       extract(epoch FROM i.expires_at)::bigint, i.reminders_sent, "
        "       extract(epoch FROM i.last_reminded_at)::bigint "
        "FROM invitations i JOIN engagements e ON e.id = i.engagement_id "
        "WHERE i.programme_id = $1 AND i.status <> 'submitted' AND i.cancelled_at IS NULL "
        "  AND i.token_sealed IS NOT NULL AND i.reminders_sent < $2 AND e.status <> 'cancelled' "
        "  AND NOT EXISTS (SELECT 1 FROM wave_closures w WHERE w.programme_id = i.programme_id AND w.wave = i.wave) "
        "ORDER BY i.id",
        programme_id, reminder_max);
    return map_rows(rows, [](const pqxx::row& row) {
        UnansweredInvitation invitation;
        invitation.id = row[0].as<std::int64_t>();
        invitation.participant_id = row[1].as<std::int64_t>();
        invitation.wave = row[2].as<std::string>();
        invitation.issued_at = row[3].as<std::int64_t>();
        invitation.expires_at = row[4].as<std::int64_t>();
        invitation.reminders_sent = row[5].as<int>();
        invitation.last_reminded_at = optional_field<std::int64_t>(row[6]);
        return invitation;
    });
}

void record_reminder(pqxx::transaction_base& tx, std::int64_t invitation_id, int number, const std::string& at) {
    tx.exec_params("UPDATE invitations SET reminders_sent = $2, last_reminded_at = $3::timestamptz WHERE id = $1",
                   invitation_id, number, at);
}

WaveProgress wave_progress(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& wave) {
    WaveProgress progress;
    const auto row = tx.exec_params1(
        "SELECT EXISTS (SELECT 1 FROM wave_closures WHERE programme_id = $1 AND wave = $2), "
        "       (SELECT extract(epoch FROM max(issued_at))::bigint FROM invitations "
        "        WHERE programme_id = $1 AND wave = $2)",
        programme_id, wave);
    progress.closed = row[0].as<bool>();
    progress.last_issued_at = optional_field<std::int64_t>(row[1]);
    const auto statuses = tx.exec_params(
        "SELECT DISTINCT e.status FROM engagements e "
        "WHERE e.programme_id = $1 AND e.kind <> 'skills-monitor' "
        "  AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.engagement_id = e.id AND i.wave = $2)",
        programme_id, wave);
    for (const auto& status : statuses) {
        progress.uninvited_statuses.push_back(domain::parse_engagement_status(status[0].as<std::string>()).value());
    }
    return progress;
}

}  // namespace yardstick::sql
