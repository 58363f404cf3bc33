#include "server/http/session.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server/app/log.hpp"
#include "server/http/problem.hpp"
#include "server/http/request_id.hpp"

namespace yardstick::server::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <typename Stream>
constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

// Route label for requests rejected before routing (unreadable, too large).
constexpr const char* kRejected = "rejected";

// How long a closing connection may take to drain what the client still
// sends, and separately to exchange TLS close_notify alerts.
constexpr std::chrono::seconds kClosingTime{1};

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

// What the transport adds to a request before the application sees it. The
// header is erased first on every transport, so that only the session can
// have set it.
template <typename Stream>
void mark_transport(Request& request) {
    request.erase(kTransportHeader);
    if constexpr (kIsTls<Stream>) {
        request.set(kTransportHeader, "tls");
    }
}

// What the transport adds to a response: over TLS, HSTS tells browsers to
// use only HTTPS for this host from now on.
template <typename Stream>
void mark_transport(beast_http::response_header<>& response) {
    if constexpr (kIsTls<Stream>) {
        response.set(beast_http::field::strict_transport_security, kStrictTransportSecurity);
    }
}

// Ends a connection whose last response has been sent: stop sending, so the
// client reads the end of the stream after it.
asio::awaitable<void> end_connection(PlainStream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    co_return;
}

// Over TLS the end of the stream is a close_notify alert (RFC 8446 §6.1):
// without it the client cannot tell the end from a truncation. Waits briefly
// for the client's close_notify; a client that just drops the connection
// (stream_truncated) or does not answer changes nothing.
asio::awaitable<void> end_connection(TlsStream& stream) {
    boost::system::error_code ec;
    beast::get_lowest_layer(stream).expires_after(kClosingTime);
    co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
}

