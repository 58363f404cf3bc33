// Erasure and consent withdrawal (privacy/erasure.hpp):
//   POST /api/v1/programmes/{slug}/participants/{id}/erasure  {"withdraw_answers": bool}
//        for staff acting on a person's request (a programme manager or admin);
//   GET  /f/{token}/withdraw  the page that asks the person to confirm;
//   POST /f/{token}/withdraw  the person withdraws consent: an erasure with
//        withdrawal, from a browser (confirm=yes, then the page that says it
//        is done) or as JSON ({"confirm": true}).
// The erasure commits before the answer; the compaction that follows runs
// after it, on a connection of its own.

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/forms/form_pages.hpp"
#include "server/forms/interface_text.hpp"
#include "server/forms/stylesheet.hpp"
#include "server/http/form_body.hpp"
#include "server/privacy/erasure.hpp"
#include "server/registry/registry.hpp"
#include "server/routes/api.hpp"
#include "server/routes/html_responses.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/transaction.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/person_keys.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

nlohmann::json outcome_json(std::int64_t participant_id, bool withdraw_answers,
                            const privacy::ErasureOutcome& outcome) {
    return {{"participant_id", participant_id},
            {"erased_at", outcome.erased_at},
            {"withdraw_answers", withdraw_answers},
            {"invitations_closed", outcome.invitations_closed},
            {"responses_withdrawn", outcome.responses_withdrawn}};
}

/// Erases in one transaction, then compacts on a connection of the pool.
asio::awaitable<Result<privacy::ErasureOutcome>> erase(const ApiDependencies& deps, privacy::ErasureRequest request,
                                                       std::string actor) {
    auto work = [request, actor](pqxx::work& tx) { return privacy::erase_participant(tx, request, actor); };
    auto outcome = co_await in_transaction(*deps.pool, std::move(work));
    if (outcome.ok()) {
        auto compact = [id = outcome->transaction_id](pqxx::connection& connection) -> Status {
            privacy::compact_after_erasure(connection, id);
            return {};
        };
        co_await deps.pool->run(std::move(compact));
    }
    co_return outcome;
}

asio::awaitable<http::Response> staff_erasure(http::RequestContext context, ApiDependencies deps) {
    const auto id = parse_id(context.params.at("id"));
    if (!id) {
        co_return error_response(context, Error{ErrorCode::not_found, "There is no such participant.", {}});
    }
    nlohmann::json object = nlohmann::json::object();
    if (!context.request.body().empty()) {
        auto body = read_json_object(context);
        if (auto* problem = std::get_if<http::Problem>(&body)) {
            co_return problem_response(context, *problem);
        }
        object = std::get<nlohmann::json>(std::move(body));
    }
    JsonFields fields(object, {"withdraw_answers"});
    const bool withdraw = fields.optional_boolean("withdraw_answers").value_or(false);
    if (auto valid = fields.status(); !valid.ok()) {
        co_return error_response(context, valid.error());
    }
    const auto slug = context.params.at("slug");
    auto find = [slug](pqxx::work& tx) -> Result<std::int64_t> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        return programme->id;
    };
    const auto programme_id = co_await in_transaction(*deps.pool, std::move(find));
    if (!programme_id.ok()) {
        co_return error_response(context, programme_id.error());
    }
    const privacy::ErasureRequest request{*programme_id, *id, withdraw, privacy::ErasureReason::request};
    const auto outcome = co_await erase(deps, request, context.principal->actor());
    if (!outcome.ok()) {
        co_return error_response(context, outcome.error());
    }
    co_return json_response(context, status::ok, outcome_json(*id, withdraw, *outcome));
}

/// The invitation behind a token and whether its person still has a key.
struct Holder {
    sql::FormInvitation invitation;
    bool erased = false;
};

asio::awaitable<Result<Holder>> holder_of(const ApiDependencies& deps, const std::string& token) {
    auto work = [token](pqxx::work& tx) -> Result<Holder> {
        if (!security::is_well_formed_token(token)) {
            return Error{ErrorCode::not_found, "There is no form at this link.", {}};
        }
        auto invitation = sql::find_invitation_by_digest(tx, security::token_digest(token), false);
        if (!invitation) {
            return Error{ErrorCode::not_found, "There is no form at this link.", {}};
        }
        const bool erased = !invitation->wrapped_key.has_value();
        return Holder{std::move(*invitation), erased};
    };
    co_return co_await in_transaction(*deps.pool, std::move(work));
}

