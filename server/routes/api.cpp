#include "server/routes/api.hpp"

namespace yardstick::server::routes {

void add_api_routes(http::Router& router, const ApiDependencies& dependencies) {
    add_programme_routes(router, dependencies);
    add_registry_routes(router, dependencies);
    add_import_routes(router, dependencies);
    add_instrument_routes(router, dependencies);
    add_indicator_routes(router, dependencies);
    add_report_routes(router, dependencies);
    add_audit_routes(router, dependencies);
    add_export_routes(router, dependencies);
    add_personal_data_routes(router, dependencies);
    add_erasure_routes(router, dependencies);
    add_webhook_routes(router, dependencies);
    add_invitation_routes(router, dependencies);
    add_form_routes(router, dependencies);
    add_openapi_routes(router);
}

}  // namespace yardstick::server::routes
