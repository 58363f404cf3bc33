#pragma once
// Operations endpoints: /healthz (the process is alive), /readyz (the
// database answers and its schema is current), /metrics (Prometheus).

#include "server/app/database_pool.hpp"
#include "server/http/metrics.hpp"
#include "server/http/router.hpp"

namespace yardstick::server::routes {

struct OperationsDependencies {
    DatabasePool* pool = nullptr;
    http::HttpMetrics* metrics = nullptr;
};

void add_operations_routes(http::Router& router, OperationsDependencies dependencies);

}  // namespace yardstick::server::routes
