#pragma once
// The staff's pages in a browser: signing in and out (/login, /logout) and
// the home page listing the programmes the person may see (/).

#include "server/app/database_pool.hpp"
#include "server/auth/login_throttle.hpp"
#include "server/http/router.hpp"
#include "yardstick/sql/staff_sessions.hpp"

namespace yardstick::server::routes {

struct StaffPageDependencies {
    DatabasePool* pool = nullptr;
    auth::LoginThrottle* throttle = nullptr;
    sql::SessionExpiry expiry;
};

void add_staff_page_routes(http::Router& router, const StaffPageDependencies& dependencies);

/// The name of the cookie that ties a sign-in form to the browser it was
/// given to (a double-submitted CSRF token, Path=/login).
inline constexpr std::string_view kSignInCookie = "yardstick_sign_in";

}  // namespace yardstick::server::routes
