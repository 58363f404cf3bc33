// /api/v1/programmes/{slug}/webhooks: subscriptions of a programme's event
// types, signed deliveries (server/webhooks/), and their delivery log. For
// those who may change the programme (its managers, admins): a subscription
// sends the programme's events elsewhere.

#include <regex>

#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/registry/registry.hpp"
#include "server/routes/api.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/transaction.hpp"
#include "server/webhooks/signature.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/webhooks.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

constexpr std::size_t kMaxUrlLength = 2000;

// What a subscription is to: an absolute http(s) URL with a host.
std::string url_problem(const std::string& text) {
    if (text.size() > kMaxUrlLength) {
        return "must be at most 2000 characters";
    }
    const auto url = boost::urls::parse_uri(text);
    if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty() ||
        url->has_userinfo() || url->has_fragment()) {
        return "must be an absolute http:// or https:// URL with a host, without credentials or fragment";
    }
    return {};
}

nlohmann::json webhook_json(const sql::StoredWebhook& webhook) {
    return {{"id", webhook.id},
            {"url", webhook.url},
            {"events", webhook.event_types},
            {"created_at", webhook.created_at},
            {"created_by", webhook.created_by},
            {"deliveries", {{"delivered", webhook.delivered}, {"pending", webhook.pending}, {"failed", webhook.failed}}}};
}

nlohmann::json optional_json(const auto& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
}

asio::awaitable<http::Response> create(http::RequestContext context, ApiDependencies deps) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    const auto document = std::get<nlohmann::json>(body);
    JsonFields fields(document, {"url", "events"});
    const auto url = fields.text("url");
    if (const auto problem = url.empty() ? std::string() : url_problem(url); !problem.empty()) {
        fields.add_error("url", problem);
    }
    std::vector<std::string> events;
    static const std::regex kEventType("^[a-z][a-z_]*(\\.[a-z][a-z_]*)+$");
    if (const auto it = document.find("events"); it == document.end()) {
        fields.add_error("events", "is required: event types such as response.submitted, or \"*\" for all");
    } else if (!it->is_array() || it->empty() || it->size() > 100) {
        fields.add_error("events", "must be an array of 1 to 100 event types");
    } else {
        for (const auto& type : *it) {
            if (!type.is_string() || (type != "*" && !std::regex_match(type.get<std::string>(), kEventType))) {
                fields.add_error("events", "must hold event types such as response.submitted, or \"*\"");
                break;
            }
            events.push_back(type.get<std::string>());
        }
    }
    if (auto valid = fields.status(); !valid.ok()) {
        co_return error_response(context, valid.error());
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    const auto* master_key = deps.links.master_key;
    auto work = [slug, actor, url, events, master_key](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        const auto secret = webhooks::new_secret();
        const auto [id, created_at] = sql::insert_webhook(
            tx, {programme->id, url, events,
                 security::seal(*master_key, secret, webhooks::secret_context(programme->id)), actor});
        sql::append_event(tx, {programme->id, "webhook.created", actor,
                               nlohmann::json{{"webhook_id", id}, {"url", url}, {"events", events}}.dump()});
        return nlohmann::json{{"id", id}, {"url", url}, {"events", events}, {"secret", secret},
                              {"created_at", created_at}};
    };
    auto created = co_await in_transaction(*deps.pool, std::move(work));
    if (!created.ok()) {
        co_return error_response(context, created.error());
    }
    auto response = json_response(context, status::created, *created);
    response.set(http::beast_http::field::location,
                 "/api/v1/programmes/" + slug + "/webhooks/" + std::to_string((*created)["id"].get<std::int64_t>()));
    co_return response;
}

asio::awaitable<http::Response> list(http::RequestContext context, ApiDependencies deps) {
    const auto slug = context.params.at("slug");
    auto work = [slug](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        auto items = nlohmann::json::array();
        for (const auto& webhook : sql::list_webhooks(tx, programme->id)) {
            items.push_back(webhook_json(webhook));
        }
        return nlohmann::json{{"items", items}};
    };
    auto listed = co_await in_transaction(*deps.pool, std::move(work));
    if (!listed.ok()) {
        co_return error_response(context, listed.error());
    }
    co_return json_response(context, status::ok, *listed);
}

