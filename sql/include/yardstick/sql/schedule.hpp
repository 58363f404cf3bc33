#pragma once
// What the programme scheduler reads and records (server/lifecycle), inside
// the caller's transaction. Instants are Unix seconds; `at` parameters are
// RFC 3339 text of the scheduler's clock.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "yardstick/domain/registry.hpp"

namespace yardstick::sql {

/// The programmes whose settings.schedule is enabled, in id order.
std::vector<std::int64_t> scheduled_programme_ids(pqxx::transaction_base& tx);

/// An engagement that may be due for invitations: matched, started or
/// completed (mentoring or exchange; skills-monitor rounds are not scheduled).
struct EngagementToInvite {
    std::int64_t id = 0;
    domain::EngagementStatus status = domain::EngagementStatus::matched;
    std::optional<domain::CalendarDate> starts_on;
    std::optional<domain::CalendarDate> ends_on;
    std::optional<std::int64_t> completed_at;
    std::vector<std::string> invited;  ///< "<wave>:<respondent>" of each invitation it has
};

std::vector<EngagementToInvite> engagements_to_invite(pqxx::transaction_base& tx, std::int64_t programme_id);

/// A link without an answer whose engagement is not cancelled and whose wave
/// is open, with fewer than `reminder_max` reminders sent and its token kept.
struct UnansweredInvitation {
    std::int64_t id = 0;
    std::int64_t participant_id = 0;
    std::string wave;
    std::int64_t issued_at = 0;
    std::int64_t expires_at = 0;
    int reminders_sent = 0;
    std::optional<std::int64_t> last_reminded_at;
};

std::vector<UnansweredInvitation> unanswered_invitations(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                         int reminder_max);

/// Counts the reminder `number` as sent at `at`.
void record_reminder(pqxx::transaction_base& tx, std::int64_t invitation_id, int number, const std::string& at);

/// How far a wave of a programme has come.
struct WaveProgress {
    bool closed = false;
    std::optional<std::int64_t> last_issued_at;  ///< its latest invitation; nullopt: none yet
    /// The statuses of the programme's engagements (not skills-monitor)
    /// that have no invitation in the wave yet, each once.
    std::vector<domain::EngagementStatus> uninvited_statuses;
};

WaveProgress wave_progress(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& wave);

}  // namespace yardstick::sql