std::string language_of(const http::RequestContext& context, const sql::FormInvitation* invitation) {
    const auto& languages = forms::kInterfaceLanguages;
    const auto known = [&](std::string_view code) {
        return std::find(languages.begin(), languages.end(), code) != languages.end();
    };
    if (const auto lang = query_parameter(context, "lang"); lang && known(*lang)) {
        return *lang;
    }
    if (invitation != nullptr && known(invitation->participant_language)) {
        return invitation->participant_language;
    }
    return "en";
}

http::Response not_found_page(const http::RequestContext& context) {
    return html_page(context, status::not_found,
                     forms::render_not_found(language_of(context, nullptr), forms::stylesheet_url()));
}

asio::awaitable<http::Response> withdraw_page(http::RequestContext context, ApiDependencies deps) {
    const auto token = context.params.at("token");
    const auto holder = co_await holder_of(deps, token);
    if (!holder.ok()) {
        co_return holder.error().code == ErrorCode::not_found ? not_found_page(context)
                                                              : error_response(context, holder.error());
    }
    const auto language = language_of(context, &holder->invitation);
    co_return html_page(context, status::ok,
                        holder->erased ? forms::render_withdrawn(language, forms::stylesheet_url())
                                       : forms::render_withdraw(language, forms::stylesheet_url(), token));
}

asio::awaitable<http::Response> withdraw(http::RequestContext context, ApiDependencies deps) {
    const auto token = context.params.at("token");
    const bool from_browser = media_type(context) == "application/x-www-form-urlencoded";
    // The link first: an unknown one is 404 whatever the body says.
    const auto holder = co_await holder_of(deps, token);
    if (!holder.ok()) {
        co_return from_browser && holder.error().code == ErrorCode::not_found ? not_found_page(context)
                                                                              : error_response(context, holder.error());
    }
    bool confirmed = false;
    if (from_browser) {
        const auto fields = http::parse_form_body(context.request.body());
        confirmed = fields.ok() && http::first_value(*fields, "confirm") == "yes";
    } else {
        auto body = read_json_object(context);
        if (auto* problem = std::get_if<http::Problem>(&body)) {
            co_return problem_response(context, *problem);
        }
        JsonFields fields(std::get<nlohmann::json>(body), {"confirm"});
        confirmed = fields.optional_boolean("confirm").value_or(false);
        if (auto valid = fields.status(); !valid.ok()) {
            co_return error_response(context, valid.error());
        }
    }
    if (!confirmed) {
        co_return error_response(
            context, Error::invalid("confirm", from_browser ? "must be yes: withdrawing consent cannot be undone"
                                                            : "must be true: withdrawing consent cannot be undone"));
    }
    const auto& invitation = holder->invitation;
    const privacy::ErasureRequest request{invitation.programme_id, invitation.participant_id, true,
                                          privacy::ErasureReason::consent_withdrawn};
    const auto outcome = co_await erase(deps, request, "invitation:" + std::to_string(invitation.id));
    if (from_browser) {
        // Done now or before: either way the page says so.
        if (!outcome.ok() && outcome.error().code != ErrorCode::conflict) {
            co_return error_response(context, outcome.error());
        }
        co_return see_other(context, "/f/" + token + "/withdraw?lang=" + language_of(context, &invitation));
    }
    if (!outcome.ok()) {
        co_return error_response(context, outcome.error());
    }
    co_return json_response(context, status::ok, outcome_json(invitation.participant_id, true, *outcome));
}

}  // namespace

void add_erasure_routes(http::Router& router, const ApiDependencies& deps) {
    router.add({http::beast_http::verb::post, "/api/v1/programmes/{slug}/participants/{id}/erasure",
                http::Permission::staff_write,
                [deps](http::RequestContext context) { return staff_erasure(std::move(context), deps); }});
}

void add_consent_withdrawal_routes(http::Router& router, const ApiDependencies& deps) {
    router.add({http::beast_http::verb::get, "/f/{token}/withdraw", http::Permission::invitation_token,
                [deps](http::RequestContext context) { return withdraw_page(std::move(context), deps); }});
    router.add({http::beast_http::verb::post, "/f/{token}/withdraw", http::Permission::invitation_token,
                [deps](http::RequestContext context) { return withdraw(std::move(context), deps); }});
}

}  // namespace yardstick::server::routes
