// /api/v1/programmes/{slug}/instruments: the latest version of each
// instrument, one instrument's latest or given version, and publishing a new
// version (a version is never changed: a change is the next version).

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/json/instrument_json.hpp"
#include "server/registry/registry.hpp"
#include "server/routes/api.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/transaction.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/instruments.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

nlohmann::json instrument_summary(const sql::StoredInstrument& stored) {
    return {{"id", stored.id},
            {"key", stored.key},
            {"version", stored.version},
            {"wave", stored.wave},
            {"respondent", stored.respondent},
            {"consent_version", stored.consent_version},
            {"created_at", stored.created_at}};
}

nlohmann::json instrument_detail(const sql::StoredInstrument& stored, bool has_responses) {
    auto json = instrument_summary(stored);
    json["has_responses"] = has_responses;
    json["definition"] = nlohmann::json::parse(stored.definition_json);
    return json;
}

asio::awaitable<http::Response> list_instruments(http::RequestContext context, ApiDependencies deps) {
    const auto slug = context.params.at("slug");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [slug](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        auto latest = nlohmann::json::array();
        for (const auto& stored : sql::list_latest_instruments(tx, programme->id)) {
            auto summary = instrument_summary(stored);
            const auto definition = nlohmann::json::parse(stored.definition_json);
            summary["title"] = definition.value("title", nlohmann::json::object());
            latest.push_back(std::move(summary));
        }
        return latest;
    };
    auto items = co_await in_transaction(*deps.pool, std::move(work));
    if (!items.ok()) {
        co_return error_response(context, items.error());
    }
    co_return json_response(context, status::ok, {{"items", std::move(*items)}});
}

asio::awaitable<http::Response> show_instrument(http::RequestContext context, ApiDependencies deps) {
    const auto slug = context.params.at("slug");
    const auto key = context.params.at("key");
    std::optional<int> version;
    if (const auto it = context.params.find("version"); it != context.params.end()) {
        const auto parsed = parse_id(it->second);
        if (!parsed || *parsed > 1'000'000) {
            co_return error_response(context, Error{ErrorCode::not_found, "There is no such version.", {}});
        }
        version = static_cast<int>(*parsed);
    }
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [=](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        const auto stored = sql::find_instrument(tx, programme->id, key, version);
        if (!stored) {
            return Error{ErrorCode::not_found,
                         version ? "Instrument '" + key + "' has no version " + std::to_string(*version) + "."
                                 : "There is no instrument '" + key + "' in this programme.",
                         {}};
        }
        return instrument_detail(*stored, sql::instrument_has_responses(tx, stored->id));
    };
    auto detail = co_await in_transaction(*deps.pool, std::move(work));
    if (!detail.ok()) {
        co_return error_response(context, detail.error());
    }
    co_return json_response(context, status::ok, *detail);
}

asio::awaitable<http::Response> publish_instrument(http::RequestContext context, ApiDependencies deps) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    auto instrument = json::instrument_from_json(std::get<nlohmann::json>(body));
    if (!instrument.ok()) {
        co_return error_response(context, instrument.error());
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [slug, actor, instrument = std::move(instrument).value()](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        const auto latest = sql::find_instrument(tx, programme->id, instrument.key);
        const int expected = latest ? latest->version + 1 : 1;
        if (instrument.version != expected) {
            return Error::invalid("version",
                                  "must be " + std::to_string(expected) +
                                      (latest ? " (the next version after " + std::to_string(latest->version) + ")"
                                              : " (a new instrument starts at 1)"));
        }
        if (latest && (latest->wave != instrument.wave || latest->respondent != instrument.respondent)) {
            return Error::invalid("wave", "a new version keeps the wave and respondent of version " +
                                              std::to_string(latest->version) + " (" + latest->wave + ", " +
                                              latest->respondent + ")");
        }
        const auto id =
            sql::insert_instrument_version(tx, programme->id,
                                           {instrument.key, instrument.version, instrument.wave, instrument.respondent,
                                            instrument.consent.version, json::instrument_to_json(instrument).dump()});
        sql::append_event(tx, {programme->id, "instrument.published", actor,
                               nlohmann::json{{"instrument_id", id},
                                              {"key", instrument.key},
                                              {"version", instrument.version},
                                              {"wave", instrument.wave},
                                              {"respondent", instrument.respondent},
                                              {"consent_version", instrument.consent.version}}
                                   .dump()});
        return instrument_detail(*sql::find_instrument_by_id(tx, id), false);
    };
    auto published = co_await in_transaction(*deps.pool, std::move(work));
    if (!published.ok()) {
        co_return error_response(context, published.error());
    }
    auto response = json_response(context, status::created, *published);
    response.set(http::beast_http::field::location, "/api/v1/programmes/" + slug + "/instruments/" +
                                                        (*published)["key"].get<std::string>() + "/versions/" +
                                                        std::to_string((*published)["version"].get<int>()));
    co_return response;
}

}  // namespace

void add_instrument_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    const auto bind = [deps](auto handler) {
        return [deps, handler](http::RequestContext c) { return handler(std::move(c), deps); };
    };
    router.add({verb::get, "/api/v1/programmes/{slug}/instruments", Permission::staff_read, bind(list_instruments)});
    router.add(
        {verb::post, "/api/v1/programmes/{slug}/instruments", Permission::staff_write, bind(publish_instrument)});
    router.add(
        {verb::get, "/api/v1/programmes/{slug}/instruments/{key}", Permission::staff_read, bind(show_instrument)});
    router.add({verb::get, "/api/v1/programmes/{slug}/instruments/{key}/versions/{version}", Permission::staff_read,
                bind(show_instrument)});
}

}  // namespace yardstick::server::routes