asio::awaitable<http::Response> remove(http::RequestContext context, ApiDependencies deps) {
    const auto id = parse_id(context.params.at("id"));
    if (!id) {
        co_return error_response(context, Error{ErrorCode::not_found, "There is no such webhook.", {}});
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    auto work = [slug, actor, id = *id](pqxx::work& tx) -> Result<bool> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        if (!sql::delete_webhook(tx, programme->id, id)) {
            return Error{ErrorCode::not_found, "There is no such webhook in this programme.", {}};
        }
        sql::append_event(tx, {programme->id, "webhook.deleted", actor, nlohmann::json{{"webhook_id", id}}.dump()});
        return true;
    };
    auto deleted = co_await in_transaction(*deps.pool, std::move(work));
    if (!deleted.ok()) {
        co_return error_response(context, deleted.error());
    }
    http::Response response{status::no_content, context.request.version()};
    response.prepare_payload();
    co_return response;
}

asio::awaitable<http::Response> deliveries(http::RequestContext context, ApiDependencies deps) {
    const auto page = read_page(context);
    if (const auto* problem = std::get_if<http::Problem>(&page)) {
        co_return problem_response(context, *problem);
    }
    const auto request = std::get<PageRequest>(page);
    const auto id = parse_id(context.params.at("id"));
    if (!id) {
        co_return error_response(context, Error{ErrorCode::not_found, "There is no such webhook.", {}});
    }
    const auto slug = context.params.at("slug");
    auto work = [slug, request, id = *id](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        if (!sql::webhook_exists(tx, programme->id, id)) {
            return Error{ErrorCode::not_found, "There is no such webhook in this programme.", {}};
        }
        auto items = nlohmann::json::array();
        // Newest first: the cursor is the last id of the page, and the next page is older.
        const auto rows = sql::list_deliveries(tx, id, request.after_id, request.limit);
        for (const auto& d : rows) {
            items.push_back({{"id", d.id},
                             {"event_seq", d.event_seq},
                             {"event_type", d.event_type},
                             {"status", d.status},
                             {"attempts", d.attempts},
                             {"created_at", d.created_at},
                             {"last_attempt_at", optional_json(d.last_attempt_at)},
                             {"last_status_code", optional_json(d.last_status_code)},
                             {"last_error", optional_json(d.last_error)},
                             {"delivered_at", optional_json(d.delivered_at)},
                             {"next_attempt_at", optional_json(d.next_attempt_at)}});
        }
        const auto last = rows.empty() ? 0 : rows.back().id;
        return page_json(std::move(items), last, static_cast<std::int64_t>(rows.size()) == request.limit);
    };
    auto listed = co_await in_transaction(*deps.pool, std::move(work));
    if (!listed.ok()) {
        co_return error_response(context, listed.error());
    }
    co_return json_response(context, status::ok, *listed);
}

}  // namespace

void add_webhook_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    const auto bind = [deps](auto handler) {
        return [deps, handler](http::RequestContext c) { return handler(std::move(c), deps); };
    };
    // Write permission throughout, listing included: only those who may
    // change the programme see where its events go.
    router.add({verb::post, "/api/v1/programmes/{slug}/webhooks", Permission::staff_write, bind(create)});
    router.add({verb::get, "/api/v1/programmes/{slug}/webhooks", Permission::staff_write, bind(list)});
    router.add({verb::delete_, "/api/v1/programmes/{slug}/webhooks/{id}", Permission::staff_write, bind(remove)});
    router.add(
        {verb::get, "/api/v1/programmes/{slug}/webhooks/{id}/deliveries", Permission::staff_write, bind(deliveries)});
}

}  // namespace yardstick::server::routes
