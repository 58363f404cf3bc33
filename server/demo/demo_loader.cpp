#include "server/demo/demo_loader.hpp"

#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/demo/demo_registry.hpp"
#include "server/registry/registry.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/organisations.hpp"

namespace yardstick::server::demo {
namespace {

constexpr const char* kActor = "system:demo";

// The sample invitations of an engagement: who is asked in which waves.
struct Ask {
    const char* respondent;
    const char* wave;
};
std::vector<Ask> asks_for(std::string_view kind, const std::string& round) {
    if (kind == "exchange") {
        return {{"sending", "pre"},  {"hosting", "pre"},  {"employee", "pre"},
                {"sending", "post"}, {"hosting", "post"}, {"employee", "post"}};
    }
    if (kind == "mentoring") {
        return {{"sme", "pre"}, {"sme", "post"}, {"mentor", "post"}};
    }
    static thread_local std::string round_label;
    round_label = round;
    return {{"respondent", round_label.c_str()}};
}

template <typename T>
T demo_value(Result<T> result, const std::string& what) {
    if (!result.ok()) {
        std::string detail = result.error().message;
        for (const auto& field : result.error().fields) {
            detail += "; " + field.field + ": " + field.message;
        }
        throw std::runtime_error("demo data refused (" + what + "): " + detail);
    }
    return std::move(result).value();
}

DemoLoadReport::Added load_programme(pqxx::work& tx, const DemoProgramme& demo, const collection::LinkSettings& links,
                                     collection::InstrumentCache& instruments, std::vector<DemoLink>& all_links) {
    DemoLoadReport::Added added;
    added.programme = demo.slug;
    auto programme = registry::require_programme(tx, demo.slug);
    if (!programme.ok()) {
        programme =
            demo_value(registry::create_programme(tx, demo.slug, demo.name, demo.template_key, kActor), demo.slug);
        added.programme_created = true;
    }
    // reference → id, for rows stored now or by an earlier run.
    std::map<std::string, std::int64_t> ids;
    const auto existing = [&](const char* table, const std::string& reference) -> std::optional<std::int64_t> {
        if (auto id = sql::find_id_by_reference(tx, table, programme->id, reference)) {
            ids[reference] = *id;
            return id;
        }
        return std::nullopt;
    };
    const auto id_of = [&](const std::string& reference) {
        const auto it = ids.find(reference);
        if (it == ids.end()) {
            throw std::runtime_error("demo data: unknown reference " + reference);
        }
        return it->second;
    };
    for (const auto& organisation : demo.organisations) {
        if (!existing("organisations", organisation.reference)) {
            ids[organisation.reference] = demo_value(
                registry::register_organisation(tx, *programme, organisation.draft, organisation.reference, kActor),
                organisation.reference);
            ++added.organisations;
        }
    }
    for (const auto& participant : demo.participants) {
        if (!existing("participants", participant.reference)) {
            domain::ParticipantDraft draft{id_of(participant.organisation_reference), participant.role,
                                           participant.name, participant.email, participant.language};
            ids[participant.reference] = demo_value(
                registry::add_participant(tx, *programme, draft, participant.reference, kActor), participant.reference);
            ++added.participants;
        }
    }
    for (const auto& engagement : demo.engagements) {
        if (!existing("engagements", engagement.reference)) {
            registry::EngagementRequest request;
            request.kind = engagement.kind;
            if (engagement.kind == "exchange") {
                request.sending_organisation_id = id_of(engagement.sending_organisation_reference);
                request.hosting_organisation_id = id_of(engagement.hosting_organisation_reference);
                request.participant_id = id_of(engagement.participant_reference);
                request.starts_on = engagement.starts_on;
                request.ends_on = engagement.ends_on;
            } else if (engagement.kind == "mentoring") {
                request.volunteer_organisation_id = id_of(engagement.volunteer_organisation_reference);
                request.mentor_participant_id = id_of(engagement.mentor_participant_reference);
                request.sme_organisation_id = id_of(engagement.sme_organisation_reference);
            } else {
                request.respondent_participant_id = id_of(engagement.respondent_participant_reference);
                request.round = engagement.round;
            }
            ids[engagement.reference] =
                demo_value(registry::create_engagement(tx, *programme, request, engagement.reference, kActor),
                           engagement.reference);
            ++added.engagements;
        }
    }
    // Sample invitations: those that exist already are kept as they are.
    std::map<std::int64_t, std::string> engagement_references;
    for (const auto& engagement : demo.engagements) {
        const auto engagement_id = id_of(engagement.reference);
        engagement_references[engagement_id] = engagement.reference;
        for (const auto& ask : asks_for(engagement.kind, engagement.round)) {
            collection::InvitationRequest request;
            request.engagement_id = engagement_id;
            request.respondent = ask.respondent;
            request.wave = ask.wave;
            request.valid_days = 366;
            auto issued = collection::issue_invitation(tx, *programme, request, links, instruments, kActor);
            if (issued.ok()) {
                ++added.invitations;
            } else if (issued.error().code != ErrorCode::already_exists) {
                demo_value(std::move(issued), engagement.reference + " " + ask.respondent + " " + ask.wave);
            }
        }
    }
    if (added.organisations + added.participants + added.engagements + added.invitations > 0) {
        sql::append_event(tx, {programme->id, "demo.loaded", kActor,
                               nlohmann::json{{"data_version", kDemoDataVersion},
                                              {"organisations_added", added.organisations},
                                              {"participants_added", added.participants},
                                              {"engagements_added", added.engagements},
                                              {"invitations_added", added.invitations}}
                                   .dump()});
    }
    for (std::int64_t after = 0;;) {
        const auto page = sql::list_invitations(tx, programme->id, after, 1000);
        if (page.empty()) {
            break;
        }
        for (const auto& invitation : page) {
            const auto reference = engagement_references.find(invitation.engagement_id);
            if (reference == engagement_references.end()) {
                continue;  // not a demo engagement
            }
            auto url = demo_value(collection::link_of(invitation, links),
                                  "link of invitation " + std::to_string(invitation.id));
            all_links.push_back({demo.slug, reference->second, invitation.respondent, invitation.wave, url});
        }
        after = page.back().id;
    }
    return added;
}

}  // namespace

DemoLoadReport load_demo_programmes(pqxx::connection& connection, const collection::LinkSettings& links,
                                    collection::InstrumentCache& instruments) {
    DemoLoadReport report;
    for (const auto& demo : demo_programmes()) {
        pqxx::work tx(connection);
        report.added.push_back(load_programme(tx, demo, links, instruments, report.links));
        tx.commit();
    }
    return report;
}

}  // namespace yardstick::server::demo
