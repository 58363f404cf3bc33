// GET /programmes/{slug}/indicators: what the programme's reports show, as
// its template declares it (server/templates/<template>/indicators.json).

#include <pqxx/pqxx>

#include "server/json/indicator_json.hpp"
#include "server/registry/registry.hpp"
#include "server/routes/api.hpp"
#include "server/routes/route_support.hpp"
#include "server/routes/transaction.hpp"
#include "server/templates/bundled_templates.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

asio::awaitable<http::Response> list_indicators(http::RequestContext context, ApiDependencies deps) {
    const auto slug = context.params.at("slug");
    // Named first: GCC 12 destroys a capturing lambda twice when it is created
    // inside a co_await expression (see in_transaction()).
    auto work = [slug](pqxx::work& tx) { return registry::require_programme(tx, slug); };
    const auto programme = co_await in_transaction(*deps.pool, std::move(work));
    if (!programme.ok()) {
        co_return error_response(context, programme.error());
    }
    const auto* source = templates::find_template(programme->template_key);
    if (source == nullptr) {
        co_return error_response(context, Error{ErrorCode::internal,
                                                "programme " + slug + " names the template " +
                                                    programme->template_key + ", which this server does not carry",
                                                {}});
    }
    auto indicators = nlohmann::json::array();
    for (const auto& indicator : source->indicators) {
        indicators.push_back(json::indicator_to_json(indicator));
    }
    co_return json_response(context, status::ok,
                            {{"programme", slug}, {"template", source->key}, {"indicators", std::move(indicators)}});
}

}  // namespace

void add_indicator_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    router.add({verb::get, "/api/v1/programmes/{slug}/indicators", Permission::staff_read,
                [deps](http::RequestContext context) { return list_indicators(std::move(context), deps); }});
}

}  // namespace yardstick::server::routes
