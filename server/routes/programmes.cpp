// /api/v1/programmes: create from a bundled template, list, show; close a
// wave; read a programme's events in their public order.

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/registry/registry.hpp"
#include "server/json/schedule_json.hpp"
#include "server/routes/api.hpp"
#include "server/routes/registry_json.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/transaction.hpp"
#include "yardstick/sql/event_log.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

asio::awaitable<http::Response> create_programme(http::RequestContext context, ApiDependencies deps) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    JsonFields fields(std::get<nlohmann::json>(body), {"slug", "name", "template"});
    const auto slug = fields.text("slug");
    const auto name = fields.text("name");
    const auto template_key = fields.text("template");
    if (auto valid = fields.status(); !valid.ok()) {
        co_return error_response(context, valid.error());
    }
    const auto actor = context.principal->actor();
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [=](pqxx::work& tx) { return registry::create_programme(tx, slug, name, template_key, actor); };
    auto created = co_await in_transaction(*deps.pool, std::move(work));
    if (!created.ok()) {
        co_return error_response(context, created.error());
    }
    auto response = json_response(context, status::created, programme_json(*created));
    response.set(http::beast_http::field::location, "/api/v1/programmes/" + slug);
    co_return response;
}

// PATCH /api/v1/programmes/{slug}: the settings a programme may change after
// it was created: retention_days and the schedule (any of its members; the
// others keep their value). The template gives the rest.
asio::awaitable<http::Response> change_settings(http::RequestContext context, ApiDependencies deps) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    const auto document = std::get<nlohmann::json>(body);
    JsonFields fields(document, {"retention_days", "schedule"});
    registry::SettingsChange change;
    if (const auto days = fields.optional_integer("retention_days", 0, domain::kMaxRetentionDays)) {
        change.retention_days = static_cast<int>(*days);
    }
    std::optional<nlohmann::json> schedule;
    if (const auto it = document.find("schedule"); it != document.end()) {
        schedule = *it;
    }
    if (!change.retention_days && !schedule && fields.errors().empty()) {
        fields.add_error("retention_days", "is required unless schedule is given");
    }
    if (auto valid = fields.status(); !valid.ok()) {
        co_return error_response(context, valid.error());
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    auto work = [slug, actor, change, schedule](pqxx::work& tx) mutable -> Result<sql::StoredProgramme> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        if (schedule) {
            // Over the programme's current schedule: members left out stay.
            auto merged = programme->programme.settings.schedule;
            std::vector<FieldError> errors;
            json::read_schedule(*schedule, merged, "schedule.", errors);
            if (!errors.empty()) {
                return Error{ErrorCode::invalid_argument, "invalid schedule", std::move(errors)};
            }
            change.schedule = merged;
        }
        return registry::change_settings(tx, *programme, change, actor);
    };
    auto changed = co_await in_transaction(*deps.pool, std::move(work));
    if (!changed.ok()) {
        co_return error_response(context, changed.error());
    }
    co_return json_response(context, status::ok, programme_json(*changed));
}

asio::awaitable<http::Response> list_programmes(http::RequestContext context, ApiDependencies deps) {
    const auto page = read_page(context);
    if (const auto* problem = std::get_if<http::Problem>(&page)) {
        co_return problem_response(context, *problem);
    }
    const auto request = std::get<PageRequest>(page);
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [request](pqxx::work& tx) -> Result<std::vector<sql::StoredProgramme>> {
        return sql::list_programmes(tx, request.after_id, request.limit);
    };
    auto rows = co_await in_transaction(*deps.pool, std::move(work));
    if (!rows.ok()) {
        co_return error_response(context, rows.error());
    }
    // Everyone sees only the programmes they hold a role in (admins: all).
    const auto& principal = *context.principal;
    auto items = nlohmann::json::array();
    for (const auto& row : *rows) {
        if (principal.holds("manager", row.programme.slug) || principal.holds("auditor", row.programme.slug)) {
            items.push_back(programme_json(row));
        }
    }
    const auto last = rows->empty() ? 0 : rows->back().id;
    co_return json_response(
        context, status::ok,
        page_json(std::move(items), last, static_cast<std::int64_t>(rows->size()) == request.limit));
}

