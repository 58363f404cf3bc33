#include "server/http/problem.hpp"

#include <nlohmann/json.hpp>

namespace yardstick::server::http {

beast_http::status status_for(ErrorCode code) noexcept {
    using beast_http::status;
    switch (code) {
        case ErrorCode::invalid_argument:
            return status::unprocessable_entity;
        case ErrorCode::not_found:
            return status::not_found;
        case ErrorCode::already_exists:
            return status::conflict;
        case ErrorCode::conflict:
            return status::conflict;
        case ErrorCode::failed_precondition:
            return status::conflict;
        case ErrorCode::gone:
            return status::gone;
        case ErrorCode::unauthenticated:
            return status::unauthorized;
        case ErrorCode::permission_denied:
            return status::forbidden;
        case ErrorCode::resource_exhausted:
            return status::too_many_requests;
        case ErrorCode::unavailable:
            return status::service_unavailable;
        case ErrorCode::internal:
            return status::internal_server_error;
    }
    return status::internal_server_error;
}

Problem problem_from(const Error& error) {
    Problem problem;
    problem.status = status_for(error.code);
    problem.errors = error.fields;
    if (error.code == ErrorCode::internal) {
        problem.detail = "The server could not complete the request. The request id identifies it in the server log.";
    } else {
        problem.detail = error.message;
    }
    if (error.code == ErrorCode::unauthenticated) {
        problem.headers.emplace_back(beast_http::field::www_authenticate, "Bearer realm=\"yardstick\"");
    }
    if (error.code == ErrorCode::resource_exhausted || error.code == ErrorCode::unavailable) {
        problem.headers.emplace_back(beast_http::field::retry_after, "1");
    }
    return problem;
}

Response make_json_response(beast_http::status status, const std::string& body, unsigned http_version) {
    Response response{status, http_version};
    response.set(beast_http::field::content_type, "application/json");
    response.set(beast_http::field::cache_control, "no-store");
    response.body() = body;
    response.prepare_payload();
    return response;
}

Response make_problem_response(const Problem& problem, unsigned http_version, const std::string& request_id) {
    nlohmann::json body = {
        {"type", problem.type},
        {"title", std::string(beast_http::obsolete_reason(problem.status))},
        {"status", static_cast<unsigned>(problem.status)},
        {"detail", problem.detail},
    };
    if (!request_id.empty()) {
        body["instance"] = "urn:yardstick:request:" + request_id;
    }
    if (!problem.errors.empty() || !problem.row_errors.empty()) {
        auto& errors = body["errors"] = nlohmann::json::array();
        for (const auto& e : problem.errors) {
            errors.push_back({{"field", e.field}, {"message", e.message}});
        }
        for (const auto& [row, e] : problem.row_errors) {
            errors.push_back({{"row", row}, {"field", e.field}, {"message", e.message}});
        }
    }
    Response response{problem.status, http_version};
    response.set(beast_http::field::content_type, "application/problem+json");
    response.set(beast_http::field::cache_control, "no-store");
    for (const auto& [field, value] : problem.headers) {
        response.set(field, value);
    }
    response.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    response.prepare_payload();
    return response;
}

}  // namespace yardstick::server::http
