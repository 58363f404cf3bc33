#include "yardstick/domain/lifecycle.hpp"

#include <gtest/gtest.h>

namespace yardstick::domain {
namespace {

using std::chrono::days;
using std::chrono::hours;

Instant at(int year, unsigned month, unsigned day, int hour = 9) {
    return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}} +
           hours{hour};
}

ScheduleSettings enabled() {
    ScheduleSettings schedule;
    schedule.enabled = true;
    return schedule;
}

EngagementTimeline exchange(EngagementStatus status) {
    return {status, CalendarDate{2027, 3, 1}, CalendarDate{2027, 3, 31}, std::nullopt};
}

TEST(Schedule, PreWaveOnMatchOnlyWhileMatched) {
    const auto schedule = enabled();
    const auto now = at(2027, 1, 10);
    EXPECT_FALSE(pre_wave_due(schedule, exchange(EngagementStatus::planned), now));
    EXPECT_TRUE(pre_wave_due(schedule, exchange(EngagementStatus::matched), now));
    EXPECT_FALSE(pre_wave_due(schedule, exchange(EngagementStatus::started), now));
    EXPECT_FALSE(pre_wave_due(schedule, exchange(EngagementStatus::cancelled), now));
    EXPECT_FALSE(pre_wave_due(ScheduleSettings{}, exchange(EngagementStatus::matched), now)) << "schedule off";
}

TEST(Schedule, PreWaveDaysBeforeStartCountsCalendarDays) {
    auto schedule = enabled();
    schedule.pre_days_before_start = 14;  // starts 2027-03-01: due from 2027-02-15
    const auto matched = exchange(EngagementStatus::matched);
    EXPECT_FALSE(pre_wave_due(schedule, matched, at(2027, 2, 14, 23)));
    EXPECT_TRUE(pre_wave_due(schedule, matched, at(2027, 2, 15, 0)));
    // Without a start date (mentoring), on match.
    EXPECT_TRUE(pre_wave_due(schedule, {EngagementStatus::matched, {}, {}, {}}, at(2027, 1, 1)));
}

TEST(Schedule, PostWaveAfterTheEndDate) {
    auto schedule = enabled();
    schedule.post_days_after_end = 2;  // ends 2027-03-31: due from 2027-04-02
    EXPECT_FALSE(post_wave_due(schedule, exchange(EngagementStatus::started), at(2027, 4, 1, 23)));
    EXPECT_TRUE(post_wave_due(schedule, exchange(EngagementStatus::started), at(2027, 4, 2, 0)));
    EXPECT_TRUE(post_wave_due(schedule, exchange(EngagementStatus::completed), at(2027, 4, 2, 0)));
    EXPECT_FALSE(post_wave_due(schedule, exchange(EngagementStatus::matched), at(2027, 5, 1))) << "never started";
    EXPECT_FALSE(post_wave_due(schedule, exchange(EngagementStatus::cancelled), at(2027, 5, 1)));
}

TEST(Schedule, PostWaveOfAnEngagementWithoutDatesCountsFromCompletion) {
    auto schedule = enabled();
    schedule.post_days_after_end = 3;
    const EngagementTimeline mentoring{EngagementStatus::completed, {}, {}, at(2027, 6, 1, 12)};
    EXPECT_FALSE(post_wave_due(schedule, mentoring, at(2027, 6, 4, 11)));
    EXPECT_TRUE(post_wave_due(schedule, mentoring, at(2027, 6, 4, 12)));
    EXPECT_FALSE(post_wave_due(schedule, {EngagementStatus::started, {}, {}, {}}, at(2030, 1, 1)))
        << "started but not completed: no end yet";
}

