#pragma once
// The dashboard's one script: it keeps the page current from the live
// report stream. Served by the server itself, under an address that changes
// with its content (cached for a year, like the stylesheet).

#include <string>
#include <string_view>

namespace yardstick::server::reports {

std::string_view dashboard_script();

/// "/assets/dashboard.js?v=<first 12 hex digits of its SHA-256>".
const std::string& dashboard_script_url();

}  // namespace yardstick::server::reports
