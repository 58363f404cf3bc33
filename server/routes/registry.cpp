// /api/v1/programmes/{slug}/{organisations|participants|engagements}:
// create one (201), list a page, show one; and
// /api/v1/programmes/{slug}/imports/{resource}: create many from CSV, all or nothing.

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/csv/csv_table.hpp"
#include "server/privacy/identities.hpp"
#include "server/registry/registry.hpp"
#include "server/routes/api.hpp"
#include "server/routes/registry_input.hpp"
#include "server/routes/response_imports.hpp"
#include "server/routes/registry_json.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/transaction.hpp"
#include "yardstick/sql/engagements.hpp"
#include "yardstick/sql/organisations.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

// At most this many data rows per import; larger files are split by the client.
constexpr std::size_t kMaxImportRows = 10'000;

struct ResourceSpec {
    RegistryResource resource;
    const char* name;  ///< path segment
};
constexpr ResourceSpec kResources[] = {{RegistryResource::organisations, "organisations"},
                                       {RegistryResource::participants, "participants"},
                                       {RegistryResource::engagements, "engagements"}};

// A participant as JSON, with the name and e-mail address opened when
// `master` is given (those who may see identities), null otherwise.
Result<nlohmann::json> participant_row(sql::StoredParticipant row, const security::MasterKey* master) {
    if (master != nullptr) {
        if (auto revealed = privacy::reveal(*master, row); !revealed.ok()) {
            return revealed.error();
        }
    }
    return participant_json(row);
}

// Rows of a page as JSON, with the last id for the cursor.
Result<std::pair<nlohmann::json, std::int64_t>> list_rows(pqxx::transaction_base& tx, RegistryResource resource,
                                                          std::int64_t programme_id, const PageRequest& page,
                                                          const security::MasterKey* master) {
    auto items = nlohmann::json::array();
    std::int64_t last = 0;
    const auto add = [&](const auto& rows, auto to_json) {
        for (const auto& row : rows) {
            items.push_back(to_json(row));
            last = row.id;
        }
    };
    if (resource == RegistryResource::participants) {
        for (auto& row : sql::list_participants(tx, programme_id, page.after_id, page.limit)) {
            last = row.id;
            auto json = participant_row(std::move(row), master);
            if (!json.ok()) {
                return json.error();
            }
            items.push_back(std::move(json).value());
        }
        return std::make_pair(std::move(items), last);
    }
    switch (resource) {
        case RegistryResource::organisations:
            add(sql::list_organisations(tx, programme_id, page.after_id, page.limit), organisation_json);
            break;
        case RegistryResource::participants:
            break;  // above
        case RegistryResource::engagements:
            add(sql::list_engagements(tx, programme_id, page.after_id, page.limit), engagement_json);
            break;
    }
    return std::make_pair(std::move(items), last);
}

Result<nlohmann::json> find_row(pqxx::transaction_base& tx, RegistryResource resource, std::int64_t programme_id,
                                std::int64_t id, const security::MasterKey* master = nullptr) {
    std::optional<nlohmann::json> found;
    switch (resource) {
        case RegistryResource::organisations:
            if (auto row = sql::find_organisation(tx, programme_id, id)) {
                found = organisation_json(*row);
            }
            break;
        case RegistryResource::participants:
            if (auto row = sql::find_participant(tx, programme_id, id)) {
                auto json = participant_row(std::move(*row), master);
                if (!json.ok()) {
                    return json.error();
                }
                found = std::move(json).value();
            }
            break;
        case RegistryResource::engagements:
            if (auto row = sql::find_engagement(tx, programme_id, id)) {
                found = engagement_json(*row);
            }
            break;
    }
    if (!found) {
        return Error{ErrorCode::not_found, "There is no such row in this programme.", {}};
    }
    return std::move(*found);
}

asio::awaitable<http::Response> create_row(http::RequestContext context, ApiDependencies deps, ResourceSpec spec) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [slug, actor, spec, master = deps.links.master_key,
                 object = std::get<nlohmann::json>(std::move(body))](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        auto id = create_registry_row(tx, spec.resource, *programme, object, actor, *master);
        if (!id.ok()) {
            return id.error();
        }
        return find_row(tx, spec.resource, programme->id, *id, master);
    };
    auto created = co_await in_transaction(*deps.pool, std::move(work));
    if (!created.ok()) {
        co_return error_response(context, created.error());
    }
    auto response = json_response(context, status::created, *created);
    response.set(http::beast_http::field::location, "/api/v1/programmes/" + slug + "/" + spec.name + "/" +
                                                        std::to_string((*created)["id"].get<std::int64_t>()));
    co_return response;
}

