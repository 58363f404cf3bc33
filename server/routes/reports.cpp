// The impact report: GET /api/v1/programmes/{slug}/report as JSON, CSV, HTML
// or PDF (?format=), and GET /programmes/{slug}, the dashboard for a signed-in
// browser. Every format renders the same Report, read from the tallies in one
// snapshot (server/reports/read_report.hpp).

#include <pqxx/pqxx>

#include "server/reports/dashboard_html.hpp"
#include "server/reports/read_report.hpp"
#include "server/reports/report_json.hpp"
#include "server/reports/report_pdf.hpp"
#include "server/routes/api.hpp"
#include "server/routes/html_responses.hpp"
#include "server/routes/route_support.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::field;
using http::beast_http::status;

/// The report of `slug`, read in a repeatable-read, read-only transaction:
/// tallies, data version and chain head from one snapshot. Then who viewed
/// it is logged (report.viewed), committed before the report is handed over.
asio::awaitable<Result<reports::Report>> load_report(DatabasePool& pool, std::string slug, std::string language,
                                                     std::string actor, std::string format) {
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
    co_return co_await pool.run(std::move(read));
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
    const auto report = co_await load_report(*deps.pool, slug, *language, context.principal->actor(), format);
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
        co_await load_report(*deps.pool, context.params.at("slug"), language, context.principal->actor(), "html");
    if (!report.ok()) {
        co_return error_response(context, report.error());
    }
    co_return html_page(context, status::ok, reports::render_dashboard(*report));
}

}  // namespace

void add_report_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    router.add({verb::get, "/api/v1/programmes/{slug}/report", Permission::staff_read,
                [deps](http::RequestContext context) { return get_report(std::move(context), deps); }});
}

void add_dashboard_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    router.add({verb::get, "/programmes/{slug}", Permission::staff_read,
                [deps](http::RequestContext context) { return show_dashboard(std::move(context), deps); }, true});
}

}  // namespace yardstick::server::routes