TEST(Schedule, RemindersAfterRDaysAtMostM) {
    auto schedule = enabled();
    schedule.reminder_after_days = 7;
    schedule.reminder_max = 2;
    InvitationProgress link{at(2027, 4, 2), at(2027, 6, 1), false, false, 0, std::nullopt};
    EXPECT_EQ(reminder_due(schedule, link, at(2027, 4, 8)), std::nullopt);
    EXPECT_EQ(reminder_due(schedule, link, at(2027, 4, 9)), 1);
    link.reminders_sent = 1;
    link.last_reminded_at = at(2027, 4, 9);
    EXPECT_EQ(reminder_due(schedule, link, at(2027, 4, 15)), std::nullopt) << "counted from the last reminder";
    EXPECT_EQ(reminder_due(schedule, link, at(2027, 4, 16)), 2);
    link.reminders_sent = 2;
    link.last_reminded_at = at(2027, 4, 16);
    EXPECT_EQ(reminder_due(schedule, link, at(2027, 5, 30)), std::nullopt) << "at most two";
}

TEST(Schedule, NoReminderForAnAnsweredCancelledOrExpiredLink) {
    const auto schedule = enabled();
    const InvitationProgress link{at(2027, 4, 2), at(2027, 4, 20), false, false, 0, std::nullopt};
    auto answered = link;
    answered.answered = true;
    auto cancelled = link;
    cancelled.cancelled = true;
    EXPECT_EQ(reminder_due(schedule, link, at(2027, 4, 10)), 1);
    EXPECT_EQ(reminder_due(schedule, answered, at(2027, 4, 10)), std::nullopt);
    EXPECT_EQ(reminder_due(schedule, cancelled, at(2027, 4, 10)), std::nullopt);
    EXPECT_EQ(reminder_due(schedule, link, at(2027, 4, 20)), std::nullopt) << "expired";
}

TEST(Schedule, WaveClosesWDaysAfterItsLastInvitationOnceNobodyCanJoin) {
    auto schedule = enabled();
    schedule.close_wave_after_days = 30;
    const auto last = at(2027, 4, 2);
    EXPECT_FALSE(wave_close_due(schedule, last, false, at(2027, 5, 1)));
    EXPECT_TRUE(wave_close_due(schedule, last, false, at(2027, 5, 2)));
    EXPECT_FALSE(wave_close_due(schedule, last, true, at(2027, 9, 1))) << "an engagement may still join";
    schedule.close_wave_after_days = 0;
    EXPECT_FALSE(wave_close_due(schedule, last, false, at(2030, 1, 1))) << "0: closed by hand only";
}

TEST(Schedule, WhoMayStillJoinAWave) {
    EXPECT_TRUE(may_still_join("pre", EngagementStatus::planned));
    EXPECT_TRUE(may_still_join("pre", EngagementStatus::matched));
    EXPECT_FALSE(may_still_join("pre", EngagementStatus::started));
    EXPECT_TRUE(may_still_join("post", EngagementStatus::completed));
    EXPECT_FALSE(may_still_join("post", EngagementStatus::cancelled));
    EXPECT_FALSE(may_still_join("2018", EngagementStatus::planned)) << "rounds are not scheduled";
}

TEST(Schedule, ValidationNamesEveryBadSetting) {
    ScheduleSettings schedule;
    schedule.pre_days_before_start = -1;
    schedule.reminder_after_days = 0;
    schedule.reminder_max = 11;
    schedule.invitation_valid_days = 400;
    const auto checked = validate_schedule(schedule);
    ASSERT_FALSE(checked.ok());
    std::vector<std::string> fields;
    for (const auto& field : checked.error().fields) {
        fields.push_back(field.field);
    }
    EXPECT_EQ(fields, (std::vector<std::string>{"schedule.pre_days_before_start", "schedule.reminder_after_days",
                                                "schedule.reminder_max", "schedule.invitation_valid_days"}));
    EXPECT_TRUE(validate_schedule(ScheduleSettings{}).ok());
}

TEST(Schedule, UtcDateOfAnInstant) {
    EXPECT_EQ(utc_date(at(2028, 2, 29, 23)), (CalendarDate{2028, 2, 29}));
    EXPECT_EQ(utc_date(at(2028, 2, 29, 24)), (CalendarDate{2028, 3, 1}));
}

}  // namespace
}  // namespace yardstick::domain
