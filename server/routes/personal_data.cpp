// The right of access (GDPR Art. 15): everything the programme holds about a
// person, as JSON. GET /f/{token}/my-data for the person, from their own
// link (expired or not: the right outlasts the survey); GET
// /api/v1/programmes/{slug}/participants/{id}/data for staff acting on a
// request (name and e-mail only for those who may see identities). Each
// reading appends participant.data_accessed, committed before the answer.

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/json/answers_json.hpp"
#include "server/privacy/identities.hpp"
#include "server/privacy/personal_answers.hpp"
#include "server/reports/read_report.hpp"
#include "server/routes/api.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/transaction.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/personal_data.hpp"
#include "yardstick/sql/programmes.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

/// A sealed member (hex) of `object`, removed from it; nullopt when null.
std::optional<std::string> take_sealed(nlohmann::json& object, const char* name) {
    std::optional<std::string> bytes;
    if (const auto it = object.find(name); it != object.end()) {
        if (it->is_string()) {
            bytes = security::bytes_of_hex(it->get<std::string>());
        }
        object.erase(it);
    }
    return bytes;
}

/// `answers` with the personal ones in `sealed_member` opened and put back.
Status open_answers(nlohmann::json& holder, const char* answers_member, const char* sealed_member,
                    const std::optional<security::PersonKey>& key) {
    const auto sealed = take_sealed(holder, sealed_member);
    auto kept = json::answers_from_json(holder.value(answers_member, nlohmann::json::object()));
    if (!kept.ok()) {
        return Error{ErrorCode::internal, "stored answers do not parse", {}};
    }
    auto all = privacy::with_personal(std::move(kept).value(), sealed, key);
    if (!all.ok()) {
        return all.error();
    }
    holder[answers_member] = json::answers_to_json(*all);
    return {};
}

/// The person's data as one document, what is sealed opened with their key
/// (the name and e-mail address only when `identities`); the access is
/// logged in `tx`.
Result<nlohmann::json> personal_data(pqxx::work& tx, const security::MasterKey& master, std::int64_t programme_id,
                                     std::int64_t participant_id, const std::string& actor, bool identities) {
    const auto data = sql::read_personal_data(tx, programme_id, participant_id);
    if (!data) {
        return Error{ErrorCode::not_found, "There is no such participant.", {}};
    }
    auto participant = nlohmann::json::parse(data->participant);
    auto invitations = nlohmann::json::parse(data->invitations);
    auto responses = nlohmann::json::parse(data->responses);
    auto key = privacy::unwrap(master, take_sealed(participant, "wrapped_key"));
    if (!key.ok()) {
        return key.error();
    }
    sql::StoredParticipant stored;
    if (auto name = take_sealed(participant, "name_sealed")) {
        stored.sealed = sql::SealedIdentity{std::move(*name), take_sealed(participant, "email_sealed").value_or("")};
    }
    take_sealed(participant, "email_sealed");
    participant["name"] = nullptr;
    participant["email"] = nullptr;
    if (participant["erased_at"].is_null()) {
        participant.erase("erased_at");
    }
    if (identities && *key && stored.sealed) {
        auto name = (*key)->open(stored.sealed->name);
        auto email = (*key)->open(stored.sealed->email);
        if (!name.ok() || !email.ok()) {
            return Error{ErrorCode::internal, "a sealed identity does not open", {}};
        }
        participant["name"] = *name;
        participant["email"] = *email;
    } else if (!identities) {
        participant["identity_withheld"] = true;
    }
    for (auto& invitation : invitations) {
        if (auto opened = open_answers(invitation, "draft_answers", "draft_personal_sealed", *key); !opened.ok()) {
            return opened.error();
        }
    }
    for (auto& response : responses) {
        if (response["withdrawn_at"].is_null()) {
            response.erase("withdrawn_at");
        }
        for (auto& version : response["versions"]) {
            if (auto opened = open_answers(version, "answers", "personal_sealed", *key); !opened.ok()) {
                return opened.error();
            }
        }
    }
    sql::append_event(tx, {programme_id, "participant.data_accessed", actor,
                           nlohmann::json{{"participant_id", participant_id}, {"identity_shown", identities}}.dump()});
    tx.commit();
    return nlohmann::json{{"participant", std::move(participant)},
                          {"invitations", std::move(invitations)},
                          {"responses", std::move(responses)},
                          {"events", nlohmann::json::parse(data->events)},
                          {"generated_at", reports::utc_now_rfc3339()}};
}

/// The document, never cached (it is personal), or the error.
http::Response answer(const http::RequestContext& context, const Result<nlohmann::json>& document) {
    if (!document.ok()) {
        return error_response(context, document.error());
    }
    auto response = json_response(context, status::ok, *document);
    response.set(http::beast_http::field::cache_control, "no-store");
    return response;
}

asio::awaitable<http::Response> own_data(http::RequestContext context, ApiDependencies deps) {
    const auto digest = security::token_digest(context.params.at("token"));
    auto work = [digest, master = deps.links.master_key](pqxx::work& tx) -> Result<nlohmann::json> {
        const auto invitation = sql::find_invitation_by_digest(tx, digest, false);
        if (!invitation) {
            return Error{ErrorCode::not_found, "This link is not known.", {}};
        }
        return personal_data(tx, *master, invitation->programme_id, invitation->participant_id,
                             "invitation:" + std::to_string(invitation->id), true);
    };
    co_return answer(context, co_await in_transaction(*deps.pool, std::move(work)));
}

asio::awaitable<http::Response> staff_data(http::RequestContext context, ApiDependencies deps) {
    const auto id = parse_id(context.params.at("id"));
    if (!id) {
        co_return error_response(context, Error{ErrorCode::not_found, "There is no such participant.", {}});
    }
    const auto slug = context.params.at("slug");
    const bool identities = http::sees_identities(*context.principal, slug);
    auto work = [slug, id = *id, identities, actor = context.principal->actor(),
                 master = deps.links.master_key](pqxx::work& tx) -> Result<nlohmann::json> {
        const auto programme = sql::find_programme(tx, slug);
        if (!programme) {
            return Error{ErrorCode::not_found, "There is no programme " + slug + ".", {}};
        }
        return personal_data(tx, *master, programme->id, id, actor, identities);
    };
    co_return answer(context, co_await in_transaction(*deps.pool, std::move(work)));
}

}  // namespace

void add_personal_data_routes(http::Router& router, const ApiDependencies& deps) {
    router.add({http::beast_http::verb::get, "/api/v1/programmes/{slug}/participants/{id}/data",
                http::Permission::staff_read,
                [deps](http::RequestContext context) { return staff_data(std::move(context), deps); }});
}

void add_own_data_routes(http::Router& router, const ApiDependencies& deps) {
    router.add({http::beast_http::verb::get, "/f/{token}/my-data", http::Permission::invitation_token,
                [deps](http::RequestContext context) { return own_data(std::move(context), deps); }});
}

}  // namespace yardstick::server::routes
