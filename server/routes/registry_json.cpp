#include "server/routes/registry_json.hpp"

#include "server/json/schedule_json.hpp"

namespace yardstick::server::routes {
namespace {

nlohmann::json reference_json(const std::optional<std::string>& reference) {
    return reference ? nlohmann::json(*reference) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json programme_json(const sql::StoredProgramme& stored) {
    const auto& programme = stored.programme;
    return {{"id", stored.id},
            {"slug", programme.slug},
            {"name", programme.name},
            {"kind", domain::to_string(programme.kind)},
            {"template", stored.template_key},
            {"default_language", programme.settings.default_language},
            {"settings",
             {{"exchange_min_days", programme.settings.exchange_min_days},
              {"exchange_max_days", programme.settings.exchange_max_days},
              {"suppression_threshold", programme.settings.suppression_threshold},
              {"retention_days", programme.settings.retention_days},
              {"schedule", json::schedule_to_json(programme.settings.schedule)}}},
            {"created_at", stored.created_at}};
}

nlohmann::json organisation_json(const sql::StoredOrganisation& stored) {
    return {{"id", stored.id},
            {"reference", reference_json(stored.reference)},
            {"name", stored.organisation.name},
            {"country", stored.organisation.country},
            {"sector", stored.organisation.sector},
            {"size", domain::to_string(stored.organisation.size)},
            {"created_at", stored.created_at}};
}

nlohmann::json participant_json(const sql::StoredParticipant& stored) {
    nlohmann::json json = {{"id", stored.id},
            {"reference", reference_json(stored.reference)},
            {"organisation_id", stored.participant.organisation_id},
            {"role", domain::to_string(stored.participant.role)},
            {"name", stored.participant.name},
            {"email", stored.participant.email},
            {"language", stored.participant.language},
            {"created_at", stored.created_at}};
    if (stored.erased_at) {
        // Erased: the key that opened the identity is gone for good.
        json["name"] = nullptr;
        json["email"] = nullptr;
        json["erased_at"] = *stored.erased_at;
    }
    return json;
}

nlohmann::json engagement_json(const sql::StoredEngagement& stored) {
    nlohmann::json json = {{"id", stored.id},
                           {"reference", reference_json(stored.reference)},
                           {"kind", domain::to_string(stored.kind())},
                           {"status", domain::to_string(stored.status)},
                           {"created_at", stored.created_at}};
    if (const auto* exchange = std::get_if<domain::Exchange>(&stored.details)) {
        json["sending_organisation_id"] = exchange->sending_organisation_id;
        json["hosting_organisation_id"] = exchange->hosting_organisation_id;
        json["participant_id"] = exchange->participant_id;
        json["starts_on"] = domain::to_string(exchange->starts_on);
        json["ends_on"] = domain::to_string(exchange->ends_on);
        json["duration_days"] = exchange->duration_days;
    } else if (const auto* mentoring = std::get_if<domain::Mentoring>(&stored.details)) {
        json["volunteer_organisation_id"] = mentoring->volunteer_organisation_id;
        json["mentor_participant_id"] = mentoring->mentor_participant_id;
        json["sme_organisation_id"] = mentoring->sme_organisation_id;
    } else {
        const auto& round = std::get<domain::SkillsRound>(stored.details);
        json["respondent_participant_id"] = round.respondent_participant_id;
        json["round"] = round.round;
    }
    return json;
}

}  // namespace yardstick::server::routes
