#include "server/routes/html_responses.hpp"

namespace yardstick::server::routes {

using http::beast_http::field;
using http::beast_http::status;

void page_headers(http::Response& response) {
    response.set("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                 "frame-ancestors 'none'; base-uri 'none'");
    response.set("Referrer-Policy", "no-referrer");
    response.set("X-Content-Type-Options", "nosniff");
    response.set(field::cache_control, "no-store");
}

http::Response html_page(const http::RequestContext& context, status code, std::string body) {
    http::Response response{code, context.request.version()};
    response.set(field::content_type, "text/html; charset=utf-8");
    page_headers(response);
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

http::Response see_other(const http::RequestContext& context, const std::string& location) {
    http::Response response{status::see_other, context.request.version()};
    page_headers(response);
    response.set(field::location, location);
    response.prepare_payload();
    return response;
}

http::Response immutable_asset(const http::RequestContext& context, const std::string& content_type,
                               std::string_view body) {
    http::Response response{status::ok, context.request.version()};
    response.set(field::content_type, content_type);
    response.set(field::cache_control, "public, max-age=31536000, immutable");
    response.set("X-Content-Type-Options", "nosniff");
    response.body() = std::string(body);
    response.prepare_payload();
    return response;
}

}  // namespace yardstick::server::routes