// A person's name and e-mail address are for those who run the programme
// and those granted identity-export; an auditor without that grant sees the
// participant with both as null (identity_withheld: true).
void withhold_identity_unless_allowed(const http::RequestContext& context, ResourceSpec spec, nlohmann::json& row) {
    if (spec.resource != RegistryResource::participants ||
        http::sees_identities(*context.principal, context.params.at("slug"))) {
        return;
    }
    row["name"] = nullptr;
    row["email"] = nullptr;
    row["identity_withheld"] = true;
}

asio::awaitable<http::Response> list(http::RequestContext context, ApiDependencies deps, ResourceSpec spec) {
    const auto page = read_page(context);
    if (const auto* problem = std::get_if<http::Problem>(&page)) {
        co_return problem_response(context, *problem);
    }
    const auto request = std::get<PageRequest>(page);
    const auto slug = context.params.at("slug");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    const security::MasterKey* master =
        http::sees_identities(*context.principal, slug) ? deps.links.master_key : nullptr;
    auto work = [slug, spec, request, master](pqxx::work& tx) -> Result<std::pair<nlohmann::json, std::int64_t>> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        return list_rows(tx, spec.resource, programme->id, request, master);
    };
    auto rows = co_await in_transaction(*deps.pool, std::move(work));
    if (!rows.ok()) {
        co_return error_response(context, rows.error());
    }
    const bool full = static_cast<std::int64_t>(rows->first.size()) == request.limit;
    for (auto& item : rows->first) {
        withhold_identity_unless_allowed(context, spec, item);
    }
    co_return json_response(context, status::ok, page_json(std::move(rows->first), rows->second, full));
}

asio::awaitable<http::Response> show(http::RequestContext context, ApiDependencies deps, ResourceSpec spec) {
    const auto id = parse_id(context.params.at("id"));
    if (!id) {
        co_return error_response(context, Error{ErrorCode::not_found, "There is no such row in this programme.", {}});
    }
    const auto slug = context.params.at("slug");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    const security::MasterKey* master =
        http::sees_identities(*context.principal, slug) ? deps.links.master_key : nullptr;
    auto work = [slug, spec, id = *id, master](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        return find_row(tx, spec.resource, programme->id, id, master);
    };
    auto row = co_await in_transaction(*deps.pool, std::move(work));
    if (!row.ok()) {
        co_return error_response(context, row.error());
    }
    withhold_identity_unless_allowed(context, spec, *row);
    co_return json_response(context, status::ok, *row);
}

// A CSV row as the JSON object the API would have received: empty cells are
// absent, id columns are numbers when they look like numbers.
nlohmann::json row_object(const csv::CsvTable& table, const csv::CsvRow& row) {
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        const auto& name = table.header[i];
        const auto& cell = row.cells[i];
        if (cell.empty()) {
            continue;
        }
        if (is_id_field(name)) {
            const auto id = parse_id(cell);
            object[name] = id ? nlohmann::json(*id) : nlohmann::json(cell);
        } else {
            object[name] = cell;
        }
    }
    return object;
}

struct ImportFailure {
    ErrorCode code = ErrorCode::invalid_argument;
    std::vector<std::pair<int, FieldError>> problems;
};
// Rows created, or why nothing was.
using ImportOutcome = std::variant<std::int64_t, ImportFailure>;

