#include "server/registry/registry.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/json/instrument_json.hpp"
#include "server/json/schedule_json.hpp"
#include "server/privacy/identities.hpp"
#include "server/templates/bundled_templates.hpp"
#include "yardstick/sql/engagements.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/instruments.hpp"
#include "yardstick/sql/organisations.hpp"

namespace yardstick::server::registry {
namespace {

// A caller's own key for a row: short, no spaces, no personal data expected.
bool is_valid_reference(std::string_view reference) {
    return !reference.empty() && reference.size() <= 64 && std::all_of(reference.begin(), reference.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == ':';
    });
}

Status check_reference(pqxx::transaction_base& tx, const std::string& table, std::int64_t programme_id,
                       const std::optional<std::string>& reference) {
    if (!reference) {
        return {};
    }
    if (!is_valid_reference(*reference)) {
        return Error::invalid("reference", "must be 1 to 64 letters, digits or - _ . :");
    }
    if (sql::find_id_by_reference(tx, table, programme_id, *reference)) {
        Error error{ErrorCode::already_exists, "reference " + *reference + " is taken in this programme", {}};
        error.fields.push_back({"reference", "is taken in this programme"});
        return error;
    }
    return {};
}

void append(pqxx::transaction_base& tx, std::int64_t programme_id, std::string type, const std::string& actor,
            const nlohmann::json& data) {
    sql::append_event(tx, {programme_id, std::move(type), actor, data.dump()});
}

Error merge(Error first, const Error& second) {
    first.fields.insert(first.fields.end(), second.fields.begin(), second.fields.end());
    return first;
}

}  // namespace

Result<sql::StoredProgramme> require_programme(pqxx::transaction_base& tx, const std::string& slug) {
    auto programme = sql::find_programme(tx, slug);
    if (!programme) {
        return Error{ErrorCode::not_found, "There is no programme '" + slug + "'.", {}};
    }
    return std::move(*programme);
}

Result<sql::StoredProgramme> create_programme(pqxx::transaction_base& tx, const std::string& slug,
                                              const std::string& name, const std::string& template_key,
                                              const std::string& actor) {
    const auto* bundled = templates::find_template(template_key);
    domain::Programme programme;
    programme.slug = slug;
    programme.name = name;
    if (bundled != nullptr) {
        programme.kind = bundled->kind;
        programme.settings = bundled->settings;
    }
    auto valid = domain::validate_programme(programme);
    if (bundled == nullptr) {
        std::string known;
        for (const auto& t : templates::bundled_templates()) {
            known += (known.empty() ? "" : ", ") + t.key;
        }
        auto error = Error::invalid("template", "no such template (there are: " + known + ")");
        return valid.ok() ? error : merge(std::move(valid).error(), error);
    }
    if (!valid.ok()) {
        return std::move(valid).error();
    }
    if (sql::find_programme(tx, slug)) {
        Error error{ErrorCode::already_exists, "The slug '" + slug + "' is taken.", {}};
        error.fields.push_back({"slug", "is taken"});
        return error;
    }
    // Stored trimmed, as validate_programme judged it.
    const auto first = programme.name.find_first_not_of(" \t\r\n");
    programme.name = programme.name.substr(first, programme.name.find_last_not_of(" \t\r\n") - first + 1);
    const auto id = sql::insert_programme(tx, programme, template_key);
    append(tx, id, "programme.created", actor,
           {{"programme_id", id},
            {"slug", slug},
            {"kind", domain::to_string(programme.kind)},
            {"template", template_key},
            {"settings",
             {{"exchange_min_days", programme.settings.exchange_min_days},
              {"exchange_max_days", programme.settings.exchange_max_days},
              {"suppression_threshold", programme.settings.suppression_threshold},
              {"retention_days", programme.settings.retention_days},
              {"schedule", json::schedule_to_json(programme.settings.schedule)},
              {"default_language", programme.settings.default_language}}}});
    for (const auto& instrument : bundled->instruments) {
        const auto instrument_id =
            sql::insert_instrument_version(tx, id,
                                           {instrument.key, instrument.version, instrument.wave, instrument.respondent,
                                            instrument.consent.version, json::instrument_to_json(instrument).dump()});
        append(tx, id, "instrument.published", actor,
               {{"instrument_id", instrument_id},
                {"key", instrument.key},
                {"version", instrument.version},
                {"wave", instrument.wave},
                {"respondent", instrument.respondent},
                {"consent_version", instrument.consent.version}});
    }
    return require_programme(tx, slug);
}