// After an early answer the client may still be sending a body we will not
// read. Closing at once could reset the connection before the client reads
// our answer, so stop sending, then drain its input briefly.
asio::awaitable<void> lingering_close(PlainStream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    std::array<char, 4096> sink{};
    std::size_t drained = 0;
    stream.expires_after(kClosingTime);
    while (!ec && drained < 4 * 1024 * 1024) {
        drained += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
    stream.socket().close(ec);
}

// Over TLS: close_notify first (never a TCP half-close under a live TLS
// session), then drain the raw connection as above: whatever the client
// still sends, encrypted, is discarded unread.
asio::awaitable<void> lingering_close(TlsStream& stream) {
    co_await end_connection(stream);
    co_await lingering_close(beast::get_lowest_layer(stream));
}

// A streamed body: the header, then each piece as a chunk, then the last
// chunk. False when the connection must end: the client went away, or the
// body failed part-way (without the last chunk the client knows it is cut).
template <typename Stream>
asio::awaitable<bool> write_streamed(Stream& stream, Response& response, const SessionLimits& limits) {
    auto& tcp = beast::get_lowest_layer(stream);
    boost::system::error_code ec;
    beast_http::response<beast_http::empty_body> header{std::move(response.base())};
    header.erase(beast_http::field::content_length);
    header.chunked(true);
    beast_http::response_serializer<beast_http::empty_body> serializer{header};
    co_await beast_http::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        co_return false;
    }
    for (;;) {
        std::optional<std::string> piece;
        try {
            piece = co_await response.stream->next();
        } catch (const std::exception& e) {
            log_warning("http.stream_failed", {{"reason", e.what()}});
            co_return false;
        }
        if (!piece) {
            break;
        }
        if (piece->empty()) {
            continue;  // an empty chunk would end the body
        }
        tcp.expires_after(limits.write_timeout);
        co_await asio::async_write(stream, beast_http::make_chunk(asio::buffer(*piece)),
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            co_return false;
        }
    }
    tcp.expires_after(limits.write_timeout);
    co_await asio::async_write(stream, beast_http::make_chunk_last(), asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
}

// Imports (a responses.csv, a whole data package) may be larger than any
// other body. Decided from the request line alone, before the body is read:
// the route still checks who is asking.
bool is_import(const beast_http::request<beast_http::string_body>& request) {
    if (request.method() != beast_http::verb::post) {
        return false;
    }
    const std::string_view target = request.target();
    const std::string_view path = target.substr(0, target.find('?'));
    constexpr std::string_view kProgrammes = "/api/v1/programmes/";
    if (!path.starts_with(kProgrammes)) {
        return false;
    }
    const auto rest = path.substr(kProgrammes.size());
    const auto slash = rest.find('/');
    return slash != std::string_view::npos && rest.substr(slash).starts_with("/imports/") &&
           rest.substr(slash + std::string_view("/imports/").size()).find('/') == std::string_view::npos;
}

// The request loop, the same over plain TCP and TLS.
template <typename Stream>
asio::awaitable<void> serve_requests(Stream& stream, const SessionDependencies& deps, ConnectionState& state,
                                     const std::string& client) {
    auto& tcp = beast::get_lowest_layer(stream);
    const auto& limits = deps.limits;
    auto& metrics = deps.application->metrics();

    beast::flat_buffer buffer;
    boost::system::error_code ec;
    for (;;) {
        beast_http::request_parser<beast_http::string_body> parser;
        parser.header_limit(limits.header_limit);
        // Beast checks a Content-Length against the limit while it reads the
        // header, before the target is known: read it under the larger limit,
        // then hold every request but an import to the general one.
        parser.body_limit(std::max(limits.body_limit, limits.import_body_limit));

        state.reading = true;
        if (state.stopping) {
            break;
        }
        tcp.expires_after(limits.idle_timeout);
        co_await beast_http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        // After a body_limit error the request line is parsed: the 413 names the right limit.
        const bool importing = parser.got_some() && is_import(parser.get());
        if (!ec && !importing) {
            parser.body_limit(limits.body_limit);
            if (parser.content_length() && *parser.content_length() > limits.body_limit) {
                ec = beast_http::error::body_limit;
            }
        }
        if (!ec && boost::beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
            // curl and others wait for this before sending a large body.
            beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_, 11};
            co_await beast_http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (!ec && !parser.is_done()) {
            tcp.expires_after(limits.read_timeout);
            co_await beast_http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
        state.reading = false;

        if (ec) {
            // Beast reports body_limit before is_header_done(), but the request
            // line is parsed by then.
            const std::string method = parser.got_some() && !parser.get().method_string().empty()
                                           ? std::string(parser.get().method_string())
                                           : "-";
            std::optional<Response> answer;
            if (ec == beast_http::error::body_limit) {
                answer = rejection(
                    beast_http::status::payload_too_large,
                    "The request body is larger than the limit of " +
                        std::to_string(importing ? limits.import_body_limit : limits.body_limit) + " bytes.",
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
                mark_transport<Stream>(answer->base());
                tcp.expires_after(limits.write_timeout);
                co_await beast_http::async_write(stream, *answer, asio::redirect_error(asio::use_awaitable, ec));
                if (!ec) {
                    co_await lingering_close(stream);
                }
            } else if (ec == beast_http::error::end_of_stream) {
                // The client closed cleanly (over TLS: with close_notify).
                co_await end_connection(stream);
            }
            // Anything else (a reset, a TLS stream cut short, a timeout): the
            // connection is unusable and is closed as it is.
            break;
        }

        Request request = parser.release();
        mark_transport<Stream>(request);
        const bool head = request.method() == beast_http::verb::head;
        const bool keep_alive = request.keep_alive();
        Response response = co_await deps.application->handle(std::move(request), client);
        const bool keep_open = keep_alive && !state.stopping;
        response.keep_alive(keep_open);
        mark_transport<Stream>(response.base());

        tcp.expires_after(limits.write_timeout);
        if (head) {
            beast_http::response<beast_http::empty_body> header_only{std::move(response.base())};
            if (response.stream) {
                header_only.erase(beast_http::field::content_length);
                header_only.chunked(true);
            }
            co_await beast_http::async_write(stream, header_only, asio::redirect_error(asio::use_awaitable, ec));
        } else if (response.stream) {
            if (!co_await write_streamed(stream, response, limits)) {
                break;
            }
        } else {
            co_await beast_http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (ec) {
            break;
        }
        if (!keep_open) {
            co_await end_connection(stream);
            break;
        }
    }
}

// The registry's view of a connection: a graceful shutdown cancels the read
// of a connection waiting for a request (or, over TLS, for its handshake).
std::shared_ptr<ConnectionState> watch(beast::tcp_stream& stream) {
    auto state = std::make_shared<ConnectionState>();
    state->strand = stream.get_executor();
    state->cancel_read = [&stream] { stream.socket().cancel(); };
    return state;
}

// Undoes what a session did on opening (registry, metrics). Not a
// destructor: it must not run when a stopped io_context destroys a session
// mid-flight, after the application it counts with is gone.
void forget(const SessionDependencies& deps, ConnectionState& state, std::uint64_t registration) {
    state.reading = false;
    state.cancel_read = nullptr;
    deps.registry->remove(registration);
    deps.application->metrics().connection_closed();
}

// A handshake that fails because the client left or stayed silent (browsers
// open connections speculatively), or because the server stops, is not worth
// a log line; the rest (a plain-HTTP client on the TLS port, an old TLS
// version) is.
bool worth_logging(const boost::system::error_code& ec) {
    return ec != asio::error::operation_aborted && ec != asio::error::eof && ec != ssl::error::stream_truncated &&
           ec != asio::error::connection_reset && ec != beast::error::timeout;
}

}  // namespace

asio::awaitable<void> run_session(asio::ip::tcp::socket socket, std::shared_ptr<const SessionDependencies> deps) {
    PlainStream stream(std::move(socket));
    const auto client = client_address_of(stream);
    deps->application->metrics().connection_opened();
    const auto state = watch(stream);
    const auto registration = deps->registry->add(state);

    co_await serve_requests(stream, *deps, *state, client);

    forget(*deps, *state, registration);
}

asio::awaitable<void> run_tls_session(asio::ip::tcp::socket socket, ssl::context& tls,
                                      std::shared_ptr<const SessionDependencies> deps) {
    TlsStream stream(std::move(socket), tls);
    auto& tcp = beast::get_lowest_layer(stream);
    const auto client = client_address_of(tcp);
    deps->application->metrics().connection_opened();
    const auto state = watch(tcp);
    const auto registration = deps->registry->add(state);

    // Waiting for a handshake is like waiting for a request: no answer is
    // lost when a shutdown cancels it, and a silent client gets the idle timeout.
    state->reading = true;
    if (!state->stopping) {
        boost::system::error_code ec;
        tcp.expires_after(deps->limits.idle_timeout);
        co_await stream.async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
        state->reading = false;
        if (!ec) {
            co_await serve_requests(stream, *deps, *state, client);
        } else if (worth_logging(ec)) {
            log_info("http.tls_handshake_failed", {{"client", client}, {"error", ec.message()}});
        }
    }

    forget(*deps, *state, registration);
}

}  // namespace yardstick::server::http
