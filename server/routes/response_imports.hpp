#pragma once
// POST /api/v1/programmes/{slug}/imports/responses: answers collected
// elsewhere, all or nothing. text/csv: a responses.csv of the export's shape
// whose rows name engagements of this programme (by id or reference).
// application/zip: a whole data package (datapackage.zip), its register
// included, into a programme of the same template.

#include <boost/asio/awaitable.hpp>

#include "server/http/types.hpp"
#include "server/routes/api.hpp"

namespace yardstick::server::routes {

boost::asio::awaitable<http::Response> import_responses(http::RequestContext context, ApiDependencies deps);

}  // namespace yardstick::server::routes