Result<sql::StoredProgramme> change_settings(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                             const SettingsChange& change, const std::string& actor) {
    auto changed = programme.programme;
    changed.settings.retention_days = change.retention_days.value_or(changed.settings.retention_days);
    changed.settings.schedule = change.schedule.value_or(changed.settings.schedule);
    if (auto valid = domain::validate_programme(changed); !valid.ok()) {
        return std::move(valid).error();
    }
    const auto& before = programme.programme.settings;
    nlohmann::json data = nlohmann::json::object();
    if (changed.settings.retention_days != before.retention_days) {
        sql::set_programme_setting(tx, programme.id, "retention_days", changed.settings.retention_days);
        data["retention_days"] = {{"from", before.retention_days}, {"to", changed.settings.retention_days}};
    }
    if (changed.settings.schedule != before.schedule) {
        sql::set_programme_schedule(tx, programme.id, changed.settings.schedule);
        data["schedule"] = {{"from", json::schedule_to_json(before.schedule)},
                            {"to", json::schedule_to_json(changed.settings.schedule)}};
        // The scheduler acts on the new schedule at once.
        tx.exec("NOTIFY yardstick_lifecycle");
    }
    if (!data.empty()) {
        append(tx, programme.id, "programme.settings_changed", actor, std::move(data));
    }
    return sql::find_programme_by_id(tx, programme.id).value();
}

Result<std::int64_t> register_organisation(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                           const domain::OrganisationDraft& draft,
                                           const std::optional<std::string>& reference, const std::string& actor) {
    auto organisation = domain::register_organisation(draft);
    auto reference_ok = check_reference(tx, "organisations", programme.id, reference);
    if (!organisation.ok()) {
        return reference_ok.ok() ? std::move(organisation).error()
                                 : merge(std::move(organisation).error(), reference_ok.error());
    }
    if (!reference_ok.ok()) {
        return std::move(reference_ok).error();
    }
    const auto id = sql::insert_organisation(tx, programme.id, *organisation, reference);
    append(tx, programme.id, "organisation.registered", actor,
           {{"organisation_id", id},
            {"country", organisation->country},
            {"sector", organisation->sector},
            {"size", domain::to_string(organisation->size)}});
    return id;
}

Result<std::int64_t> add_participant(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                     const domain::ParticipantDraft& draft, const std::optional<std::string>& reference,
                                     const std::string& actor, const security::MasterKey& master) {
    auto participant = domain::add_participant(draft);
    std::vector<FieldError> problems;
    if (!participant.ok()) {
        problems = participant.error().fields;
    }
    if (draft.organisation_id > 0 && !sql::find_organisation(tx, programme.id, draft.organisation_id)) {
        problems.push_back({"organisation_id", "no such organisation in this programme"});
    }
    auto reference_ok = check_reference(tx, "participants", programme.id, reference);
    if (!problems.empty()) {
        if (!reference_ok.ok()) {
            problems.insert(problems.end(), reference_ok.error().fields.begin(), reference_ok.error().fields.end());
        }
        return Error{ErrorCode::invalid_argument, "The participant is not valid.", problems};
    }
    if (!reference_ok.ok()) {
        return std::move(reference_ok).error();
    }
    const auto id = privacy::insert_sealed_participant(tx, master, programme.id, *participant, reference);
    append(tx, programme.id, "participant.added", actor,
           {{"participant_id", id},
            {"organisation_id", participant->organisation_id},
            {"role", domain::to_string(participant->role)},
            {"language", participant->language}});
    return id;
}

const std::vector<std::string_view>& engagement_fields(std::string_view kind) {
    static const std::vector<std::string_view> kExchange = {
        "kind",      "reference", "sending_organisation_id", "hosting_organisation_id", "participant_id",
        "starts_on", "ends_on"};
    static const std::vector<std::string_view> kMentoring = {"kind", "reference", "volunteer_organisation_id",
                                                             "mentor_participant_id", "sme_organisation_id"};
    static const std::vector<std::string_view> kSkills = {"kind", "reference", "respondent_participant_id", "round"};
    if (kind == "mentoring") {
        return kMentoring;
    }
    if (kind == "skills-monitor") {
        return kSkills;
    }
    return kExchange;
}

