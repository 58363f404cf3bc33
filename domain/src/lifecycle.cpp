#include "yardstick/domain/lifecycle.hpp"

#include <string>

#include "registry_text.hpp"

namespace yardstick::domain {
namespace {

using Days = std::chrono::days;

void check_days(registry_text::FieldErrors& errors, const char* name, int value, int minimum) {
    if (value < minimum || value > kMaxScheduleDays) {
        errors.add(std::string("schedule.") + name, "must be a whole number of days from " + std::to_string(minimum) +
                                                        " to " + std::to_string(kMaxScheduleDays));
    }
}

CalendarDate plus_days(const CalendarDate& date, int days) noexcept {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{Days{days_from_civil(date) + days}}};
    return CalendarDate{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                        static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace

Status validate_schedule(const ScheduleSettings& schedule) {
    registry_text::FieldErrors errors;
    if (schedule.pre_days_before_start) {
        check_days(errors, "pre_days_before_start", *schedule.pre_days_before_start, 0);
    }
    check_days(errors, "post_days_after_end", schedule.post_days_after_end, 0);
    check_days(errors, "reminder_after_days", schedule.reminder_after_days, 1);
    if (schedule.reminder_max < 0 || schedule.reminder_max > 10) {
        errors.add("schedule.reminder_max", "must be a whole number from 0 to 10");
    }
    check_days(errors, "close_wave_after_days", schedule.close_wave_after_days, 0);
    check_days(errors, "invitation_valid_days", schedule.invitation_valid_days, 1);
    if (!errors.empty()) {
        return std::move(errors).to_error();
    }
    return {};
}

CalendarDate utc_date(Instant instant) noexcept {
    const std::chrono::year_month_day ymd{std::chrono::floor<Days>(instant)};
    return CalendarDate{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                        static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool pre_wave_due(const ScheduleSettings& schedule, const EngagementTimeline& engagement, Instant now) {
    // Only before the start: answers given once the exchange is under way are
    // no baseline.
    if (!schedule.enabled || engagement.status != EngagementStatus::matched) {
        return false;
    }
    if (!schedule.pre_days_before_start || !engagement.starts_on) {
        return true;
    }
    return utc_date(now) >= plus_days(*engagement.starts_on, -*schedule.pre_days_before_start);
}

bool post_wave_due(const ScheduleSettings& schedule, const EngagementTimeline& engagement, Instant now) {
    if (!schedule.enabled ||
        (engagement.status != EngagementStatus::started && engagement.status != EngagementStatus::completed)) {
        return false;
    }
    if (engagement.ends_on) {
        return utc_date(now) >= plus_days(*engagement.ends_on, schedule.post_days_after_end);
    }
    return engagement.completed_at && now >= *engagement.completed_at + Days{schedule.post_days_after_end};
}

bool may_still_join(std::string_view wave, EngagementStatus status) noexcept {
    if (wave == "pre") {
        return status == EngagementStatus::planned || status == EngagementStatus::matched;
    }
    if (wave == "post") {
        return status != EngagementStatus::cancelled;
    }
    return false;
}

std::optional<int> reminder_due(const ScheduleSettings& schedule, const InvitationProgress& invitation, Instant now) {
    if (!schedule.enabled || invitation.answered || invitation.cancelled || now >= invitation.expires_at ||
        invitation.reminders_sent >= schedule.reminder_max) {
        return std::nullopt;
    }
    const auto since = invitation.last_reminded_at.value_or(invitation.issued_at);
    if (now < since + Days{schedule.reminder_after_days}) {
        return std::nullopt;
    }
    return invitation.reminders_sent + 1;
}

bool wave_close_due(const ScheduleSettings& schedule, Instant last_issued_at, bool engagements_may_join, Instant now) {
    return schedule.enabled && schedule.close_wave_after_days > 0 && !engagements_may_join &&
           now >= last_issued_at + Days{schedule.close_wave_after_days};
}

}  // namespace yardstick::domain
