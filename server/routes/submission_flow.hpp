#pragma once
// A submission through a personal link, as both the JSON API
// (POST /api/v1/forms/{token}/submission) and the web form (the check page's
// Submit) make it: the link and instrument from the caches (read once on a
// miss), validation, then the batched write (collection::SubmissionWriter).

#include <string>

#include <boost/asio/awaitable.hpp>

#include "server/collection/collection.hpp"
#include "server/routes/api.hpp"

namespace yardstick::server::routes {

/// The version written (or replayed), or the Error to answer: not_found,
/// invalid_argument with every wrong field, conflict, gone, or a database
/// failure. Answers only once the write is committed.
boost::asio::awaitable<Result<collection::SubmissionOutcome>> submit_through_link(ApiDependencies deps,
                                                                                  std::string token,
                                                                                  collection::Submission submission);

}  // namespace yardstick::server::routes
