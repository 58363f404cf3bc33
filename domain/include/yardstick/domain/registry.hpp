#pragma once
// The programme registry's values and rules: programmes, the organisations
// registered on them, their participants, and the engagements (exchanges,
// mentoring, skills-monitor rounds) they take part in. Pure: values in,
// values out; dates are passed in as text, never read from a clock. Ids are
// assigned by the store (sql/), so the values here carry only the ids of the
// other objects they refer to.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "yardstick/domain/result.hpp"

namespace yardstick::domain {

// ---------------------------------------------------------------------------
// Calendar dates

/// A day of the proleptic Gregorian calendar, as the programmes write it
/// ("2024-02-29"). Ordered chronologically (year, then month, then day).
/// Invariant for values from parse_date: a real day of years 0001–9999.
struct CalendarDate {
    int year = 1970;
    int month = 1;
    int day = 1;

    friend auto operator<=>(const CalendarDate&, const CalendarDate&) = default;
    friend bool operator==(const CalendarDate&, const CalendarDate&) = default;
};

/// Parses exactly "YYYY-MM-DD" (ISO 8601 calendar date, four-digit year 0001
/// to 9999, two-digit month and day) and checks the day exists, leap years
/// included. Errors are invalid_argument with a message and no field: the
/// caller knows which field it parsed.
Result<CalendarDate> parse_date(std::string_view text);

/// "YYYY-MM-DD".
std::string to_string(const CalendarDate& date);

/// Days since 1970-01-01 (negative before), Howard Hinnant's days_from_civil
/// (http://howardhinnant.github.io/date_algorithms.html). Precondition: a valid date.
std::int64_t days_from_civil(const CalendarDate& date) noexcept;

/// `b − a` in days: days_between(2024-02-28, 2024-03-01) == 2.
std::int64_t days_between(const CalendarDate& a, const CalendarDate& b) noexcept;

// ---------------------------------------------------------------------------
// Shared vocabulary

/// The languages every instrument and participant may use: en, fr, de, it.
bool is_supported_language(std::string_view language) noexcept;

/// A programme slug: `[a-z0-9]+(-[a-z0-9]+)*`, at most 64 characters.
bool is_valid_slug(std::string_view slug) noexcept;

// ---------------------------------------------------------------------------
// Programmes

enum class ProgrammeKind { exchange, mentoring, skills_monitor };

/// "exchange", "mentoring", "skills-monitor".
std::string_view to_string(ProgrammeKind kind) noexcept;
/// The inverse of to_string; anything else is invalid_argument (no field).
Result<ProgrammeKind> parse_programme_kind(std::string_view text);

/// The longest retention a programme may set: ten years.
inline constexpr int kMaxRetentionDays = 3650;

/// A programme's `settings.schedule`: when its scheduler invites, reminds and
/// closes waves (domain/lifecycle.hpp). Days are calendar days (UTC) for the
/// engagement's dates and 24-hour periods for everything counted from an
/// instant.
struct ScheduleSettings {
    bool enabled = false;
    /// nullopt: pre-wave invitations as soon as the engagement is matched;
    /// N: N days before it starts (once it is matched).
    std::optional<int> pre_days_before_start;
    int post_days_after_end = 2;
    int reminder_after_days = 7;
    int reminder_max = 2;  ///< 0: no reminders
    /// Days after a wave's last invitation; 0: waves are closed only by hand.
    int close_wave_after_days = 30;
    /// How long a link issued by the scheduler stays valid.
    int invitation_valid_days = 60;

    friend bool operator==(const ScheduleSettings&, const ScheduleSettings&) = default;
};

/// The most days any schedule setting may count.
inline constexpr int kMaxScheduleDays = 366;

/// Per-programme rules. Exchange bounds are inclusive days counted as
/// `ends_on − starts_on + 1` (MobiliseSME: 14 to 61). Cells with fewer than
/// `suppression_threshold` respondents are not reported.
struct ProgrammeSettings {
    int exchange_min_days = 14;
    int exchange_max_days = 61;
    int suppression_threshold = 5;
    std::string default_language = "en";
    /// Whom participants write to with questions ("the MobiliseSME team,
    /// mobilisesme@…"); shown on the page of a closed or expired link. May be empty.
    std::string contact;
    /// Days after which an unanswered invitation's link and draft are purged,
    /// and a person who never answered is erased (privacy/retention.hpp);
    /// 0 keeps them until someone acts.
    int retention_days = 0;
    ScheduleSettings schedule;
};

struct Programme {
    std::string slug;
    std::string name;
    ProgrammeKind kind = ProgrammeKind::exchange;
    ProgrammeSettings settings;
};

/// Checks every rule and reports every broken one as invalid_argument with
/// fields `slug`, `name` (non-empty and at most 200 characters once trimmed),
/// `default_language`, `exchange_min_days`, `exchange_max_days`
/// (1 ≤ min ≤ max), `suppression_threshold` (≥ 1) and `retention_days`
/// (0 to kMaxRetentionDays).
Status validate_programme(const Programme& programme);

// ---------------------------------------------------------------------------
// Organisations

enum class SizeClass { micro, small, medium, large };

/// "micro", "small", "medium", "large".
std::string_view to_string(SizeClass size) noexcept;
Result<SizeClass> parse_size_class(std::string_view text);

/// An organisation as submitted (API body or CSV row): text as given.
struct OrganisationDraft {
    std::string name;
    std::string country;  ///< ISO 3166-1 alpha-2, upper case ("BE")
    std::string sector;   ///< NACE Rev. 2 section ("C") or division ("C25")
    std::string size;     ///< "micro" | "small" | "medium" | "large"
};

/// A valid organisation: name trimmed, codes checked against the real
/// classifications and kept as given (reach counts codes as given).
struct Organisation {
    std::string name;
    std::string country;
    std::string sector;
    SizeClass size = SizeClass::micro;

