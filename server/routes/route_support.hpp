#pragma once
// What the API's handlers share: answering JSON and problems, reading a JSON
// body field by field (collecting every wrong field), paging, and running a
// transaction on the database pool.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/http/problem.hpp"
#include "server/http/types.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::routes {

/// Either a value or the problem to answer instead (for checks that need
/// statuses no ErrorCode names, such as 400 and 415).
template <typename T>
using Checked = std::variant<T, http::Problem>;

http::Response json_response(const http::RequestContext& context, http::beast_http::status status,
                             const nlohmann::json& body);
http::Response problem_response(const http::RequestContext& context, const http::Problem& problem);
http::Response error_response(const http::RequestContext& context, const Error& error);

/// 400 Bad Request naming the query parameter or header that is wrong.
http::Problem bad_request(std::string field, std::string message);

/// The request's media type without parameters, lower case ("text/csv").
std::string media_type(const http::RequestContext& context);

/// 415 with `detail` unless the request's media type is `expected`.
std::optional<http::Problem> require_media_type(const http::RequestContext& context, std::string_view expected,
                                                std::string detail);

/// An import refused, nothing written: 422 with every row's problems
/// (`errors: [{"row", "field", "message"}]`), or 413 when the file has more
/// rows than an import takes (resource_exhausted).
http::Response import_refused(const http::RequestContext& context, ErrorCode code,
                              std::vector<std::pair<int, FieldError>> problems);

/// The body as a JSON object: 415 unless Content-Type is application/json,
/// 400 when it is not JSON or not an object.
Checked<nlohmann::json> read_json_object(const http::RequestContext& context);

/// Reads the members of a JSON object, collecting one FieldError per wrong
/// member (unknown members included) so that a client learns everything at once.
class JsonFields {
public:
    JsonFields(const nlohmann::json& object, std::vector<std::string_view> allowed);

    /// A string member; "" (and an error if `required`) when absent.
    std::string text(std::string_view name, bool required = true);
    std::optional<std::string> optional_text(std::string_view name);
    /// A positive integer id; 0 (and an error) when absent or wrong.
    std::int64_t id(std::string_view name);
    std::optional<std::int64_t> optional_id(std::string_view name);
    /// An integer within [min, max] when present.
    std::optional<std::int64_t> optional_integer(std::string_view name, std::int64_t min, std::int64_t max);
    /// A JSON boolean when present.
    std::optional<bool> optional_boolean(std::string_view name);

    void add_error(std::string field, std::string message);
    const std::vector<FieldError>& errors() const { return errors_; }
    /// invalid_argument with every error, or success.
    Status status() const;

private:
    const nlohmann::json* member(std::string_view name);

    const nlohmann::json& object_;
    std::vector<FieldError> errors_;
};

/// `?limit=&cursor=`: limit 1..500 (default 50), cursor the opaque value of
/// a previous page's `next_cursor`.
struct PageRequest {
    std::int64_t after_id = 0;
    std::int64_t limit = 50;
};
Checked<PageRequest> read_page(const http::RequestContext& context);

/// One query parameter's decoded value, if present.
std::optional<std::string> query_parameter(const http::RequestContext& context, std::string_view name);

/// `{"items": [...], "next_cursor": "…" | null}` for rows with ids; the
/// cursor is given when the page is full.
nlohmann::json page_json(nlohmann::json items, std::int64_t last_id, bool full);

/// Parses a path id such as {id}: a positive decimal integer.
std::optional<std::int64_t> parse_id(std::string_view text);

}  // namespace yardstick::server::routes