asio::awaitable<http::Response> import_rows(http::RequestContext context, ApiDependencies deps) {
    const auto& name = context.params.at("resource");
    if (name == "responses") {
        co_return co_await import_responses(std::move(context), std::move(deps));
    }
    const ResourceSpec* spec = nullptr;
    for (const auto& candidate : kResources) {
        if (name == candidate.name) {
            spec = &candidate;
        }
    }
    if (spec == nullptr) {
        co_return error_response(
            context, Error{ErrorCode::not_found,
                           "Imports exist for organisations, participants, engagements and responses.", {}});
    }
    if (auto problem = require_media_type(context, "text/csv", "Send the rows as text/csv with a header row.")) {
        co_return problem_response(context, *problem);
    }
    auto parsed = csv::parse_csv(context.request.body(), kMaxImportRows);
    const auto refuse = [&](ErrorCode code, std::vector<std::pair<int, FieldError>> problems) {
        return import_refused(context, code, std::move(problems));
    };
    if (!parsed.ok()) {
        std::vector<std::pair<int, FieldError>> problems;
        for (const auto& p : parsed.rejection().problems) {
            problems.push_back({p.row, {p.field, p.message}});
        }
        co_return refuse(parsed.rejection().code, std::move(problems));
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    auto table = std::move(parsed).table();
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [slug, actor, spec = *spec, master = deps.links.master_key,
                 table = std::move(table)](pqxx::connection& connection) -> Result<ImportOutcome> {
        pqxx::work tx(connection);
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        const auto fields = resource_fields(spec.resource, programme->programme.kind);
        ImportFailure failure;
        for (const auto& p : csv::check_columns(table, fields.required, fields.optional)) {
            failure.problems.push_back({p.row, {p.field, p.message}});
        }
        if (!failure.problems.empty()) {
            return ImportOutcome(std::move(failure));
        }
        std::int64_t created = 0;
        for (const auto& row : table.rows) {
            // A savepoint per row keeps the transaction usable after a
            // row the database refuses, so every bad row is reported.
            pqxx::subtransaction row_tx(tx, "import_row");
            auto id = create_registry_row(row_tx, spec.resource, *programme, row_object(table, row), actor,
                                          *master);
            if (id.ok()) {
                row_tx.commit();
                ++created;
                continue;
            }
            if (id.error().code != ErrorCode::invalid_argument && id.error().code != ErrorCode::already_exists) {
                return id.error();
            }
            if (id.error().fields.empty()) {
                failure.problems.push_back({row.row, {"", id.error().message}});
            }
            for (const auto& field : id.error().fields) {
                failure.problems.push_back({row.row, field});
            }
            if (failure.problems.size() >= 500) {
                break;
            }
        }
        if (!failure.problems.empty()) {
            return ImportOutcome(std::move(failure));  // the transaction rolls back: nothing is created
        }
        tx.commit();
        return ImportOutcome(created);
    };
    auto outcome = co_await deps.pool->run(std::move(work));
    if (!outcome.ok()) {
        co_return error_response(context, outcome.error());
    }
    if (auto* failure = std::get_if<ImportFailure>(&*outcome)) {
        co_return refuse(failure->code, std::move(failure->problems));
    }
    co_return json_response(context, status::ok, {{"created", std::get<std::int64_t>(*outcome)}});
}

// The same error with its field `from` called `to`.
Error rename_field(Error error, std::string_view from, const std::string& to) {
    for (auto& wrong : error.fields) {
        if (wrong.field == from) {
            wrong.field = to;
        }
    }
    return error;
}

// POST …/engagements/{id}/transitions {"to"} and its older spelling
// POST …/engagements/{id}/status {"status"}: the member that names the new
// status is `field`.
asio::awaitable<http::Response> change_status(http::RequestContext context, ApiDependencies deps,
                                              std::string field) {
    auto body = read_json_object(context);
    if (auto* problem = std::get_if<http::Problem>(&body)) {
        co_return problem_response(context, *problem);
    }
    JsonFields fields(std::get<nlohmann::json>(body), {field});
    const auto status_text = fields.text(field);
    if (auto valid = fields.status(); !valid.ok()) {
        co_return error_response(context, valid.error());
    }
    const auto id = parse_id(context.params.at("id"));
    if (!id) {
        co_return error_response(context, Error{ErrorCode::not_found, "There is no such engagement.", {}});
    }
    const auto slug = context.params.at("slug");
    const auto actor = context.principal->actor();
    auto work = [slug, actor, status_text, field, id = *id](pqxx::work& tx) -> Result<nlohmann::json> {
        auto programme = registry::require_programme(tx, slug);
        if (!programme.ok()) {
            return programme.error();
        }
        auto changed = registry::change_engagement_status(tx, *programme, id, status_text, actor);
        if (!changed.ok()) {
            return rename_field(changed.error(), "status", field);
        }
        return find_row(tx, RegistryResource::engagements, programme->id, id);
    };
    auto changed = co_await in_transaction(*deps.pool, std::move(work));
    if (!changed.ok()) {
        co_return error_response(context, changed.error());
    }
    co_return json_response(context, status::ok, *changed);
}

}  // namespace

void add_registry_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    for (const auto& spec : kResources) {
        const std::string base = std::string("/api/v1/programmes/{slug}/") + spec.name;
        router.add({verb::post, base, Permission::staff_write,
                    [deps, spec](http::RequestContext c) { return create_row(std::move(c), deps, spec); }});
        router.add({verb::get, base, Permission::staff_read,
                    [deps, spec](http::RequestContext c) { return list(std::move(c), deps, spec); }});
        router.add({verb::get, base + "/{id}", Permission::staff_read,
                    [deps, spec](http::RequestContext c) { return show(std::move(c), deps, spec); }});
    }
    router.add({verb::post, "/api/v1/programmes/{slug}/engagements/{id}/transitions", Permission::staff_write,
                [deps](http::RequestContext c) { return change_status(std::move(c), deps, "to"); }});
    router.add({verb::post, "/api/v1/programmes/{slug}/engagements/{id}/status", Permission::staff_write,
                [deps](http::RequestContext c) { return change_status(std::move(c), deps, "status"); }});
}

void add_import_routes(http::Router& router, const ApiDependencies& deps) {
    router.add({http::beast_http::verb::post, "/api/v1/programmes/{slug}/imports/{resource}",
                http::Permission::staff_write,
                [deps](http::RequestContext c) { return import_rows(std::move(c), deps); }});
}

}  // namespace yardstick::server::routes
