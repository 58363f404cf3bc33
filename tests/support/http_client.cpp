#include "tests/support/http_client.hpp"

#include <openssl/ssl.h>
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <sstream>
#include <stdexcept>

namespace yardstick::testing {
namespace {

namespace asio = boost::asio;

asio::ip::tcp::endpoint local_endpoint(std::uint16_t port) {
    return {asio::ip::address_v4::loopback(), port};
}

}  // namespace

HttpConnection::HttpConnection(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout), socket_(context_) {
    // Connecting to the loopback interface succeeds or is refused at once:
    // no deadline needed.
    socket_.connect(local_endpoint(port));
}

HttpConnection::HttpConnection(std::uint16_t port, const TlsClientOptions& options, std::chrono::milliseconds timeout)
    : HttpConnection(port, timeout) {
    namespace ssl = asio::ssl;
    tls_context_.emplace(ssl::context::tls_client);
    if (options.trusted_certificate.empty()) {
        tls_context_->set_verify_mode(ssl::verify_none);
    } else {
        tls_context_->load_verify_file(options.trusted_certificate.string());
        tls_context_->set_verify_mode(ssl::verify_peer);
        tls_context_->set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    }
    if (options.max_version != 0) {
        SSL_CTX_set_max_proto_version(tls_context_->native_handle(), options.max_version);
        if (options.max_version < TLS1_2_VERSION) {
            // OpenSSL 3 will not speak TLS before 1.2 at its default security
            // level; without this the client, not the server, would refuse.
            SSL_CTX_set_security_level(tls_context_->native_handle(), 0);
            SSL_CTX_set_min_proto_version(tls_context_->native_handle(), 0);
        }
    }
    tls_.emplace(socket_, *tls_context_);
    const auto ec = run_with_deadline(
        [&](auto handler) {
            tls_->async_handshake(ssl::stream_base::client,
                                  [handler](boost::system::error_code e) mutable { handler(e, 0); });
        },
        timeout_);
    if (ec) {
        throw std::runtime_error("the TLS handshake failed: " + ec.message());
    }
}

template <typename Operation>
void HttpConnection::on_stream(Operation&& operation) {
    if (tls_) {
        operation(*tls_);
    } else {
        operation(socket_);
    }
}

HttpConnection::~HttpConnection() {
    boost::system::error_code ignored;
    socket_.close(ignored);
}

template <typename Initiate>
boost::system::error_code HttpConnection::run_with_deadline(Initiate&& initiate, std::chrono::milliseconds timeout) {
    boost::system::error_code result;
    bool done = false;
    context_.restart();
    initiate([&](boost::system::error_code ec, std::size_t) {
        result = ec;
        done = true;
    });
    context_.run_for(timeout);
    if (!done) {
        // Let the cancelled operation complete before its locals go away.
        boost::system::error_code ignored;
        socket_.cancel(ignored);
        context_.restart();
        context_.run();
        return asio::error::timed_out;
    }
    return result;
}

void HttpConnection::write(std::string_view bytes) {
    const auto ec = run_with_deadline(
        [&](auto handler) {
            on_stream(
                [&](auto& stream) { asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), handler); });
        },
        timeout_);
    if (ec) {
        throw std::runtime_error("writing to the server failed: " + ec.message());
    }
}

HttpResponse HttpConnection::read_response(bool head) {
    beast_http::response_parser<beast_http::string_body> parser;
    parser.skip(head);
    parser.body_limit(64 * 1024 * 1024);
    const auto ec = run_with_deadline(
        [&](auto handler) {
            on_stream([&](auto& stream) { beast_http::async_read(stream, buffer_, parser, handler); });
        },
        timeout_);
    if (ec) {
        throw std::runtime_error("reading a response failed: " + ec.message());
    }
    return parser.release();
}

HttpResponse HttpConnection::request(beast_http::verb method, std::string_view target, std::string body,
                                     const HeaderList& headers) {
    write(format_request(method, target, port_, body, headers));
    return read_response(method == beast_http::verb::head);
}

ReceivedUntilClose HttpConnection::read_until_closed(std::chrono::milliseconds timeout) {
    ReceivedUntilClose received;
    const auto buffered = buffer_.data();
    received.bytes.assign(static_cast<const char*>(buffered.data()), buffered.size());
    buffer_.consume(buffer_.size());

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::array<char, 4096> chunk{};
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left <= std::chrono::milliseconds::zero()) {
            return received;
        }
        std::size_t count = 0;
        const auto ec = run_with_deadline(
            [&](auto handler) {
                on_stream([&](auto& stream) {
                    stream.async_read_some(asio::buffer(chunk),
                                           [&count, handler](boost::system::error_code e, std::size_t n) mutable {
                                               count = n;
                                               handler(e, n);
                                           });
                });
            },
            left);
        received.bytes.append(chunk.data(), count);
        if (ec == asio::error::timed_out) {
            return received;
        }
        if (ec) {
            // End of file (over TLS: close_notify, or a connection closed
            // without one) or a reset: either way the server is done with us.
            received.closed = true;
            return received;
        }
    }
}

std::string format_request(beast_http::verb method, std::string_view target, std::uint16_t port,
                           const std::string& body, const HeaderList& headers) {
    beast_http::request<beast_http::string_body> message{method, target, 11};
    message.set(beast_http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers) {
        message.insert(name, value);
    }
    message.body() = body;
    if (!body.empty()) {
        message.prepare_payload();
    }
    std::ostringstream out;
    out << message;
    return out.str();
}

ReceivedUntilClose exchange_raw(std::uint16_t port, std::string_view bytes, std::chrono::milliseconds timeout) {
    HttpConnection connection(port, timeout);
    connection.write(bytes);
    return connection.read_until_closed(timeout);
}

HttpResponse parse_response(std::string_view raw, bool head) {
    beast_http::response_parser<beast_http::string_body> parser;
    parser.eager(true);
    parser.skip(head);
    boost::system::error_code ec;
    std::size_t used = 0;
    while (!parser.is_done() && used < raw.size()) {
        const std::size_t n = parser.put(asio::buffer(raw.data() + used, raw.size() - used), ec);
        if (ec == beast_http::error::need_more) {
            break;
        }
        if (ec) {
            throw std::runtime_error("not a valid HTTP response (" + ec.message() + "): " + std::string(raw));
        }
        used += n;
    }
    if (!parser.is_done()) {
        throw std::runtime_error("no complete HTTP response in: " + std::string(raw));
    }
    return parser.release();
}

HttpResponse request(std::uint16_t port, beast_http::verb method, std::string_view target, std::string body,
                     const HeaderList& headers, std::chrono::milliseconds timeout) {
    HttpConnection connection(port, timeout);
    return connection.request(method, target, std::move(body), headers);
}

bool accepts_connections(std::uint16_t port) {
    asio::io_context context;
    asio::ip::tcp::socket socket(context);
    boost::system::error_code ec;
    socket.connect(local_endpoint(port), ec);
    socket.close();
    return !ec;
}

}  // namespace yardstick::testing