asio::awaitable<http::Response> show_programme(http::RequestContext context, ApiDependencies deps) {
    const auto slug = context.params.at("slug");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [slug](pqxx::work& tx) { return registry::require_programme(tx, slug); };
    auto programme = co_await in_transaction(*deps.pool, std::move(work));
    if (!programme.ok()) {
        co_return error_response(context, programme.error());
    }
    co_return json_response(context, status::ok, programme_json(*programme));
}

asio::awaitable<http::Response> close_wave(http::RequestContext context, ApiDependencies deps) {
    const auto slug = context.params.at("slug");
    const auto wave = context.params.at("wave");
    const auto actor = context.principal->actor();
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [=](pqxx::work& tx) -> Result<std::string> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        return collection::close_wave(tx, *programme, wave, actor);
    };
    auto closed = co_await in_transaction(*deps.pool, std::move(work));
    if (!closed.ok()) {
        co_return error_response(context, closed.error());
    }
    co_return json_response(context, status::ok, {{"wave", wave}, {"closed_at", *closed}});
}

/// The programme's events, or only those of `types` (the audit trail of who
/// read what: report.viewed, export.downloaded).
asio::awaitable<http::Response> list_events_of(http::RequestContext context, ApiDependencies deps,
                                               std::vector<std::string> types) {
    std::int64_t after = 0;
    std::int64_t limit = 100;
    if (const auto text = query_parameter(context, "after")) {
        const auto value = *text == "0" ? std::optional<std::int64_t>(0) : parse_id(*text);
        if (!value) {
            co_return problem_response(context, bad_request("after", "must be a sequence number (0 or more)"));
        }
        after = *value;
    }
    if (const auto text = query_parameter(context, "limit")) {
        const auto value = parse_id(*text);
        if (!value || *value > 1000) {
            co_return problem_response(context, bad_request("limit", "must be a whole number from 1 to 1000"));
        }
        limit = *value;
    }
    const auto slug = context.params.at("slug");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [=](pqxx::connection& connection) -> Result<std::vector<sql::StoredEvent>> {
        std::optional<std::int64_t> programme_id;
        {
            pqxx::read_transaction tx(connection);
            auto programme = registry::require_programme(tx, slug);
            if (!programme.ok()) {
                return programme.error();
            }
            programme_id = programme->id;
        }
        return sql::read_events(connection, after, limit, programme_id, types);
    };
    auto events = co_await deps.pool->run(std::move(work));
    if (!events.ok()) {
        co_return error_response(context, events.error());
    }
    auto items = nlohmann::json::array();
    for (const auto& event : *events) {
        items.push_back({{"seq", event.seq},
                         {"type", event.type},
                         {"occurred_at", event.occurred_at},
                         {"actor", event.actor},
                         {"data", nlohmann::json::parse(event.data_json)}});
    }
    const auto next_after = events->empty() ? after : events->back().seq;
    co_return json_response(context, status::ok, {{"events", std::move(items)}, {"next_after", next_after}});
}

asio::awaitable<http::Response> list_events(http::RequestContext context, ApiDependencies deps) {
    return list_events_of(std::move(context), std::move(deps), {});
}

asio::awaitable<http::Response> list_access_events(http::RequestContext context, ApiDependencies deps) {
    return list_events_of(std::move(context), std::move(deps), {"report.viewed", "export.downloaded"});
}

}  // namespace

void add_programme_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    const auto bind = [deps](auto handler) {
        return [deps, handler](http::RequestContext c) { return handler(std::move(c), deps); };
    };
    router.add({verb::post, "/api/v1/programmes", Permission::staff_write, bind(create_programme)});
    router.add({verb::get, "/api/v1/programmes", Permission::staff_read, bind(list_programmes)});
    router.add({verb::get, "/api/v1/programmes/{slug}", Permission::staff_read, bind(show_programme)});
    router.add({verb::patch, "/api/v1/programmes/{slug}", Permission::staff_write, bind(change_settings)});
    router.add({verb::post, "/api/v1/programmes/{slug}/waves/{wave}/close", Permission::staff_write, bind(close_wave)});
    router.add({verb::get, "/api/v1/programmes/{slug}/events", Permission::staff_read, bind(list_events)});
    router.add({verb::get, "/api/v1/programmes/{slug}/audit", Permission::staff_read, bind(list_access_events)});
}

}  // namespace yardstick::server::routes
