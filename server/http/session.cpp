#include "server/http/session.hpp"

#include <array>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "server/app/log.hpp"
#include "server/http/problem.hpp"
#include "server/http/request_id.hpp"

namespace yardstick::server::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

// Route label for requests rejected before routing (unreadable, too large).
constexpr const char* kRejected = "rejected";

std::string client_address_of(const beast::tcp_stream& stream) {
    boost::system::error_code ec;
    const auto endpoint = stream.socket().remote_endpoint(ec);
    return ec ? std::string("unknown") : endpoint.address().to_string();
}

// A problem answer to a request that could not be read; always closes.
Response rejection(beast_http::status status, std::string detail, const std::string& client, const std::string& method,
                   HttpMetrics& metrics) {
    Problem problem;
    problem.status = status;
    problem.detail = std::move(detail);
    const auto request_id = generate_request_id();
    auto response = make_problem_response(problem, 11, request_id);
    response.set("X-Request-Id", request_id);
    response.set(beast_http::field::server, "yardstick");
    response.set("X-Content-Type-Options", "nosniff");
    response.keep_alive(false);
    metrics.observe(method, kRejected, static_cast<unsigned>(status), std::chrono::duration<double>(0));
    log_access(request_id, method, kRejected, static_cast<unsigned>(status), 0.0, response.body().size(), client);
    return response;
}

// After an early answer the client may still be sending a body we will not
// read. Closing at once could reset the connection before the client reads
// our answer, so stop sending, then drain its input briefly.
asio::awaitable<void> lingering_close(beast::tcp_stream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    std::array<char, 4096> sink{};
    std::size_t drained = 0;
    stream.expires_after(std::chrono::seconds(1));
    while (!ec && drained < 4 * 1024 * 1024) {
        drained += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
    stream.socket().close(ec);
}

}  // namespace

asio::awaitable<void> run_session(asio::ip::tcp::socket socket, std::shared_ptr<const SessionDependencies> deps) {
    beast::tcp_stream stream(std::move(socket));
    const auto& limits = deps->limits;
    const auto client = client_address_of(stream);
    auto& metrics = deps->application->metrics();
    metrics.connection_opened();

    auto state = std::make_shared<ConnectionState>();
    state->strand = stream.get_executor();
    state->cancel_read = [&stream] { stream.socket().cancel(); };
    const auto registration = deps->registry->add(state);

    beast::flat_buffer buffer;
    boost::system::error_code ec;
    for (;;) {
        beast_http::request_parser<beast_http::string_body> parser;
        parser.header_limit(limits.header_limit);
        parser.body_limit(limits.body_limit);

        state->reading = true;
        if (state->stopping) {
            break;
        }
        stream.expires_after(limits.idle_timeout);
        co_await beast_http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (!ec && boost::beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
            // curl and others wait for this before sending a large body.
            beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_, 11};
            co_await beast_http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (!ec && !parser.is_done()) {
            stream.expires_after(limits.read_timeout);
            co_await beast_http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
        state->reading = false;

        if (ec) {
            // Beast reports body_limit before is_header_done(), but the request
            // line is parsed by then.
            const std::string method =
                parser.got_some() && !parser.get().method_string().empty() ? std::string(parser.get().method_string())
                                                                          : "-";
            std::optional<Response> answer;
            if (ec == beast_http::error::body_limit) {
                answer = rejection(
                    beast_http::status::payload_too_large,
                    "The request body is larger than the limit of " + std::to_string(limits.body_limit) + " bytes.",
                    client, method, metrics);
            } else if (ec == beast_http::error::header_limit) {
                answer = rejection(beast_http::status::request_header_fields_too_large,
                                   "The request line and headers are larger than the limit of " +
                                       std::to_string(limits.header_limit) + " bytes.",
                                   client, method, metrics);
            } else if (ec == beast::error::timeout) {
                // tcp_stream has already closed the socket, so no 408 can be
                // sent: record the slow client and end the connection.
                if (parser.got_some() || buffer.size() > 0) {
                    log_warning("http.request_timeout", {{"client", client}});
                }
            } else if (ec.category() == make_error_code(beast_http::error::bad_target).category() &&
                       ec != beast_http::error::end_of_stream && ec != beast_http::error::partial_message) {
                answer = rejection(beast_http::status::bad_request,
                                   "The request is not valid HTTP/1.1: " + ec.message(), client, method, metrics);
            }
            if (answer) {
                stream.expires_after(limits.write_timeout);
                co_await beast_http::async_write(stream, *answer, asio::redirect_error(asio::use_awaitable, ec));
                if (!ec) {
                    co_await lingering_close(stream);
                }
            } else if (ec == beast_http::error::end_of_stream) {
                stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
            }
            break;
        }

        Request request = parser.release();
        const bool head = request.method() == beast_http::verb::head;
        const bool keep_alive = request.keep_alive();
        Response response = co_await deps->application->handle(std::move(request), client);
        const bool keep_open = keep_alive && !state->stopping;
        response.keep_alive(keep_open);

        stream.expires_after(limits.write_timeout);
        if (head) {
            beast_http::response<beast_http::empty_body> header_only{std::move(response.base())};
            co_await beast_http::async_write(stream, header_only, asio::redirect_error(asio::use_awaitable, ec));
        } else {
            co_await beast_http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (ec) {
            break;
        }
        if (!keep_open) {
            stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
            break;
        }
    }
    state->reading = false;
    state->cancel_read = nullptr;
    deps->registry->remove(registration);
    metrics.connection_closed();
}

}  // namespace yardstick::server::http
