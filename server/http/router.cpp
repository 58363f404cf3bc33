#include "server/http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace yardstick::server::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    if (path.empty() || path.front() != '/') {
        return segments;
    }
    path.remove_prefix(1);
    while (true) {
        const auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool is_parameter(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Matches pattern segments against path segments, filling params.
bool match_segments(const std::vector<std::string_view>& pattern, const std::vector<std::string_view>& path,
                    RouteParams& params) {
    if (pattern.size() != path.size()) {
        return false;
    }
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (is_parameter(pattern[i])) {
            if (path[i].empty()) {
                return false;
            }
            params.emplace(std::string(pattern[i].substr(1, pattern[i].size() - 2)), std::string(path[i]));
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

void Router::add(Route route) {
    if (!route.permission) {
        throw std::invalid_argument("route " + std::string(beast_http::to_string(route.method)) + " " + route.pattern +
                                    " declares no permission");
    }
    if (route.pattern.empty() || route.pattern.front() != '/') {
        throw std::invalid_argument("route pattern must be an absolute path: " + route.pattern);
    }
    if (!route.handler) {
        throw std::invalid_argument("route " + route.pattern + " has no handler");
    }
    for (const auto& existing : routes_) {
        if (existing.method == route.method && existing.pattern == route.pattern) {
            throw std::invalid_argument("route declared twice: " + route.pattern);
        }
    }
    routes_.push_back(std::move(route));
}

RouteMatch Router::match(beast_http::verb method, std::string_view path) const {
    RouteMatch result;
    const auto path_segments = split_path(path);
    const auto wanted = method == beast_http::verb::head ? beast_http::verb::get : method;
    for (const auto& route : routes_) {
        RouteParams params;
        if (!match_segments(split_path(route.pattern), path_segments, params)) {
            continue;
        }
        result.allowed.push_back(route.method);
        if (route.method == beast_http::verb::get) {
            result.allowed.push_back(beast_http::verb::head);
        }
        // Literal routes are declared before parameterised ones that overlap.
        if (route.method == wanted && result.route == nullptr) {
            result.route = &route;
            result.params = std::move(params);
        }
    }
    return result;
}

std::string_view to_string(Permission permission) noexcept {
    switch (permission) {
        case Permission::anyone:
            return "anyone";
        case Permission::invitation_token:
            return "invitation_token";
        case Permission::staff_read:
            return "staff_read";
        case Permission::staff_write:
            return "staff_write";
        case Permission::staff_export:
            return "staff_export";
    }
    return "unknown";
}

bool sees_identities(const Principal& principal, std::string_view programme) {
    return principal.holds("manager", programme) || principal.holds("identity-export", programme);
}

Status authorise(const Principal& principal, Permission permission, std::string_view programme) {
    if (permission == Permission::anyone || permission == Permission::invitation_token) {
        return {};
    }
    const bool writing = permission == Permission::staff_write;
    const std::vector<std::string> scopes = writing ? std::vector<std::string>{"write"}
                                            : permission == Permission::staff_export
                                                ? std::vector<std::string>{"read", "export"}
                                                : std::vector<std::string>{"read"};
    for (const auto& scope : scopes) {
        if (std::find(principal.scopes.begin(), principal.scopes.end(), scope) == principal.scopes.end()) {
            return Error{ErrorCode::permission_denied, "This token's scopes do not include '" + scope + "'.", {}};
        }
    }
    if (principal.is_admin()) {
        return {};
    }
    if (programme.empty()) {
        if (writing) {
            return Error{ErrorCode::permission_denied, "Only an admin may do this.", {}};
        }
        return {};
    }
    const bool allowed = principal.holds("manager", programme) || (!writing && principal.holds("auditor", programme));
    if (!allowed) {
        return Error{ErrorCode::permission_denied,
                     std::string(writing ? "Changing" : "Reading") + " programme '" + std::string(programme) +
                         "' needs the role " + (writing ? "manager" : "manager or auditor") + " for it.",
                     {}};
    }
    return {};
}

std::string allow_header(const std::vector<beast_http::verb>& methods) {
    std::vector<std::string> names;
    for (auto m : methods) {
        std::string name(beast_http::to_string(m));
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(std::move(name));
        }
    }
    std::string header;
    for (const auto& name : names) {
        header += (header.empty() ? "" : ", ") + name;
    }
    return header;
}

}  // namespace yardstick::server::http
