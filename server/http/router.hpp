#pragma once
// The route table: method + path pattern → handler, with the permission each
// route declares next to it. A route without a declared permission is
// refused when the table is built, so the server does not start.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "server/http/types.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::http {

/// Who may call a route. Staff permissions are checked by the Application
/// before the handler runs (401 without a valid bearer token, 403 for a role
/// that lacks the permission); invitation routes are authorised by the
/// token in their path, which the handler itself looks up (404 / 410).
enum class Permission {
    anyone,            ///< no credentials: health, readiness, metrics, the API description
    invitation_token,  ///< a participant's personal link: the token in the path is the credential
    staff_read,        ///< a staff bearer token of any role (admin, manager, auditor)
    staff_write,       ///< a staff bearer token of a role that may change data (admin, manager)
    staff_export,      ///< as staff_read, and the token's scopes include `export` (raw data for auditors)
};

/// Whether a route with this permission needs staff credentials.
constexpr bool is_staff(Permission permission) noexcept {
    return permission == Permission::staff_read || permission == Permission::staff_write ||
           permission == Permission::staff_export;
}

/// Stable name of a permission, e.g. "staff_write" (OpenAPI, logs).
std::string_view to_string(Permission permission) noexcept;

/// Whether `principal` may call a route that declares `permission`, for the
/// programme with slug `programme` (the route's {slug}; empty for a route
/// outside any programme). Admins may do everything; a manager reads and
/// writes in their programmes, an auditor reads in theirs; outside a
/// programme every staff member may read (handlers show only what they may
/// see) and only admins may write. The token's scopes narrow this: reading
/// needs `read`, writing `write`, exporting `read` and `export`.
/// permission_denied says why not.
Status authorise(const Principal& principal, Permission permission, std::string_view programme);

/// Whether `principal` may see who the people of programme `programme` are
/// (names, e-mail addresses): admins, its managers, and holders of its
/// identity-export grant; not its auditors otherwise.
bool sees_identities(const Principal& principal, std::string_view programme);

using Handler = std::function<boost::asio::awaitable<Response>(RequestContext)>;

struct Route {
    beast_http::verb method = beast_http::verb::get;
    /// Absolute path; `{name}` matches one non-empty segment, e.g.
    /// /api/v1/programmes/{slug}. Also the route's label in metrics and logs.
    std::string pattern;
    std::optional<Permission> permission;
    Handler handler;
    /// A staff page for people in a browser: without valid credentials it
    /// answers 303 to /login (which comes back here after signing in)
    /// instead of 401.
    bool for_browsers = false;
};

/// What the router found for a request.
struct RouteMatch {
    const Route* route = nullptr;  ///< null: no route for this method
    RouteParams params;
    std::vector<beast_http::verb> allowed;  ///< methods the path supports (for 405's Allow)
};

class Router {
public:
    /// Adds a route. Throws std::invalid_argument when the route declares no
    /// permission, has a malformed pattern, or duplicates another.
    void add(Route route);

    /// Matches a decoded path. HEAD matches GET routes.
    RouteMatch match(beast_http::verb method, std::string_view path) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

/// "GET, HEAD" for an Allow header.
std::string allow_header(const std::vector<beast_http::verb>& methods);

}  // namespace yardstick::server::http
