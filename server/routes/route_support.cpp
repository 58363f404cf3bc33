#include "server/routes/route_support.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

namespace yardstick::server::routes {
namespace {

namespace beast_http = http::beast_http;

std::string json_type_name(const nlohmann::json& value) {
    if (value.is_number_integer()) {
        return "an integer";
    }
    return std::string("a ") + value.type_name();
}

// The cursor is opaque to clients; today it is "i" followed by the last id.
std::string encode_cursor(std::int64_t last_id) {
    return "i" + std::to_string(last_id);
}

}  // namespace

http::Response json_response(const http::RequestContext& context, beast_http::status status,
                             const nlohmann::json& body) {
    return http::make_json_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                                    context.request.version());
}

http::Response problem_response(const http::RequestContext& context, const http::Problem& problem) {
    return http::make_problem_response(problem, context.request.version(), context.request_id);
}

http::Response error_response(const http::RequestContext& context, const Error& error) {
    return problem_response(context, http::problem_from(error));
}

http::Problem bad_request(std::string field, std::string message) {
    http::Problem problem;
    problem.status = beast_http::status::bad_request;
    problem.detail = field + ": " + message;
    problem.errors.push_back({std::move(field), std::move(message)});
    return problem;
}

std::string media_type(const http::RequestContext& context) {
    std::string_view type = context.request[beast_http::field::content_type];
    type = type.substr(0, type.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) {
        type.remove_suffix(1);
    }
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) {
        type.remove_prefix(1);
    }
    std::string lower(type);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

std::optional<http::Problem> require_media_type(const http::RequestContext& context, std::string_view expected,
                                                std::string detail) {
    if (media_type(context) == expected) {
        return std::nullopt;
    }
    http::Problem problem;
    problem.status = beast_http::status::unsupported_media_type;
    problem.detail = std::move(detail);
    problem.errors.push_back({"Content-Type", "must be " + std::string(expected)});
    problem.headers.emplace_back(beast_http::field::accept, std::string(expected));
    return problem;
}

http::Response import_refused(const http::RequestContext& context, ErrorCode code,
                              std::vector<std::pair<int, FieldError>> problems) {
    http::Problem problem;
    // Too many rows is the file's size, not a rate: 413, not 429.
    problem.status =
        code == ErrorCode::resource_exhausted ? beast_http::status::payload_too_large : beast_http::status::unprocessable_entity;
    problem.detail = "Nothing was imported: " + std::to_string(problems.size()) + " problem" +
                     (problems.size() == 1 ? "" : "s") + " in the file.";
    problem.row_errors = std::move(problems);
    return problem_response(context, problem);
}

Checked<nlohmann::json> read_json_object(const http::RequestContext& context) {
    if (auto problem = require_media_type(context, "application/json", "Send the body as application/json.")) {
        return std::move(*problem);
    }
    auto body = nlohmann::json::parse(context.request.body(), nullptr, false);
    if (body.is_discarded()) {
        return bad_request("body", "is not valid JSON");
    }
    if (!body.is_object()) {
        return bad_request("body", "must be a JSON object");
    }
    return body;
}

JsonFields::JsonFields(const nlohmann::json& object, std::vector<std::string_view> allowed) : object_(object) {
    for (const auto& [name, value] : object_.items()) {
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            add_error(name, "unknown field");
        }
    }
}

const nlohmann::json* JsonFields::member(std::string_view name) {
    const auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

std::string JsonFields::text(std::string_view name, bool required) {
    const auto* value = member(name);
    if (value == nullptr) {
        if (required) {
            add_error(std::string(name), "is required");
        }
        return {};
    }
    if (!value->is_string()) {
        add_error(std::string(name), "must be a string, not " + json_type_name(*value));
        return {};
    }
    return value->get<std::string>();
}

std::optional<std::string> JsonFields::optional_text(std::string_view name) {
    if (member(name) == nullptr) {
        return std::nullopt;
    }
    return text(name, true);
}

std::int64_t JsonFields::id(std::string_view name) {
    const auto value = optional_id(name);
    if (!value && member(name) == nullptr) {
        add_error(std::string(name), "is required");
    }
    return value.value_or(0);
}

std::optional<std::int64_t> JsonFields::optional_id(std::string_view name) {
    const auto* value = member(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_number_integer() || value->get<std::int64_t>() <= 0 ||
        (value->is_number_unsigned() &&
         value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
        add_error(std::string(name), "must be a positive integer id");
        return std::nullopt;
    }
    return value->get<std::int64_t>();
}

std::optional<std::int64_t> JsonFields::optional_integer(std::string_view name, std::int64_t min, std::int64_t max) {
    const auto* value = member(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_number_integer() || value->get<std::int64_t>() < min || value->get<std::int64_t>() > max) {
        add_error(std::string(name),
                  "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return value->get<std::int64_t>();
}

std::optional<bool> JsonFields::optional_boolean(std::string_view name) {
    const auto* value = member(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_boolean()) {
        add_error(std::string(name), "must be true or false");
        return std::nullopt;
    }
    return value->get<bool>();
}

void JsonFields::add_error(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
}

Status JsonFields::status() const {
    if (errors_.empty()) {
        return {};
    }
    Error error{ErrorCode::invalid_argument, "The request has invalid fields.", errors_};
    if (errors_.size() == 1) {
        error.message = errors_.front().field + ": " + errors_.front().message;
    }
    return error;
}

std::optional<std::string> query_parameter(const http::RequestContext& context, std::string_view name) {
    if (!boost::urls::parse_query(context.query)) {
        return std::nullopt;
    }
    // Decoded view: percent-escapes and '+' as space are resolved.
    const boost::urls::params_view params(context.query);
    for (const auto& param : params) {
        if (param.key == name) {
            return std::string(param.value);
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0 || text.front() == '+') {
        return std::nullopt;
    }
    return value;
}

Checked<PageRequest> read_page(const http::RequestContext& context) {
    PageRequest page;
    if (const auto limit = query_parameter(context, "limit")) {
        const auto value = parse_id(*limit);
        if (!value || *value > 500) {
            return bad_request("limit", "must be a whole number from 1 to 500");
        }
        page.limit = *value;
    }
    if (const auto cursor = query_parameter(context, "cursor")) {
        const auto value = cursor->starts_with("i") ? parse_id(std::string_view(*cursor).substr(1)) : std::nullopt;
        if (!value) {
            return bad_request("cursor", "is not a cursor this server handed out");
        }
        page.after_id = *value;
    }
    return page;
}

nlohmann::json page_json(nlohmann::json items, std::int64_t last_id, bool full) {
    return {{"items", std::move(items)}, {"next_cursor", full ? nlohmann::json(encode_cursor(last_id)) : nullptr}};
}

}  // namespace yardstick::server::routes
