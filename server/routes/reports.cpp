// The impact report: GET /api/v1/programmes/{slug}/report as JSON, CSV, HTML
// or PDF (?format=), and GET /programmes/{slug}, the dashboard for a signed-in
// browser. Every format renders the same Report, read from the tallies in one
// snapshot (server/reports/read_report.hpp).

#include <chrono>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <pqxx/pqxx>

#include "server/reports/dashboard_html.hpp"
#include "server/reports/dashboard_script.hpp"
#include "server/reports/read_report.hpp"
#include "server/reports/report_json.hpp"
#include "server/reports/report_pdf.hpp"
#include "server/routes/api.hpp"
#include "server/routes/html_responses.hpp"
#include "server/routes/replica_reads.hpp"
#include "server/routes/route_support.hpp"
#include "yardstick/sql/programmes.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::field;
using http::beast_http::status;

/// The report of `slug`, read in a repeatable-read, read-only transaction:
/// tallies, data version and chain head from one snapshot. Then who viewed
/// it is logged (report.viewed), committed before the report is handed over.
asio::awaitable<Result<reports::Report>> load_report(const ApiDependencies& deps, std::string slug,
                                                     std::string language, std::string actor, std::string format) {
    if (!reads_elsewhere(deps)) {
        // One round trip: read, then log the view, on one connection.
        auto read = [slug = std::move(slug), language = std::move(language), actor = std::move(actor),
                     format = std::move(format)](pqxx::connection& connection) {
            Result<reports::Report> report = [&] {
                pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
                return reports::read_report(tx, slug, language);
            }();
            if (report.ok()) {
                pqxx::work tx(connection);
                reports::record_report_view(tx, *report, actor, format);
                tx.commit();
            }
            return report;
        };
        co_return co_await deps.pool->run(std::move(read));
    }
    // Read on the replica (once it has caught up with the primary), log the
    // view on the primary.
    const auto position = co_await primary_position(deps);
    if (!position.ok()) {
        co_return position.error();
    }
    auto read = [slug, language](pqxx::connection& connection) {
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
        return reports::read_report(tx, slug, language);
    };
    auto report = co_await read_at(deps, *position, std::move(read));
    if (!report.ok()) {
        co_return report;
    }
    auto record = [report = *report, actor = std::move(actor), format = std::move(format)](
                      pqxx::connection& connection) -> Status {
        pqxx::work tx(connection);
        reports::record_report_view(tx, report, actor, format);
        tx.commit();
        return {};
    };
    if (auto recorded = co_await deps.pool->run(std::move(record)); !recorded.ok()) {
        co_return recorded.error();
    }
    co_return report;
}

/// ?lang= (default English); nothing when it is not a language of reports.
std::optional<std::string> report_language(const http::RequestContext& context) {
    const auto language = query_parameter(context, "lang").value_or("en");
    if (!reports::is_report_language(language)) {
        return std::nullopt;
    }
    return language;
}

