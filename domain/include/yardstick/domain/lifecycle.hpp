#pragma once
// When the programme's scheduler acts on an engagement: pre-wave invitations
// once it is matched (or N days before it starts), post-wave invitations N
// days after it ends, reminders after R days without an answer (at most M),
// and the closing of a wave W days after its last invitation once no
// engagement can still join it. Pure: `now` is passed in (the server's clock,
// or a simulated one in tests), never read.

#include <chrono>
#include <optional>
#include <string_view>

#include "yardstick/domain/registry.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::domain {

using Instant = std::chrono::sys_seconds;

/// Every broken rule at once, fields `schedule.<name>`: every number of days
/// from 0 to kMaxScheduleDays (invitation_valid_days and reminder_after_days
/// from 1), reminder_max from 0 to 10.
Status validate_schedule(const ScheduleSettings& schedule);

/// What the scheduler needs to know of an engagement.
struct EngagementTimeline {
    EngagementStatus status = EngagementStatus::planned;
    std::optional<CalendarDate> starts_on;  ///< exchanges
    std::optional<CalendarDate> ends_on;    ///< exchanges
    std::optional<Instant> completed_at;    ///< when it was marked completed
};

/// The calendar day (UTC) of an instant.
CalendarDate utc_date(Instant instant) noexcept;

/// Pre-wave invitations are due: the engagement is matched (not yet started,
/// not cancelled) and, with pre_days_before_start, its start is that near.
bool pre_wave_due(const ScheduleSettings& schedule, const EngagementTimeline& engagement, Instant now);

/// Post-wave invitations are due: the engagement started (or completed) and
/// ended post_days_after_end days ago — an exchange on its `ends_on` date,
/// any other engagement when it was marked completed.
bool post_wave_due(const ScheduleSettings& schedule, const EngagementTimeline& engagement, Instant now);

/// Whether an engagement in this status may still be invited to `wave`
/// ("pre" or "post"), which keeps the wave from closing.
bool may_still_join(std::string_view wave, EngagementStatus status) noexcept;

/// Where one link stands.
struct InvitationProgress {
    Instant issued_at;
    Instant expires_at;
    bool answered = false;   ///< a response was submitted
    bool cancelled = false;  ///< its engagement was cancelled
    int reminders_sent = 0;
    std::optional<Instant> last_reminded_at;
};

/// The number (1, 2, …) of the reminder due now: the link is unanswered and
/// still valid, fewer than reminder_max were sent, and reminder_after_days
/// passed since it was issued or last reminded. nullopt otherwise.
std::optional<int> reminder_due(const ScheduleSettings& schedule, const InvitationProgress& invitation, Instant now);

/// A wave closes close_wave_after_days after its last invitation, once no
/// engagement can still be invited to it.
bool wave_close_due(const ScheduleSettings& schedule, Instant last_issued_at, bool engagements_may_join, Instant now);

}  // namespace yardstick::domain
