#pragma once
// Answers for people in a browser: HTML pages and redirects, all with the
// same security headers (the participants' forms and the staff pages).

#include <string>

#include "server/http/types.hpp"

namespace yardstick::server::routes {

/// The headers of every page: a content security policy that allows this
/// server's stylesheet and nothing else (no script at all, no framing), no
/// referrer (personal links carry their token in the address), no caching.
void page_headers(http::Response& response);

/// A text/html page with `status`.
http::Response html_page(const http::RequestContext& context, http::beast_http::status status, std::string body);

/// 303 See Other to `location`, so that reloading never posts twice.
http::Response see_other(const http::RequestContext& context, const std::string& location);

/// A file of the server's own (stylesheet, script) whose address changes
/// with its content: cached for a year.
http::Response immutable_asset(const http::RequestContext& context, const std::string& content_type,
                               std::string_view body);

}  // namespace yardstick::server::routes
