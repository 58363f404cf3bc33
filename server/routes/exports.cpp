// GET /api/v1/programmes/{slug}/exports/{file}: the auditors' raw data,
// streamed. responses.csv (one row per response, one column per question),
// responses-long.csv (one row per answer), responses.ndjson (one object per
// response with its version history), responses.sav (SPSS) and responses.dta
// (Stata 118) with labels, and datapackage.zip (everything, with codebook,
// report and manifest: exports/data_package.hpp); filtered by ?instrument=, ?wave=,
// ?from=, ?to=. Needs the token scope `export` (Permission::staff_export). Every download is logged
// (export.downloaded: who, which file, which filters, the data version and
// chain head) and committed before the first byte is sent.

#include <pqxx/pqxx>

#include <boost/asio/this_coro.hpp>

#include "server/audit/chain_text.hpp"
#include "server/exports/data_package.hpp"
#include "server/exports/export_job.hpp"
#include "server/registry/registry.hpp"
#include "server/routes/api.hpp"
#include "server/routes/replica_reads.hpp"
#include "server/routes/route_support.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/event_seals.hpp"
#include "yardstick/sql/instruments.hpp"
#include "yardstick/sql/report_tallies.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::field;
using http::beast_http::status;

/// What the download was logged with.
struct LoggedDownload {
    std::int64_t programme_id = 0;
    std::string language;  ///< the programme's default: SPSS and Stata labels
    std::int64_t data_version = 0;
    std::string event_log_head;
};

/// The filters from the query, or the problem naming the first wrong one.
Checked<sql::ExportFilter> read_filter(const http::RequestContext& context) {
    sql::ExportFilter filter;
    filter.instrument = query_parameter(context, "instrument").value_or("");
    filter.wave = query_parameter(context, "wave").value_or("");
    filter.from = query_parameter(context, "from").value_or("");
    filter.to = query_parameter(context, "to").value_or("");
    if (!filter.wave.empty() && !domain::is_valid_wave(filter.wave)) {
        return bad_request("wave", "must be a wave label: pre, post, follow-up or a round such as 2018");
    }
    for (const auto& [name, value] : {std::pair{"from", filter.from}, std::pair{"to", filter.to}}) {
        if (!value.empty() && !exports::is_filter_time(value)) {
            return bad_request(name, "must be a date (2026-11-01) or an RFC 3339 time (2026-11-01T09:30:00Z)");
        }
    }
    return filter;
}

constexpr std::string_view kDataPackage = "datapackage.zip";

