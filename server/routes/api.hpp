#pragma once
// The /api/v1 routes and what they need from the running server.

#include "server/app/database_pool.hpp"
#include "server/collection/collection.hpp"
#include "server/collection/instrument_cache.hpp"
#include "server/collection/submission_writer.hpp"
#include "server/http/router.hpp"
#include "server/reports/report_versions.hpp"

namespace yardstick::server::routes {

struct ApiDependencies {
    DatabasePool* pool = nullptr;
    /// Reports and response exports read here: a streaming replica's pool,
    /// or `pool` itself (see replica_reads.hpp).
    DatabasePool* read_pool = nullptr;
    collection::InstrumentCache* instruments = nullptr;
    collection::FormLinkCache* form_links = nullptr;
    collection::SubmissionWriter* submissions = nullptr;
    collection::LinkSettings links;
    /// The report versions this node has heard of (live report streams).
    reports::ReportVersions* report_versions = nullptr;
};

void add_programme_routes(http::Router& router, const ApiDependencies& dependencies);
void add_registry_routes(http::Router& router, const ApiDependencies& dependencies);
void add_import_routes(http::Router& router, const ApiDependencies& dependencies);
void add_instrument_routes(http::Router& router, const ApiDependencies& dependencies);
void add_invitation_routes(http::Router& router, const ApiDependencies& dependencies);
void add_form_routes(http::Router& router, const ApiDependencies& dependencies);
void add_indicator_routes(http::Router& router, const ApiDependencies& dependencies);
void add_report_routes(http::Router& router, const ApiDependencies& dependencies);
void add_audit_routes(http::Router& router, const ApiDependencies& dependencies);
void add_export_routes(http::Router& router, const ApiDependencies& dependencies);
/// GET /programmes/{slug}/participants/{id}/data: a person's data for staff (right of access).
void add_personal_data_routes(http::Router& router, const ApiDependencies& dependencies);
/// POST /programmes/{slug}/participants/{id}/erasure: the right to erasure, for staff.
void add_erasure_routes(http::Router& router, const ApiDependencies& dependencies);
/// /programmes/{slug}/webhooks: subscriptions, and each one's delivery log.
void add_webhook_routes(http::Router& router, const ApiDependencies& dependencies);
/// Last: describes every route registered before it (and fails the test
/// that compares the two when one is missing).
void add_openapi_routes(http::Router& router);

/// The participants' HTML pages (/f/{token}, its stylesheet): not part of
/// the API, so registered after it and not in its OpenAPI description.
void add_participant_form_routes(http::Router& router, const ApiDependencies& dependencies);
/// GET /f/{token}/my-data: everything held about the link's person, as JSON.
void add_own_data_routes(http::Router& router, const ApiDependencies& dependencies);
/// GET and POST /f/{token}/withdraw: the person withdraws consent (an erasure with withdrawal).
void add_consent_withdrawal_routes(http::Router& router, const ApiDependencies& dependencies);

/// The impact dashboard of a programme for a signed-in browser
/// (/programmes/{slug}): a staff page, not part of the API.
void add_dashboard_routes(http::Router& router, const ApiDependencies& dependencies);

/// All of the above, in order.
void add_api_routes(http::Router& router, const ApiDependencies& dependencies);

}  // namespace yardstick::server::routes
