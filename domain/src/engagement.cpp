#include <string>

#include "registry_text.hpp"
#include "yardstick/domain/registry.hpp"

namespace yardstick::domain {

namespace {

constexpr std::size_t kMaxRoundLabelLength = 32;

// "an exchange", for messages about an engagement of this programme kind.
std::string_view noun(ProgrammeKind kind) noexcept {
    switch (kind) {
        case ProgrammeKind::exchange:
            return "an exchange";
        case ProgrammeKind::mentoring:
            return "a mentoring engagement";
        case ProgrammeKind::skills_monitor:
            return "a skills-monitor round";
    }
    return "an engagement";
}

// The verb of the transition into `to` ("start" for started).
std::string_view verb(EngagementStatus to) noexcept {
    switch (to) {
        case EngagementStatus::planned:
            return "re-plan";
        case EngagementStatus::matched:
            return "match";
        case EngagementStatus::started:
            return "start";
        case EngagementStatus::completed:
            return "complete";
        case EngagementStatus::cancelled:
            return "cancel";
    }
    return "change";
}

void require_id(registry_text::FieldErrors& errors, std::string field, std::int64_t id) {
    if (id <= 0) {
        errors.add(std::move(field), "must be a positive id");
    }
}

}  // namespace

std::string_view to_string(EngagementStatus status) noexcept {
    switch (status) {
        case EngagementStatus::planned:
            return "planned";
        case EngagementStatus::matched:
            return "matched";
        case EngagementStatus::started:
            return "started";
        case EngagementStatus::completed:
            return "completed";
        case EngagementStatus::cancelled:
            return "cancelled";
    }
    return "planned";
}

Result<EngagementStatus> parse_engagement_status(std::string_view text) {
    for (const auto status : {EngagementStatus::planned, EngagementStatus::matched, EngagementStatus::started,
                              EngagementStatus::completed, EngagementStatus::cancelled}) {
        if (text == to_string(status)) {
            return status;
        }
    }
    return Error{ErrorCode::invalid_argument, "must be one of planned, matched, started, completed, cancelled", {}};
}

bool is_final(EngagementStatus status) noexcept {
    return status == EngagementStatus::completed || status == EngagementStatus::cancelled;
}

Result<EngagementStatus> transition(EngagementStatus from, EngagementStatus to, ProgrammeKind kind) {
    // The one predecessor each forward step requires; cancelling needs only a non-final status.
    EngagementStatus required = EngagementStatus::planned;
    bool allowed = false;
    switch (to) {
        case EngagementStatus::planned:
            allowed = false;
            break;
        case EngagementStatus::matched:
            required = EngagementStatus::planned;
            allowed = from == required;
            break;
        case EngagementStatus::started:
            required = EngagementStatus::matched;
            allowed = from == required;
            break;
        case EngagementStatus::completed:
            required = EngagementStatus::started;
            allowed = from == required;
            break;
        case EngagementStatus::cancelled:
            allowed = !is_final(from);
            break;
    }
    if (allowed) {
        return to;
    }
    std::string message = "cannot " + std::string(verb(to)) + " " + std::string(noun(kind));
    if (is_final(from)) {
        message += " that is already " + std::string(to_string(from));
    } else if (to == EngagementStatus::planned) {
        message += ": engagements are planned only when created (it is " + std::string(to_string(from)) + ")";
    } else {
        message += " that is not " + std::string(to_string(required)) + " (it is " + std::string(to_string(from)) + ")";
    }
    return Error{ErrorCode::failed_precondition, std::move(message), {}};
}

Result<Exchange> plan_exchange(const ExchangeDraft& draft, const ProgrammeSettings& settings) {
    registry_text::FieldErrors errors;
    require_id(errors, "sending_organisation_id", draft.sending_organisation_id);
    require_id(errors, "hosting_organisation_id", draft.hosting_organisation_id);
    if (draft.hosting_organisation_id > 0 && draft.hosting_organisation_id == draft.sending_organisation_id) {
        errors.add("hosting_organisation_id", "must differ from the sending organisation");
    }
    require_id(errors, "participant_id", draft.participant_id);
    if (draft.participant_id > 0 && draft.participant_organisation_id != draft.sending_organisation_id) {
        errors.add("participant_id", "the travelling employee must belong to the sending organisation");
    }
    const auto starts_on = parse_date(draft.starts_on);
    if (!starts_on) {
        errors.add("starts_on", starts_on.error().message);
    }
    const auto ends_on = parse_date(draft.ends_on);
    if (!ends_on) {
        errors.add("ends_on", ends_on.error().message);
    }
    int duration = 0;
    if (starts_on && ends_on) {
        const std::int64_t days = days_between(*starts_on, *ends_on) + 1;
        if (days < 1) {
            errors.add("ends_on", "must not be before starts_on (" + to_string(*starts_on) + ")");
        } else if (days < settings.exchange_min_days || days > settings.exchange_max_days) {
            errors.add("ends_on", "an exchange lasts " + std::to_string(settings.exchange_min_days) + " to " +
                                      std::to_string(settings.exchange_max_days) +
                                      " days (ends_on - starts_on + 1); this one lasts " + std::to_string(days));
        } else {
            duration = static_cast<int>(days);  // within [min, max], so it fits
        }
    }
    if (!errors.empty()) {
        return std::move(errors).to_error();
    }
    return Exchange{draft.sending_organisation_id,
                    draft.hosting_organisation_id,
                    draft.participant_id,
                    *starts_on,
                    *ends_on,
                    duration,
                    EngagementStatus::planned};
}

Result<Mentoring> plan_mentoring(const MentoringDraft& draft) {
    registry_text::FieldErrors errors;
    require_id(errors, "volunteer_organisation_id", draft.volunteer_organisation_id);
    require_id(errors, "mentor_participant_id", draft.mentor_participant_id);
    if (draft.mentor_participant_id > 0 && draft.mentor_organisation_id != draft.volunteer_organisation_id) {
        errors.add("mentor_participant_id", "the mentor must belong to the volunteer organisation");
    }
    require_id(errors, "sme_organisation_id", draft.sme_organisation_id);
    if (draft.sme_organisation_id > 0 && draft.sme_organisation_id == draft.volunteer_organisation_id) {
        errors.add("sme_organisation_id", "must differ from the volunteer organisation");
    }
    if (!errors.empty()) {
        return std::move(errors).to_error();
    }
    return Mentoring{draft.volunteer_organisation_id, draft.mentor_participant_id, draft.sme_organisation_id,
                     EngagementStatus::planned};
}

bool is_valid_round_label(std::string_view round) noexcept {
    // A four-digit year ("2018") is itself of this form.
    if (round.empty() || round.size() > kMaxRoundLabelLength) {
        return false;
    }
    for (const char c : round) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return true;
}

Result<SkillsRound> plan_skills_round(const SkillsRoundDraft& draft) {
    registry_text::FieldErrors errors;
    require_id(errors, "respondent_participant_id", draft.respondent_participant_id);
    if (!is_valid_round_label(draft.round)) {
        errors.add("round", "must be a year (2018) or a label of lower-case letters, digits and hyphens, at most 32");
    }
    if (!errors.empty()) {
        return std::move(errors).to_error();
    }
    return SkillsRound{draft.respondent_participant_id, draft.round, EngagementStatus::planned};
}

}  // namespace yardstick::domain
