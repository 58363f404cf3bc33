#include "server/demo/demo_loader.hpp"

#include <map>
#include <stdexcept>
#include <tuple>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/demo/demo_registry.hpp"
#include "server/demo/demo_responses.hpp"
#include "server/json/answers_json.hpp"
#include "server/registry/registry.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/organisations.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick::server::demo {
namespace {

constexpr const char* kActor = "system:demo";

// A demo invitation as stored once the registry's transaction has run:
// its link, and whether anyone has used it yet.
struct ListedInvitation {
    DemoLink link;
    std::string status;  ///< issued, opened, draft, submitted or expired
};

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
                                     collection::InstrumentCache& instruments,
                                     std::vector<ListedInvitation>& invitations) {
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
                registry::add_participant(tx, *programme, draft, participant.reference, kActor, *links.master_key), participant.reference);
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
        for (const auto& ask : asks_for(engagement)) {
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
            auto url = demo_value(collection::link_of(tx, invitation, links),
                                  "link of invitation " + std::to_string(invitation.id));
            invitations.push_back(
                {{demo.slug, reference->second, invitation.respondent, invitation.wave, url}, invitation.status});
        }
        after = page.back().id;
    }
    return added;
}

/// The token of a personal link (<public_url>/f/<token>).
std::string token_of(const std::string& url) {
    return url.substr(url.rfind('/') + 1);
}

// Answers the demo invitations as plan_responses() says, through the
// participants' own use cases: a form opened (collection::open_form), a
// draft saved (save_form_draft), or answers validated
// (prepare_submission) and submitted (sql::submit_responses). Only
// invitations nobody has used yet are answered: one already opened, saved or
// submitted, by an earlier run or by hand, is left alone, so a second run
// adds nothing.
void answer_invitations(pqxx::connection& connection, const DemoProgramme& demo,
                        const std::vector<ListedInvitation>& invitations, collection::InstrumentCache& instruments,
                        const collection::LinkSettings& links, DemoLoadReport::Added& added) {
    std::map<std::tuple<std::string, std::string, std::string>, ResponseOutcome> plan;
    for (const auto& planned : plan_responses(demo)) {
        plan[{planned.engagement, planned.respondent, planned.wave}] = planned.outcome;
    }
    std::map<std::string, const DemoEngagement*> engagements;
    for (const auto& engagement : demo.engagements) {
        engagements[engagement.reference] = &engagement;
    }
    collection::FormLinkCache form_links;
    std::vector<sql::SubmissionWrite> submissions;
    {
        pqxx::work tx(connection);
        for (const auto& [link, status] : invitations) {
            const auto planned = plan.find({link.engagement, link.respondent, link.wave});
            if (status != "issued" || planned == plan.end() || planned->second == ResponseOutcome::not_opened) {
                continue;
            }
            const auto token = token_of(link.url);
            const auto what = link.engagement + " " + link.respondent + " " + link.wave;
            if (planned->second == ResponseOutcome::opened) {
                demo_value(collection::open_form(tx, token, instruments, *links.master_key, true), what);
                continue;
            }
            const auto target = demo_value(collection::load_target(tx, token, instruments, form_links), what);
            const auto answers =
                demo_answers(demo, *engagements.at(link.engagement), link.respondent, link.wave, *target.instrument);
            if (planned->second == ResponseOutcome::draft) {
                demo_value(
                    collection::save_form_draft(tx, token, draft_answers(*target.instrument, answers), instruments,
                                                *links.master_key),
                    what);
                ++added.drafts;
                continue;
            }
            collection::Submission submission;
            submission.answers = answers;
            submission.consent_version = target.instrument->consent.version;
            // As the API would remember it: a concurrent second load replays
            // the submission rather than amending it.
            submission.idempotency_key = "demo-load";
            submission.body_digest = security::sha256_hex(json::answers_to_json(answers).dump());
            submissions.push_back(demo_value(collection::prepare_submission(target, submission, *links.master_key), what));
        }
        tx.commit();
    }
    // submit_responses() is one statement meant to run outside a transaction
    // block, as the API's SubmissionWriter runs it, where it commits before
    // it returns: the programme's submissions go as one batch, all or none.
    pqxx::nontransaction autocommit(connection);
    for (const auto& result : sql::submit_responses(autocommit, submissions)) {
        if (!demo_value(collection::outcome_of(result), "a demo submission").replayed) {
            ++added.responses;
        }
    }
}

}  // namespace

DemoLoadReport load_demo_programmes(pqxx::connection& connection, const collection::LinkSettings& links,
                                    collection::InstrumentCache& instruments) {
    DemoLoadReport report;
    for (const auto& demo : demo_programmes()) {
        std::vector<ListedInvitation> invitations;
        DemoLoadReport::Added added;
        {
            pqxx::work tx(connection);
            added = load_programme(tx, demo, links, instruments, invitations);
            tx.commit();
        }
        // The answers come after the registry has committed: the batch of
        // submissions commits on its own, outside any transaction of ours.
        answer_invitations(connection, demo, invitations, instruments, links, added);
        report.added.push_back(std::move(added));
        for (auto& invitation : invitations) {
            report.links.push_back(std::move(invitation.link));
        }
    }
    return report;
}

}  // namespace yardstick::server::demo