http::Response file_response(const http::RequestContext& context, std::string content_type, std::string body,
                             const std::string& filename) {
    http::Response response{status::ok, context.request.version()};
    response.set(field::content_type, std::move(content_type));
    response.set(field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    if (!filename.empty()) {
        response.set(field::content_disposition, "attachment; filename=\"" + filename + "\"");
    }
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

asio::awaitable<http::Response> get_report(http::RequestContext context, ApiDependencies deps) {
    const auto format = query_parameter(context, "format").value_or("json");
    if (format != "json" && format != "csv" && format != "html" && format != "pdf") {
        co_return problem_response(context, bad_request("format", "must be json, csv, html or pdf"));
    }
    const auto language = report_language(context);
    if (!language) {
        co_return problem_response(context, bad_request("lang", "must be en, fr, de or it"));
    }
    const auto slug = context.params.at("slug");
    const auto report = co_await load_report(deps, slug, *language, context.principal->actor(), format);
    if (!report.ok()) {
        co_return error_response(context, report.error());
    }
    if (format == "csv") {
        co_return file_response(context, "text/csv; charset=utf-8", reports::report_to_csv(*report),
                                slug + "-report.csv");
    }
    if (format == "html") {
        co_return html_page(context, status::ok, reports::render_dashboard(*report));
    }
    if (format == "pdf") {
        co_return file_response(context, "application/pdf", reports::render_report_pdf(*report),
                                slug + "-impact-report.pdf");
    }
    co_return json_response(context, status::ok, reports::report_to_json(*report));
}

asio::awaitable<http::Response> show_dashboard(http::RequestContext context, ApiDependencies deps) {
    const auto language = report_language(context).value_or("en");
    const auto report =
        co_await load_report(deps, context.params.at("slug"), language, context.principal->actor(), "html");
    if (!report.ok()) {
        co_return error_response(context, report.error());
    }
    const auto slug = context.params.at("slug");
    auto page = html_page(context, status::ok,
                          reports::render_dashboard(*report, "/api/v1/programmes/" + slug + "/report/stream?lang=" + language));
    // The dashboard's own script (and the stream and page it fetches) only.
    page.set("Content-Security-Policy",
             "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; "
             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    co_return page;
}

asio::awaitable<http::Response> dashboard_script(http::RequestContext context) {
    co_return immutable_asset(context, "text/javascript; charset=utf-8", reports::dashboard_script());
}

/// The report as one Server-Sent Event: its data version as the id, its
/// JSON (one line) as the data.
std::string report_event(const reports::Report& report) {
    return "id: " + std::to_string(report.data_version) + "\nevent: report\ndata: " +
           reports::report_to_json(report).dump() + "\n\n";
}

/// GET …/report/stream: the report now, then again each time its data
/// version moves (any node's tally consumer NOTIFYs it; ReportVersions holds
/// the latest), checked five times a second; a comment every 15 s keeps
/// proxies and the write timeout from ending a quiet stream. Ends when the
/// server stops; the client's EventSource then reconnects (`retry`).
class ReportStream final : public http::BodyStream {
public:
    ReportStream(DatabasePool& pool, const reports::ReportVersions& versions, std::int64_t programme_id,
                 std::string slug, std::string language, const reports::Report& first)
        : pool_(pool),
          versions_(versions),
          programme_id_(programme_id),
          slug_(std::move(slug)),
          language_(std::move(language)),
          sent_(first.data_version),
          pending_("retry: 2000\n\n" + report_event(first)) {}

    asio::awaitable<std::optional<std::string>> next() override {
        if (!pending_.empty()) {
            co_return std::exchange(pending_, {});
        }
        asio::steady_timer timer(co_await asio::this_coro::executor);
        const auto quiet_since = std::chrono::steady_clock::now();
        for (;;) {
            if (versions_.closed()) {
                co_return std::nullopt;
            }
            if (const auto wanted = versions_.latest(programme_id_); wanted > sent_) {
                auto read = [slug = slug_, language = language_](pqxx::connection& connection) {
                    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
                    return reports::read_report(tx, slug, language);
                };
                const auto report = co_await pool_.run(std::move(read));
                if (!report.ok()) {
                    throw std::runtime_error("the live report could not be read: " + report.error().message);
                }
                // A replica may not have replayed the new version yet: the
                // next look, 200 ms on, reads again.
                if (report->data_version >= wanted) {
                    sent_ = report->data_version;
                    co_return report_event(*report);
                }
            }
            if (std::chrono::steady_clock::now() - quiet_since >= std::chrono::seconds(15)) {
                co_return ": keep-alive\n\n";
            }
            boost::system::error_code ec;
            timer.expires_after(std::chrono::milliseconds(200));
            co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
    }

private:
    DatabasePool& pool_;
    const reports::ReportVersions& versions_;
    std::int64_t programme_id_;
    std::string slug_;
    std::string language_;
    std::int64_t sent_;
    std::string pending_;
};

asio::awaitable<http::Response> stream_report(http::RequestContext context, ApiDependencies deps) {
    const auto language = report_language(context);
    if (!language) {
        co_return problem_response(context, bad_request("lang", "must be en, fr, de or it"));
    }
    const auto slug = context.params.at("slug");
    // Opening the stream is one view of the report (report.viewed, format stream).
    const auto report = co_await load_report(deps, slug, *language, context.principal->actor(), "stream");
    if (!report.ok()) {
        co_return error_response(context, report.error());
    }
    auto find_id = [slug](pqxx::connection& connection) -> Result<std::int64_t> {
        pqxx::read_transaction tx(connection);
        const auto programme = sql::find_programme(tx, slug);
        if (!programme) {
            return Error{ErrorCode::not_found, "There is no such programme.", {}};
        }
        return programme->id;
    };
    const auto programme_id = co_await deps.pool->run(std::move(find_id));
    if (!programme_id.ok()) {
        co_return error_response(context, programme_id.error());
    }
    http::Response response{status::ok, context.request.version()};
    response.set(field::content_type, "text/event-stream; charset=utf-8");
    response.set(field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    // nginx would otherwise hold the events back in its buffer.
    response.set("X-Accel-Buffering", "no");
    response.stream = std::make_shared<ReportStream>(*deps.read_pool, *deps.report_versions, *programme_id, slug,
                                                     *language, *report);
    co_return response;
}

}  // namespace

void add_report_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    router.add({verb::get, "/api/v1/programmes/{slug}/report", Permission::staff_read,
                [deps](http::RequestContext context) { return get_report(std::move(context), deps); }});
    router.add({verb::get, "/api/v1/programmes/{slug}/report/stream", Permission::staff_read,
                [deps](http::RequestContext context) { return stream_report(std::move(context), deps); }});
}

void add_dashboard_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    router.add({verb::get, "/programmes/{slug}", Permission::staff_read,
                [deps](http::RequestContext context) { return show_dashboard(std::move(context), deps); }, true});
    router.add({verb::get, "/assets/dashboard.js", Permission::anyone, dashboard_script});
}

}  // namespace yardstick::server::routes
