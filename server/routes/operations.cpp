#include "server/routes/operations.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "server/app/log.hpp"
#include "server/http/problem.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

asio::awaitable<http::Response> healthz(http::RequestContext context) {
    co_return http::make_json_response(status::ok, R"({"status":"alive"})", context.request.version());
}

asio::awaitable<http::Response> readyz(http::RequestContext context, DatabasePool* pool) {
    auto schema = co_await pool->run(
        [](pqxx::connection& connection) -> Result<sql::SchemaStatus> { return sql::inspect_schema(connection); });
    const unsigned version = context.request.version();
    if (!schema.ok()) {
        http::Problem problem;
        problem.status = status::service_unavailable;
        // The reason (libpq's text names sockets and hosts) goes to the log only.
        log_warning("readyz.database_unavailable",
                    {{"request_id", context.request_id}, {"reason", schema.error().message}});
        problem.detail = "The database does not answer.";
        problem.headers.emplace_back(http::beast_http::field::retry_after, "1");
        co_return http::make_problem_response(problem, version, context.request_id);
    }
    if (!schema->current()) {
        http::Problem problem;
        problem.status = status::service_unavailable;
        problem.detail = "The database schema is not current: " + schema->summary();
        problem.headers.emplace_back(http::beast_http::field::retry_after, "5");
        co_return http::make_problem_response(problem, version, context.request_id);
    }
    const nlohmann::json body = {
        {"status", "ready"},
        {"database", "ok"},
        {"migrations_applied", schema->applied.size()},
    };
    co_return http::make_json_response(status::ok, body.dump(), version);
}

asio::awaitable<http::Response> metrics(http::RequestContext context, OperationsDependencies deps) {
    std::ostringstream out;
    out << deps.metrics->render();
    const auto gauges = deps.pool->gauges();
    out << "# HELP yardstick_db_pool_size Database connections the pool may hold (one per worker).\n"
        << "# TYPE yardstick_db_pool_size gauge\n"
        << "yardstick_db_pool_size " << gauges.size << "\n"
        << "# HELP yardstick_db_pool_connections_open Database connections currently open.\n"
        << "# TYPE yardstick_db_pool_connections_open gauge\n"
        << "yardstick_db_pool_connections_open " << gauges.connected << "\n"
        << "# HELP yardstick_db_pool_busy Database work items running now.\n"
        << "# TYPE yardstick_db_pool_busy gauge\n"
        << "yardstick_db_pool_busy " << gauges.busy << "\n"
        << "# HELP yardstick_db_pool_waiting Database work items queued for a worker.\n"
        << "# TYPE yardstick_db_pool_waiting gauge\n"
        << "yardstick_db_pool_waiting " << gauges.waiting << "\n";
    http::Response response{status::ok, context.request.version()};
    response.set(http::beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    response.set(http::beast_http::field::cache_control, "no-store");
    response.body() = out.str();
    response.prepare_payload();
    co_return response;
}

}  // namespace

void add_operations_routes(http::Router& router, OperationsDependencies deps) {
    using http::Permission;
    using http::beast_http::verb;
    router.add({verb::get, "/healthz", Permission::anyone, healthz});
    router.add({verb::get, "/readyz", Permission::anyone,
                [pool = deps.pool](http::RequestContext c) { return readyz(std::move(c), pool); }});
    router.add({verb::get, "/metrics", Permission::anyone,
                [deps](http::RequestContext c) { return metrics(std::move(c), deps); }});
}

}  // namespace yardstick::server::routes