/// datapackage.zip: the whole programme, so no filters. Answers once the
/// report's tallies have counted every event of the programme (503 when
/// they cannot catch up within seconds); the work logs export.downloaded
/// itself, with the data version the package covers, before sending it.
asio::awaitable<http::Response> download_data_package(http::RequestContext context, ApiDependencies deps) {
    for (const auto* name : {"instrument", "wave", "from", "to"}) {
        if (query_parameter(context, name)) {
            co_return problem_response(
                context, bad_request(name, "a data package always holds the whole programme: leave the filters out"));
        }
    }
    const auto slug = context.params.at("slug");
    const auto identities_text = query_parameter(context, "identities").value_or("false");
    if (identities_text != "true" && identities_text != "false") {
        co_return problem_response(context, bad_request("identities", "must be true or false"));
    }
    const bool identities = identities_text == "true";
    if (identities && !http::sees_identities(*context.principal, slug)) {
        co_return error_response(
            context, Error{ErrorCode::permission_denied,
                           "An export with identities needs the identity-export grant for this programme (or its "
                           "manager's role).",
                           {}});
    }
    auto wait_for_tallies = [slug](pqxx::connection& connection) -> Result<std::int64_t> {
        std::int64_t programme_id = 0;
        {
            pqxx::read_transaction tx(connection);
            auto programme = registry::require_programme(tx, slug);
            if (!programme.ok()) {
                return programme.error();
            }
            programme_id = programme->id;
        }
        if (!exports::catch_up_tallies(connection, programme_id, std::chrono::seconds(10))) {
            return Error{ErrorCode::unavailable,
                         "Responses are arriving faster than the report counts them; try again in a minute.",
                         {}};
        }
        return programme_id;
    };
    const auto programme_id = co_await deps.pool->run(std::move(wait_for_tallies));
    if (!programme_id.ok()) {
        co_return error_response(context, programme_id.error());
    }
    http::Response response{status::ok, context.request.version()};
    response.set(field::content_type, "application/zip");
    response.set(field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set(field::content_disposition, "attachment; filename=\"" + slug +
                                                 (identities ? "-datapackage-identities.zip\"" : "-datapackage.zip\""));
    response.stream =
        stream_from_pool(*deps.pool, co_await asio::this_coro::executor,
                         exports::export_data_package(*programme_id, context.principal->actor(), deps.links.master_key,
                                                      identities));
    co_return response;
}

asio::awaitable<http::Response> download_export(http::RequestContext context, ApiDependencies deps) {
    const auto& principal = *context.principal;
    const auto file = context.params.at("file");
    if (file == kDataPackage) {
        co_return co_await download_data_package(std::move(context), std::move(deps));
    }
    const auto format = exports::export_format_of(file);
    if (!format) {
        co_return error_response(
            context, Error{ErrorCode::not_found,
                           "There is no export " + file + ": there are responses.csv, responses-long.csv, "
                           "responses.ndjson, responses.sav, responses.dta and datapackage.zip.",
                           {}});
    }
    auto filter = read_filter(context);
    if (const auto* problem = std::get_if<http::Problem>(&filter)) {
        co_return problem_response(context, *problem);
    }
    const auto slug = context.params.at("slug");
    const auto chosen = std::get<sql::ExportFilter>(filter);
    auto log_download = [slug, file, chosen, actor = principal.actor()](
                            pqxx::connection& connection) -> Result<LoggedDownload> {
        pqxx::work tx(connection);
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        if (!chosen.instrument.empty() && !sql::find_instrument(tx, programme->id, chosen.instrument)) {
            return Error::invalid("instrument", "no instrument " + chosen.instrument + " in this programme");
        }
        LoggedDownload logged;
        logged.programme_id = programme->id;
        logged.language = programme->programme.settings.default_language;
        logged.data_version = sql::read_tallies(tx, programme->id).data_version;
        logged.event_log_head = audit::head_text(sql::chain_head_at(tx, logged.data_version));
        const nlohmann::json data = {
            {"file", file},
            {"filters", {{"instrument", chosen.instrument}, {"wave", chosen.wave}, {"from", chosen.from}, {"to", chosen.to}}},
            {"identities", false},
            {"data_version", logged.data_version},
            {"event_log_head", logged.event_log_head}};
        sql::append_event(tx, {programme->id, "export.downloaded", actor, data.dump()});
        tx.commit();
        return logged;
    };
    const auto logged = co_await deps.pool->run(std::move(log_download));
    if (!logged.ok()) {
        const auto& error = logged.error();
        if (error.code == ErrorCode::invalid_argument && !error.fields.empty()) {
            co_return problem_response(context, bad_request(error.fields[0].field, error.fields[0].message));
        }
        co_return error_response(context, error);
    }

    http::Response response{status::ok, context.request.version()};
    response.set(field::content_type, exports::content_type_of(*format));
    response.set(field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set(field::content_disposition, "attachment; filename=\"" + slug + "-" + file + "\"");
    response.set("X-Yardstick-Data-Version", std::to_string(logged->data_version));
    response.set("X-Yardstick-Event-Log-Head", logged->event_log_head);
    // With a replica, the rows come from there once it has replayed what the
    // primary had after the download was logged (so at least its data version).
    std::string position;
    if (reads_elsewhere(deps)) {
        const auto now = co_await primary_position(deps);
        if (!now.ok()) {
            co_return error_response(context, now.error());
        }
        position = *now;
    }
    StreamedWork rows =
        exports::export_responses(logged->programme_id, logged->language, chosen, *format, deps.links.master_key);
    if (reads_elsewhere(deps)) {
        rows = replayed_first(position, std::move(rows));
    }
    // Named before use: GCC 12 mishandles temporaries in a co_await
    // expression (docs/decisions.md §9).
    const auto executor = co_await asio::this_coro::executor;
    response.stream = stream_from_pool(reads_elsewhere(deps) ? *deps.read_pool : *deps.pool, executor, std::move(rows));
    co_return response;
}

}  // namespace

void add_export_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    router.add({verb::get, "/api/v1/programmes/{slug}/exports/{file}", Permission::staff_export,
                [deps](http::RequestContext context) { return download_export(std::move(context), deps); }});
}

}  // namespace yardstick::server::routes