    friend bool operator==(const Organisation&, const Organisation&) = default;
};

/// Validates a draft; on failure every broken field is reported at once
/// (fields `name`, `country`, `sector`, `size`, in that order).
Result<Organisation> register_organisation(const OrganisationDraft& draft);

// ---------------------------------------------------------------------------
// Participants

enum class ParticipantRole { employee, mentor, contact };

/// "employee", "mentor", "contact".
std::string_view to_string(ParticipantRole role) noexcept;
Result<ParticipantRole> parse_participant_role(std::string_view text);

/// A plausible e-mail address: at most 254 characters, exactly one '@', a
/// non-empty local part of at most 64, a domain with a dot and no empty
/// label, no whitespace or control characters. Deliverability is not ours to
/// judge here.
bool is_plausible_email(std::string_view email) noexcept;

struct ParticipantDraft {
    std::int64_t organisation_id = 0;
    std::string role;  ///< "employee" | "mentor" | "contact"
    std::string name;
    std::string email;
    std::string language;  ///< en, fr, de, it
};

/// A person of an organisation. Name and e-mail are personal data: they
/// never go into event payloads (see issue 3, Events).
struct Participant {
    std::int64_t organisation_id = 0;
    ParticipantRole role = ParticipantRole::employee;
    std::string name;   ///< trimmed
    std::string email;  ///< trimmed, otherwise as given
    std::string language;

    friend bool operator==(const Participant&, const Participant&) = default;
};

/// Validates a draft; every broken field at once (`organisation_id`, `role`,
/// `name`, `email`, `language`).
Result<Participant> add_participant(const ParticipantDraft& draft);

// ---------------------------------------------------------------------------
// Engagements

enum class EngagementStatus { planned, matched, started, completed, cancelled };

/// "planned", "matched", "started", "completed", "cancelled".
std::string_view to_string(EngagementStatus status) noexcept;
Result<EngagementStatus> parse_engagement_status(std::string_view text);

/// completed and cancelled admit no further transition.
bool is_final(EngagementStatus status) noexcept;

/// The one legal lifecycle: planned → matched → started → completed, and any
/// non-final status → cancelled. Returns `to` when allowed, otherwise
/// failed_precondition with a message such as "cannot start an exchange that
/// is not matched (it is planned)"; `kind` only picks the noun.
Result<EngagementStatus> transition(EngagementStatus from, EngagementStatus to,
                                    ProgrammeKind kind = ProgrammeKind::exchange);

/// An exchange as submitted. `participant_organisation_id` is the
/// organisation the travelling employee belongs to, looked up by the caller.
struct ExchangeDraft {
    std::int64_t sending_organisation_id = 0;
    std::int64_t hosting_organisation_id = 0;
    std::int64_t participant_id = 0;
    std::int64_t participant_organisation_id = 0;
    std::string starts_on;  ///< "YYYY-MM-DD"
    std::string ends_on;    ///< "YYYY-MM-DD"
};

struct Exchange {
    std::int64_t sending_organisation_id = 0;
    std::int64_t hosting_organisation_id = 0;
    std::int64_t participant_id = 0;
    CalendarDate starts_on;
    CalendarDate ends_on;
    int duration_days = 0;  ///< ends_on − starts_on + 1
    EngagementStatus status = EngagementStatus::planned;

    friend bool operator==(const Exchange&, const Exchange&) = default;
};

/// Validates an exchange against the programme's bounds; every broken field
/// at once. Ids must be positive; hosting differs from sending
/// (`hosting_organisation_id`); the employee belongs to the sending
/// organisation (`participant_id`); both dates parse (`starts_on`,
/// `ends_on`); ends_on ≥ starts_on and the duration lies within
/// [exchange_min_days, exchange_max_days] (`ends_on`). Created `planned`.
Result<Exchange> plan_exchange(const ExchangeDraft& draft, const ProgrammeSettings& settings);

/// A mentoring engagement as submitted. `mentor_organisation_id` is the
/// organisation the mentor belongs to, looked up by the caller.
struct MentoringDraft {
    std::int64_t volunteer_organisation_id = 0;
    std::int64_t mentor_participant_id = 0;
    std::int64_t mentor_organisation_id = 0;
    std::int64_t sme_organisation_id = 0;
};

struct Mentoring {
    std::int64_t volunteer_organisation_id = 0;
    std::int64_t mentor_participant_id = 0;
    std::int64_t sme_organisation_id = 0;
    EngagementStatus status = EngagementStatus::planned;

    friend bool operator==(const Mentoring&, const Mentoring&) = default;
};

/// The mentor belongs to the volunteer organisation (`mentor_participant_id`)
/// and the SME is another organisation (`sme_organisation_id`); ids positive.
Result<Mentoring> plan_mentoring(const MentoringDraft& draft);

/// A skills-monitor round label: a year ("2018") or `[a-z0-9-]{1,32}`.
bool is_valid_round_label(std::string_view round) noexcept;

struct SkillsRoundDraft {
    std::int64_t respondent_participant_id = 0;
    std::string round;
};

struct SkillsRound {
    std::int64_t respondent_participant_id = 0;
    std::string round;
    EngagementStatus status = EngagementStatus::planned;

    friend bool operator==(const SkillsRound&, const SkillsRound&) = default;
};

/// Fields `respondent_participant_id` (positive) and `round`.
Result<SkillsRound> plan_skills_round(const SkillsRoundDraft& draft);

}  // namespace yardstick::domain
