// /api/v1/programmes/{slug}/invitations: issue a personal link for one
// respondent of one engagement in one wave; list invitations and their
// status; show one invitation's link again (for re-sending).

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/collection/collection.hpp"
#include "server/registry/registry.hpp"
#include "server/routes/api.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/transaction.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

nlohmann::json invitation_json(const sql::StoredInvitation& invitation) {
    return {{"id", invitation.id},
            {"engagement_id", invitation.engagement_id},
            {"participant_id", invitation.participant_id},
            {"respondent", invitation.respondent},
            {"wave", invitation.wave},
            {"instrument_id", invitation.instrument_id},
            {"status", invitation.status},
            {"issued_at", invitation.issued_at},
            {"expires_at", invitation.expires_at}};
}

asio::awaitable<http::Response> issue(http::RequestContext context, ApiDependencies deps) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    JsonFields fields(std::get<nlohmann::json>(body),
                      {"engagement_id", "respondent", "wave", "participant_id", "valid_days"});
    collection::InvitationRequest request;
    request.engagement_id = fields.id("engagement_id");
    request.respondent = fields.text("respondent");
    request.wave = fields.text("wave");
    request.participant_id = fields.optional_id("participant_id");
    request.valid_days = static_cast<int>(fields.optional_integer("valid_days", 1, 366).value_or(90));
    if (auto valid = fields.status(); !valid.ok()) {
        co_return error_response(context, valid.error());
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [=](pqxx::work& tx) -> Result<collection::IssuedLink> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        return collection::issue_invitation(tx, *programme, request, deps.links, *deps.instruments, actor);
    };
    auto issued = co_await in_transaction(*deps.pool, std::move(work));
    if (!issued.ok()) {
        co_return error_response(context, issued.error());
    }
    auto response = json_response(context, status::created,
                                  {{"id", issued->id},
                                   {"url", issued->url},
                                   {"expires_at", issued->expires_at},
                                   {"engagement_id", request.engagement_id},
                                   {"respondent", request.respondent},
                                   {"wave", request.wave}});
    response.set(http::beast_http::field::location,
                 "/api/v1/programmes/" + slug + "/invitations/" + std::to_string(issued->id));
    co_return response;
}

asio::awaitable<http::Response> list(http::RequestContext context, ApiDependencies deps) {
    const auto page = read_page(context);
    if (const auto* problem = std::get_if<http::Problem>(&page)) {
        co_return problem_response(context, *problem);
    }
    const auto request = std::get<PageRequest>(page);
    const auto slug = context.params.at("slug");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [=](pqxx::work& tx) -> Result<std::vector<sql::StoredInvitation>> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        return sql::list_invitations(tx, programme->id, request.after_id, request.limit);
    };
    auto rows = co_await in_transaction(*deps.pool, std::move(work));
    if (!rows.ok()) {
        co_return error_response(context, rows.error());
    }
    auto items = nlohmann::json::array();
    for (const auto& row : *rows) {
        items.push_back(invitation_json(row));
    }
    const auto last = rows->empty() ? 0 : rows->back().id;
    co_return json_response(
        context, status::ok,
        page_json(std::move(items), last, static_cast<std::int64_t>(rows->size()) == request.limit));
}

// The link of one invitation, opened from its sealed token: for re-sending.
asio::awaitable<http::Response> show_link(http::RequestContext context, ApiDependencies deps) {
    const auto id = parse_id(context.params.at("id"));
    if (!id) {
        co_return error_response(context, Error{ErrorCode::not_found, "There is no such invitation.", {}});
    }
    const auto slug = context.params.at("slug");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [=, links = deps.links](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        auto invitations = sql::list_invitations(tx, programme->id, *id - 1, 1);
        if (invitations.empty() || invitations.front().id != *id) {
            return Error{ErrorCode::not_found, "There is no such invitation in this programme.", {}};
        }
        auto link = collection::link_of(tx, invitations.front(), links);
        if (!link.ok()) {
            return link.error();
        }
        auto json = invitation_json(invitations.front());
        json["url"] = *link;
        return json;
    };
    auto json = co_await in_transaction(*deps.pool, std::move(work));
    if (!json.ok()) {
        co_return error_response(context, json.error());
    }
    co_return json_response(context, status::ok, *json);
}

}  // namespace

void add_invitation_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    const auto bind = [deps](auto handler) {
        return [deps, handler](http::RequestContext c) { return handler(std::move(c), deps); };
    };
    router.add({verb::post, "/api/v1/programmes/{slug}/invitations", Permission::staff_write, bind(issue)});
    router.add({verb::get, "/api/v1/programmes/{slug}/invitations", Permission::staff_read, bind(list)});
    // Only roles that may send links see them again.
    router.add({verb::get, "/api/v1/programmes/{slug}/invitations/{id}", Permission::staff_write, bind(show_link)});
}

}  // namespace yardstick::server::routes
