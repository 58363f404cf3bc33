// GET /api/v1/openapi.json: the API's description, for anyone. The text is served as compiled in; that it
// parses and describes exactly the registered routes is checked by the unit tests, not at every start.

#include "server/routes/openapi.hpp"

#include "server/http/problem.hpp"
#include "server/routes/api.hpp"

namespace yardstick::server::routes {
namespace {

boost::asio::awaitable<http::Response> openapi(http::RequestContext context) {
    co_return http::make_json_response(http::beast_http::status::ok, std::string(openapi_document()),
                                       context.request.version());
}

}  // namespace

void add_openapi_routes(http::Router& router) {
    router.add({http::beast_http::verb::get, "/api/v1/openapi.json", http::Permission::anyone, openapi});
}

}  // namespace yardstick::server::routes