Result<std::int64_t> create_engagement(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                       const EngagementRequest& request, const std::optional<std::string>& reference,
                                       const std::string& actor) {
    const auto kind = domain::parse_programme_kind(request.kind);
    if (!kind.ok() || *kind != programme.programme.kind) {
        return Error::invalid(
            "kind", "must be '" + std::string(domain::to_string(programme.programme.kind)) + "' in this programme");
    }
    std::vector<FieldError> problems;
    // Every id must name a row of this programme; the domain rules need the
    // organisation a participant belongs to.
    const auto organisation_exists = [&](std::int64_t id, const char* field) {
        if (id > 0 && !sql::find_organisation(tx, programme.id, id)) {
            problems.push_back({field, "no such organisation in this programme"});
        }
    };
    const auto participant_organisation = [&](std::int64_t id, const char* field) -> std::int64_t {
        if (id <= 0) {
            return 0;
        }
        const auto participant = sql::find_participant(tx, programme.id, id);
        if (!participant) {
            problems.push_back({field, "no such participant in this programme"});
            return 0;
        }
        return participant->participant.organisation_id;
    };

    std::variant<domain::Exchange, domain::Mentoring, domain::SkillsRound> details;
    Status planned;
    switch (*kind) {
        case domain::ProgrammeKind::exchange: {
            organisation_exists(request.sending_organisation_id, "sending_organisation_id");
            organisation_exists(request.hosting_organisation_id, "hosting_organisation_id");
            domain::ExchangeDraft draft{request.sending_organisation_id,
                                        request.hosting_organisation_id,
                                        request.participant_id,
                                        participant_organisation(request.participant_id, "participant_id"),
                                        request.starts_on,
                                        request.ends_on};
            auto exchange = domain::plan_exchange(draft, programme.programme.settings);
            if (exchange.ok()) {
                details = *exchange;
            } else {
                planned = std::move(exchange).error();
            }
            break;
        }
        case domain::ProgrammeKind::mentoring: {
            organisation_exists(request.volunteer_organisation_id, "volunteer_organisation_id");
            organisation_exists(request.sme_organisation_id, "sme_organisation_id");
            domain::MentoringDraft draft{
                request.volunteer_organisation_id, request.mentor_participant_id,
                participant_organisation(request.mentor_participant_id, "mentor_participant_id"),
                request.sme_organisation_id};
            auto mentoring = domain::plan_mentoring(draft);
            if (mentoring.ok()) {
                details = *mentoring;
            } else {
                planned = std::move(mentoring).error();
            }
            break;
        }
        case domain::ProgrammeKind::skills_monitor: {
            participant_organisation(request.respondent_participant_id, "respondent_participant_id");
            auto round = domain::plan_skills_round({request.respondent_participant_id, request.round});
            if (round.ok()) {
                details = *round;
            } else {
                planned = std::move(round).error();
            }
            break;
        }
    }
    if (!planned.ok()) {
        for (const auto& field : planned.error().fields) {
            // A missing row is reported once, as such.
            if (std::none_of(problems.begin(), problems.end(),
                             [&](const FieldError& e) { return e.field == field.field; })) {
                problems.push_back(field);
            }
        }
    }
    auto reference_ok = check_reference(tx, "engagements", programme.id, reference);
    if (!problems.empty()) {
        if (!reference_ok.ok()) {
            problems.insert(problems.end(), reference_ok.error().fields.begin(), reference_ok.error().fields.end());
        }
        return Error{ErrorCode::invalid_argument, "The engagement is not valid.", problems};
    }
    if (!reference_ok.ok()) {
        return std::move(reference_ok).error();
    }
    const auto id = sql::insert_engagement(tx, programme.id, details, reference);
    nlohmann::json data = {{"engagement_id", id}, {"kind", request.kind}, {"status", "planned"}};
    if (const auto* exchange = std::get_if<domain::Exchange>(&details)) {
        data["sending_organisation_id"] = exchange->sending_organisation_id;
        data["hosting_organisation_id"] = exchange->hosting_organisation_id;
        data["participant_id"] = exchange->participant_id;
        data["starts_on"] = domain::to_string(exchange->starts_on);
        data["ends_on"] = domain::to_string(exchange->ends_on);
        data["duration_days"] = exchange->duration_days;
    } else if (const auto* mentoring = std::get_if<domain::Mentoring>(&details)) {
        data["volunteer_organisation_id"] = mentoring->volunteer_organisation_id;
        data["mentor_participant_id"] = mentoring->mentor_participant_id;
        data["sme_organisation_id"] = mentoring->sme_organisation_id;
    } else {
        const auto& round = std::get<domain::SkillsRound>(details);
        data["respondent_participant_id"] = round.respondent_participant_id;
        data["round"] = round.round;
    }
    append(tx, programme.id, "engagement.created", actor, data);
    return id;
}

Result<domain::EngagementStatus> change_engagement_status(pqxx::transaction_base& tx,
                                                          const sql::StoredProgramme& programme, std::int64_t id,
                                                          const std::string& status, const std::string& actor) {
    const auto to = domain::parse_engagement_status(status);
    if (!to.ok()) {
        return Error::invalid("status", "must be planned, matched, started, completed or cancelled");
    }
    const auto from = sql::lock_engagement_status(tx, programme.id, id);
    if (!from) {
        return Error{ErrorCode::not_found, "There is no such engagement in this programme.", {}};
    }
    auto moved = domain::transition(*from, *to, programme.programme.kind);
    if (!moved.ok()) {
        return moved.error();
    }
    sql::update_engagement_status(tx, id, *moved);
    nlohmann::json data = {{"engagement_id", id}, {"from", domain::to_string(*from)}, {"to", domain::to_string(*moved)}};
    if (*moved == domain::EngagementStatus::cancelled) {
        // Nobody is invited or reminded for an exchange that will not happen.
        const auto stopped = sql::cancel_engagement_links(tx, id);
        data["invitations_cancelled"] = stopped.invitation_ids;
        data["messages_cancelled"] = stopped.messages;
    }
    append(tx, programme.id, "engagement.status_changed", actor, std::move(data));
    // Wakes the scheduler of every node (docs/decisions.md §17): a match may
    // make pre-wave invitations due at once.
    tx.exec("NOTIFY yardstick_lifecycle");
    return moved;
}

}  // namespace yardstick::server::registry
