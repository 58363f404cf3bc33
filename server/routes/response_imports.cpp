#include "server/routes/response_imports.hpp"

#include <pqxx/pqxx>

#include "server/imports/package_import.hpp"
#include "server/imports/response_import.hpp"
#include "server/registry/registry.hpp"
#include "server/routes/route_support.hpp"
#include "yardstick/sql/event_log.hpp"

namespace yardstick::server::routes {

namespace {

using http::beast_http::status;

// As the register's imports: bounded again by the request body limit.
constexpr std::size_t kMaxImportRows = 10'000;

/// What an import wrote, or the problems that kept it from writing anything.
using ImportOutcome = std::variant<nlohmann::json, std::vector<imports::RowProblem>>;

/// Records the import (who, what, how many) and commits; the answer's body.
nlohmann::json commit_import(pqxx::work& tx, const sql::StoredProgramme& programme, const std::string& actor,
                             nlohmann::json imported) {
    sql::append_event(tx, {programme.id, "responses.imported", actor, imported.dump()});
    tx.commit();
    return {{"imported", std::move(imported)}};
}

}  // namespace

boost::asio::awaitable<http::Response> import_responses(http::RequestContext context, ApiDependencies deps) {
    const auto type = media_type(context);
    if (type != "text/csv" && type != "application/zip") {
        auto problem = require_media_type(
            context, "text/csv",
            "Send a responses.csv as text/csv, or a data package (datapackage.zip) as application/zip.");
        problem->headers.clear();
        problem->headers.emplace_back(http::beast_http::field::accept, "text/csv, application/zip");
        co_return problem_response(context, *problem);
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    auto body = std::make_shared<std::string>(std::move(context.request.body()));
    if (type == "text/csv") {
        auto parsed = csv::parse_csv(*body, kMaxImportRows);
        if (!parsed.ok()) {
            std::vector<imports::RowProblem> problems;
            for (const auto& p : parsed.rejection().problems) {
                problems.push_back({p.row, {p.field, p.message}});
            }
            co_return import_refused(context, parsed.rejection().code, std::move(problems));
        }
    } else if (auto archive = exports::ZipReader::open_bytes(*body); !archive.ok()) {
        co_return import_refused(context, ErrorCode::invalid_argument, {{0, {"file", archive.error().message}}});
    }
    // Named first: GCC 12 destroys a capturing lambda twice when it is
    // created inside a co_await expression.
    auto work = [slug, actor, type, body, links = deps.links,
                 instruments = deps.instruments](pqxx::connection& connection) -> Result<ImportOutcome> {
        pqxx::work tx(connection);
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        if (type == "text/csv") {
            auto table = csv::parse_csv(*body, kMaxImportRows);
            auto tally = imports::import_response_rows(tx, *programme, table.table(),
                                                       imports::engagements_of_programme(tx, programme->id), links,
                                                       *instruments, actor);
            if (!tally.problems.empty()) {
                return ImportOutcome(std::move(tally.problems));  // rolled back: nothing written
            }
            return ImportOutcome(commit_import(
                tx, *programme, actor,
                {{"source", "responses.csv"}, {"responses", tally.responses}, {"invitations_issued", tally.invitations_issued}}));
        }
        auto archive = exports::ZipReader::open_bytes(*body);
        auto tally = imports::import_package(tx, *programme, archive.value(), links, *instruments, actor);
        if (!tally.responses.problems.empty()) {
            return ImportOutcome(std::move(tally.responses.problems));
        }
        return ImportOutcome(commit_import(tx, *programme, actor,
                                           {{"source", "datapackage.zip"},
                                            {"organisations", tally.organisations},
                                            {"participants", tally.participants},
                                            {"engagements", tally.engagements},
                                            {"invitations_issued", tally.responses.invitations_issued},
                                            {"responses", tally.responses.responses}}));
    };
    auto outcome = co_await deps.pool->run(std::move(work));
    if (!outcome.ok()) {
        co_return error_response(context, outcome.error());
    }
    if (auto* problems = std::get_if<std::vector<imports::RowProblem>>(&*outcome)) {
        co_return import_refused(context, ErrorCode::invalid_argument, std::move(*problems));
    }
    co_return json_response(context, status::ok, std::get<nlohmann::json>(*outcome));
}

}  // namespace yardstick::server::routes
