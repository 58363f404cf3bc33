#include "server/routes/registry_input.hpp"

#include "server/registry/registry.hpp"
#include "server/routes/route_support.hpp"

namespace yardstick::server::routes {

ResourceFields resource_fields(RegistryResource resource, domain::ProgrammeKind kind) {
    switch (resource) {
        case RegistryResource::organisations:
            return {{"name", "country", "sector", "size"}, {"reference"}};
        case RegistryResource::participants:
            return {{"organisation_id", "role", "name", "email", "language"}, {"reference"}};
        case RegistryResource::engagements:
            break;
    }
    const auto& all = registry::engagement_fields(domain::to_string(kind));
    ResourceFields fields;
    for (const auto field : all) {
        (field == "reference" ? fields.optional : fields.required).push_back(field);
    }
    return fields;
}

bool is_id_field(std::string_view field) {
    return field.ends_with("_id");
}

Result<std::int64_t> create_registry_row(pqxx::transaction_base& tx, RegistryResource resource,
                                         const sql::StoredProgramme& programme, const nlohmann::json& object,
                                         const std::string& actor, const security::MasterKey& master) {
    const auto kind = programme.programme.kind;
    switch (resource) {
        case RegistryResource::organisations: {
            JsonFields fields(object, {"name", "country", "sector", "size", "reference"});
            domain::OrganisationDraft draft{fields.text("name"), fields.text("country"), fields.text("sector"),
                                            fields.text("size")};
            const auto reference = fields.optional_text("reference");
            if (auto valid = fields.status(); !valid.ok()) {
                return valid.error();
            }
            return registry::register_organisation(tx, programme, draft, reference, actor);
        }
        case RegistryResource::participants: {
            JsonFields fields(object, {"organisation_id", "role", "name", "email", "language", "reference"});
            domain::ParticipantDraft draft;
            draft.organisation_id = fields.id("organisation_id");
            draft.role = fields.text("role");
            draft.name = fields.text("name");
            draft.email = fields.text("email");
            draft.language = fields.text("language");
            const auto reference = fields.optional_text("reference");
            if (auto valid = fields.status(); !valid.ok()) {
                return valid.error();
            }
            return registry::add_participant(tx, programme, draft, reference, actor, master);
        }
        case RegistryResource::engagements:
            break;
    }
    // The body names its kind; the fields checked are the programme's kind's,
    // and create_engagement refuses a kind that is not the programme's.
    const auto declared = object.contains("kind") && object["kind"].is_string() ? object["kind"].get<std::string>()
                                                                                : std::string(domain::to_string(kind));
    JsonFields fields(object, registry::engagement_fields(domain::to_string(kind)));
    registry::EngagementRequest request;
    request.kind = fields.text("kind");
    switch (kind) {
        case domain::ProgrammeKind::exchange:
            request.sending_organisation_id = fields.id("sending_organisation_id");
            request.hosting_organisation_id = fields.id("hosting_organisation_id");
            request.participant_id = fields.id("participant_id");
            request.starts_on = fields.text("starts_on");
            request.ends_on = fields.text("ends_on");
            break;
        case domain::ProgrammeKind::mentoring:
            request.volunteer_organisation_id = fields.id("volunteer_organisation_id");
            request.mentor_participant_id = fields.id("mentor_participant_id");
            request.sme_organisation_id = fields.id("sme_organisation_id");
            break;
        case domain::ProgrammeKind::skills_monitor:
            request.respondent_participant_id = fields.id("respondent_participant_id");
            request.round = fields.text("round");
            break;
    }
    const auto reference = fields.optional_text("reference");
    if (declared != domain::to_string(kind)) {
        return Error::invalid("kind", "must be '" + std::string(domain::to_string(kind)) + "' in this programme");
    }
    if (auto valid = fields.status(); !valid.ok()) {
        return valid.error();
    }
    return registry::create_engagement(tx, programme, request, reference, actor);
}

}  // namespace yardstick::server::routes
