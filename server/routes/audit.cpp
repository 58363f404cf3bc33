// GET /api/v1/audit/verify: recomputes the event log's tamper-evident chain
// (docs/decisions.md §13) and says whether it is intact, as `yardstick
// verify` does. ?expect_head=SEQ:HEX also checks that a head published earlier
// (in a report or a manifest) is still on the chain.

#include "server/audit/chain_text.hpp"
#include "server/routes/api.hpp"
#include "server/routes/route_support.hpp"
#include "yardstick/sql/event_seals.hpp"

namespace yardstick::server::routes {
namespace {

namespace asio = boost::asio;
using http::beast_http::status;

asio::awaitable<http::Response> verify_chain(http::RequestContext context, ApiDependencies deps) {
    std::optional<sql::ChainHead> expected;
    if (const auto text = query_parameter(context, "expect_head")) {
        expected = audit::parse_head(*text);
        if (!expected) {
            co_return problem_response(
                context, bad_request("expect_head", "must be SEQ:HEX, a sequence number, a colon and 64 hex digits"));
        }
    }
    auto verify = [expected](pqxx::connection& connection) -> Result<sql::ChainVerdict> {
        return sql::verify_event_chain(connection, expected);
    };
    const auto verdict = co_await deps.pool->run(std::move(verify));
    if (!verdict.ok()) {
        co_return error_response(context, verdict.error());
    }
    // 200 either way: the check ran; its answer is in the body.
    co_return json_response(context, status::ok, audit::verdict_json(*verdict));
}

}  // namespace

void add_audit_routes(http::Router& router, const ApiDependencies& deps) {
    using http::Permission;
    using http::beast_http::verb;
    router.add({verb::get, "/api/v1/audit/verify", Permission::staff_read,
                [deps](http::RequestContext context) { return verify_chain(std::move(context), deps); }});
}

}  // namespace yardstick::server::routes
