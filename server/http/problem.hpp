#pragma once
// Errors as application/problem+json (RFC 9457). The one table that maps the
// core's ErrorCodes to HTTP lives here.

#include <string>
#include <utility>
#include <vector>

#include "server/http/types.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::http {

/// A problem details object plus the headers its status requires
/// (Allow for 405, WWW-Authenticate for 401, Retry-After for 429 and 503).
struct Problem {
    beast_http::status status = beast_http::status::internal_server_error;
    std::string detail;
    std::vector<FieldError> errors;  ///< for 422/400: `{"field", "message"}`
    /// For imports: `{"row", "field", "message"}`, row as a spreadsheet counts (header = 1).
    std::vector<std::pair<int, FieldError>> row_errors;
    std::string type = "about:blank";
    std::vector<std::pair<beast_http::field, std::string>> headers;
};

/// The HTTP status for a core ErrorCode: invalid_argument → 422,
/// not_found → 404, already_exists/conflict → 409, failed_precondition → 409,
/// gone → 410, unauthenticated → 401, permission_denied → 403,
/// resource_exhausted → 429, unavailable → 503, internal → 500.
beast_http::status status_for(ErrorCode code) noexcept;

/// The Problem for an Error. An internal error's message is not shown to
/// the client (it goes to the log): the detail is a generic sentence.
Problem problem_from(const Error& error);

/// Renders the problem as a response: `title` is the status's reason phrase
/// (RFC 9457 §4.2.1 for about:blank), `instance` the request id.
Response make_problem_response(const Problem& problem, unsigned http_version, const std::string& request_id);

/// A JSON response with the given status.
Response make_json_response(beast_http::status status, const std::string& body, unsigned http_version);

}  // namespace yardstick::server::http
